package org.stellaops.attestor.core.internal;

/**
 * Codes and audit actions of the 1.3 service additions that are not (yet) constants of the exported
 * {@code ErrorCodes}: the API documents them (docs/api.md, docs/operations.md), front ends compare strings.
 */
final class CoreCodes {

    /** A batch with more items than {@code batchMaxItems}. */
    static final String BATCH_TOO_LARGE = "request.batch_too_large";
    /** A malformed request parameter, e.g. a search cursor this service did not write. */
    static final String INVALID_REQUEST = "request.invalid";
    /** The store in use cannot do what the request asks (a fact search on a store of contract 5.0). */
    static final String STORAGE_UNSUPPORTED = "storage.unsupported";
    /** A failure that is not one of the typed ones (a bug or a plugin misbehaving). */
    static final String INTERNAL = "internal.error";
    /** Outcome of an {@code audit.verify} that found a broken link or anchor. */
    static final String AUDIT_BROKEN = "audit.chain_broken";

    /** Audit action: a verification. */
    static final String ENTRY_VERIFY = "entry.verify";
    /** Audit action: the audit chain was walked and checked. */
    static final String AUDIT_VERIFY = "audit.verify";
    /** Audit action: the audit chain head was anchored in a transparency log. */
    static final String AUDIT_ANCHOR = "audit.anchor";

    private CoreCodes() {
    }
}
