/**
 * The key-driver SPI: plugins that hold signing keys (file KMS, HSM, FIDO2) and sign on the platform's behalf.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.stellaops.attestor.api.keys;
