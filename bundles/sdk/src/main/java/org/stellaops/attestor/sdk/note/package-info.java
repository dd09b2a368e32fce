/**
 * C2SP signed notes: parsing, formatting, signing and verifying notes with Ed25519 and ECDSA keys, and the
 * verifier-key text form.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.sdk.note;
