package org.stellaops.attestor.core.service;

/**
 * Error codes the core adds to those of the sdk (see docs/api.md for the full table and HTTP statuses).
 */
public final class ErrorCodes {

    /** The envelope's payload type is not in-toto. */
    public static final String UNSUPPORTED_PAYLOAD_TYPE = "envelope.unsupported_payload_type";
    /** No installed handler owns the statement's predicate type. */
    public static final String UNKNOWN_PREDICATE_TYPE = "predicate.unknown_type";
    /** No signature verified and none could be attributed to a known key. */
    public static final String UNTRUSTED_SIGNER = "signature.untrusted_signer";
    /** The only keys that verify have been revoked. */
    public static final String REVOKED_SIGNER = "signature.revoked_signer";
    /** A signature names a trusted key but does not verify with it (wrong signature or tampered payload). */
    public static final String INVALID_SIGNATURE = "signature.invalid";
    /** No record with that id. */
    public static final String ENTRY_NOT_FOUND = "entry.not_found";
    /** The id is neither a uuid nor sha256:&lt;hex&gt;. */
    public static final String BAD_ID = "request.bad_id";
    /** The request body is not what the endpoint expects. */
    public static final String BAD_REQUEST = "request.malformed";
    /** No trusted key with that id. */
    public static final String TRUST_KEY_NOT_FOUND = "trust.key_not_found";
    /** The trusted key was already revoked. */
    public static final String TRUST_KEY_REVOKED = "trust.key_already_revoked";
    /** No primary transparency log is available. */
    public static final String NO_LOG = "tlog.unavailable";

    /** No key driver (or no usable service key) is available to sign a service receipt. */
    public static final String KEY_DRIVER_UNAVAILABLE = "key.driver_unavailable";

    private ErrorCodes() {
    }
}
