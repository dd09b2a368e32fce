package org.stellaops.attestor.sdk;

/**
 * The stable error codes carried by {@link AttestorException#code()}. They never change meaning; the HTTP layer
 * maps them to RFC 9457 problem types.
 */
public final class ErrorCodes {

    /** The input is larger than the configured limit. */
    public static final String REQUEST_TOO_LARGE = "request.too_large";
    /** The input is not well-formed JSON, has trailing content or is not valid UTF-8. */
    public static final String JSON_MALFORMED = "json.malformed";
    /** An object has the same member name twice. */
    public static final String JSON_DUPLICATE_MEMBER = "json.duplicate_member";
    /** Arrays and objects are nested deeper than the configured limit. */
    public static final String JSON_TOO_DEEP = "json.too_deep";
    /** The DSSE envelope is not an object, has members of the wrong type, or has no payload. */
    public static final String ENVELOPE_MALFORMED = "envelope.malformed";
    /** The DSSE envelope has no (or an empty) payloadType. */
    public static final String ENVELOPE_MISSING_PAYLOAD_TYPE = "envelope.missing_payload_type";
    /** A payload or signature is not strict base64. */
    public static final String ENVELOPE_BAD_BASE64 = "envelope.bad_base64";
    /** The DSSE envelope has no signatures. */
    public static final String ENVELOPE_NO_SIGNATURES = "envelope.no_signatures";
    /** A DSSE signature is missing or empty. */
    public static final String ENVELOPE_EMPTY_SIGNATURE = "envelope.empty_signature";
    /** The DSSE envelope has more signatures than the sdk accepts. */
    public static final String ENVELOPE_TOO_MANY_SIGNATURES = "envelope.too_many_signatures";
    /** The in-toto statement has members of the wrong type. */
    public static final String STATEMENT_MALFORMED = "statement.malformed";
    /** The statement's {@code _type} is neither in-toto v1 nor v0.1. */
    public static final String STATEMENT_UNKNOWN_TYPE = "statement.unknown_type";
    /** The statement has no subjects. */
    public static final String STATEMENT_NO_SUBJECTS = "statement.no_subjects";
    /** A subject has no digest, or a digest value of the wrong form. */
    public static final String STATEMENT_BAD_SUBJECT_DIGEST = "statement.bad_subject_digest";
    /** The statement has no (or an empty) predicateType. */
    public static final String STATEMENT_MISSING_PREDICATE_TYPE = "statement.missing_predicate_type";
    /** A key could not be decoded. */
    public static final String KEY_MALFORMED = "key.malformed";
    /** A key is too small to be accepted (RSA below 2048 bits). */
    public static final String KEY_TOO_WEAK = "key.too_weak";
    /** A key type or key/algorithm pair is not supported. */
    public static final String KEY_UNSUPPORTED_ALGORITHM = "key.unsupported_algorithm";
    /** A Merkle inclusion or consistency proof does not verify. */
    public static final String MERKLE_INVALID_PROOF = "merkle.invalid_proof";
    /** A signed note is not of the C2SP signed-note form. */
    public static final String NOTE_MALFORMED = "note.malformed";
    /** A signed note carries no valid signature of a known key, or a known key's signature fails. */
    public static final String NOTE_UNVERIFIED = "note.unverified";
    /** A checkpoint's note text is not of the C2SP tlog-checkpoint form. */
    public static final String CHECKPOINT_MALFORMED = "checkpoint.malformed";
    /** A C2SP tlog-proof text is not well formed. */
    public static final String TLOG_PROOF_MALFORMED = "tlog_proof.malformed";
    /** A Rekor v2 request is not a well-formed hashedrekord v0.0.2 request (or names another entry type). */
    public static final String REKOR_INVALID_REQUEST = "rekor.invalid_request";
    /** A Rekor request uses a signature algorithm the log does not accept (pure Ed25519, RSA-PSS, odd RSA sizes). */
    public static final String REKOR_UNSUPPORTED_ALGORITHM = "rekor.unsupported_algorithm";
    /** A Rekor request's signature does not verify over its digest. */
    public static final String REKOR_BAD_SIGNATURE = "rekor.bad_signature";
    /** A Rekor response is not of the documented form. */
    public static final String REKOR_INVALID_RESPONSE = "rekor.invalid_response";
    /** A cosigner verifier key is malformed, of the wrong type, or its key ID does not match its key. */
    public static final String WITNESS_BAD_KEY = "witness.bad_key";
    /** A tlog-witness add-checkpoint request body is not well formed. */
    public static final String WITNESS_MALFORMED = "witness.malformed";
    /** A signed-note verifier key is malformed, of an unsupported type, or its key ID does not match its key. */
    public static final String NOTE_BAD_KEY = "note.bad_key";
    /** A tile or entry bundle could not be read from the tile source. */
    public static final String TILES_UNAVAILABLE = "tiles.unavailable";
    /** A tile or entry bundle has the wrong length or structure. */
    public static final String TILES_MALFORMED = "tiles.malformed";

    private ErrorCodes() {
    }
}
