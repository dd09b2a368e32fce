package org.stellaops.attestor.store.mongo;

/** Collection and field names, in one place so that docs/storage.md, indexes and queries agree. */
final class Fields {

    static final String ENTRIES = "entries";
    static final String AUDIT = "audit";
    static final String TRUST_KEYS = "trust_keys";
    static final String META = "meta";
    static final String ONE_TIME_KEYS = "one_time_keys";

    static final String ID = "_id";
    /** On entries, audit events and trusted keys: the owning tenant ({@code ""} on operator audit events). */
    static final String TENANT = "tenant";
    /** On entries: the envelope digest (the {@code _id} is {@code <tenant>|<digest>}, see {@link Ids}). */
    static final String ENVELOPE_DIGEST = "envelopeDigest";
    static final String REV = "rev";
    static final String UUIDS = "uuids";
    static final String SUBJECT_DIGESTS = "subjectDigests";
    static final String PREDICATE_TYPE = "predicateType";
    static final String SIGNER_KEY_IDS = "signerKeyIds";
    /**
     * On entries: the record's fact terms as {@code [{n: <fact name>, v: <term>}, …]} (store contract 5.1, schema 3).
     * Names are values here, never field names: a fact name has dots, which MongoDB would read as a path.
     */
    static final String FACTS = "facts";
    /** In an element of {@link #FACTS}: the fact name. */
    static final String FACT_NAME = "n";
    /** In an element of {@link #FACTS}: one term of the fact. */
    static final String FACT_TERM = "v";
    static final String CREATED_AT = "createdAt";
    static final String STATUS = "status";
    static final String BODY = "body";
    static final String LEASE = "lease";
    static final String LEASE_OWNER = "lease.owner";
    static final String LEASE_UNTIL = "lease.until";
    static final String PENDING_AUDIT = "pendingAudit";
    static final String PENDING_AUDIT_SINCE = "pendingAudit.since";

    static final String PREVIOUS_HASH = "previousHash";
    static final String HASH = "hash";
    static final String TIME = "time";
    static final String ACTOR = "actor";
    static final String ACTION = "action";
    static final String TARGET = "target";
    static final String OUTCOME = "outcome";
    static final String REMOTE_ADDRESS = "remoteAddress";
    static final String DETAIL = "detail";
    /** On audit events written for a record's creation: the record's envelope digest (unique). */
    static final String ENTRY = "entry";

    static final String KEY_ID = "keyId";
    static final String SHARED = "shared";
    static final String NAME = "name";
    static final String ALGORITHM = "algorithm";
    static final String PUBLIC_KEY_PEM = "publicKeyPem";
    static final String REVOKED_AT = "revokedAt";
    static final String KEY_VERSION = "keyVersion";
    static final String VALID_FROM = "validFrom";
    static final String RETIRED_AT = "retiredAt";
    static final String REVOCATION_REASON = "revocationReason";
    static final String COMPROMISED_AT = "compromisedAt";
    static final String DRIVER = "driver";
    static final String VERSION = "version";

    /** On one-time keys: when the key may be forgotten (a BSON date, for the TTL index). */
    static final String EXPIRES_AT = "expiresAt";

    static final String META_SCHEMA = "schema";
    static final String META_TRUST_VERSION = "trust.version";
    static final String VALUE = "value";

    private Fields() {
    }
}
