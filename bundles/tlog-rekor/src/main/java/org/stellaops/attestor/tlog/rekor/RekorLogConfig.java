package org.stellaops.attestor.tlog.rekor;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One remote Rekor log (factory PID {@value #PID}): each factory configuration registers one
 * {@link org.stellaops.attestor.api.tlog.TransparencyLog} service.
 */
@ObjectClassDefinition(id = RekorLogConfig.PID, factoryPid = RekorLogConfig.PID, name = "Attestor Rekor transparency log",
        description = "A remote Rekor v2 (rekor-tiles) or Rekor v1 log. Every answer is verified against the log's "
                + "checkpoint key, and every new checkpoint is proven consistent with the last one trusted.")
@interface RekorLogConfig {

    /** The factory PID. */
    String PID = "org.stellaops.attestor.tlog.rekor";

    /** Kind value of a Rekor v2 log. */
    String KIND_V2 = "rekor-v2";
    /** Kind value of a Rekor v1 log. */
    String KIND_V1 = "rekor-v1";

    @AttributeDefinition(name = "Kind", description = "API of the log.",
            options = {@Option(label = "Rekor v2 (rekor-tiles)", value = KIND_V2), @Option(label = "Rekor v1", value = KIND_V1)})
    String kind() default KIND_V2;

    @AttributeDefinition(name = "URL", description = "Base URL of the write API, e.g. https://log2025-1.rekor.sigstore.dev "
            + "(v2) or https://rekor.sigstore.dev (v1).")
    String url();

    @AttributeDefinition(name = "Read URL", required = false, description = "Rekor v2 only: the tlog-tiles read prefix "
            + "(checkpoint and tiles), e.g. https://<shard>/api/v2/ or http://127.0.0.1:8080/tlog/ for an Attestor.")
    String readUrl() default "";

    @AttributeDefinition(name = "Origin", description = "Checkpoint origin and note key name. Rekor v1: the hostname "
            + "the log signs as; checkpoints of '<hostname> - <treeID>' are accepted.")
    String origin();

    @AttributeDefinition(name = "Public key", description = "The log's checkpoint key: PEM SubjectPublicKeyInfo "
            + "(ECDSA P-256/P-384 or Ed25519) or a C2SP verifier key <name>+<id>+<key>.")
    String publicKey();

    @AttributeDefinition(name = "Public key valid from", required = false, description = "RFC 3339 time the "
            + "current publicKey started signing, e.g. 2026-07-01T00:00:00Z (as in the log's TrustedRoot validFor.start). "
            + "Empty: when the newest previous key was retired, or the epoch if there is none.")
    String publicKeyValidFrom() default "";

    @AttributeDefinition(name = "Previous keys", required = false, description = "Earlier checkpoint keys of this "
            + "log, one per value, oldest first: '<validFrom>|<retiredAt>|<key>' with RFC 3339 times and the key as "
            + "PEM or C2SP verifier key, e.g. '2025-01-01T00:00:00Z|2026-07-01T00:00:00Z|attestor.example+1a2b3c4d+Ag...'. "
            + "Entries and checkpoints signed by them keep verifying; new checkpoints may still carry them until the "
            + "log has switched.")
    String[] previousKeys() default {};

    @AttributeDefinition(name = "Revoked keys", required = false, description = "Previous keys that must never be "
            + "accepted again, one per value: '<logId>|<revokedAt>|<reason>' (log ID = 64 hex digits as listed in GET "
            + "/api/v1/logs keys[].logId, RFC 3339 revokedAt, free-text reason). The current publicKey cannot be "
            + "revoked: replace it.")
    String[] revokedKeys() default {};

    @AttributeDefinition(name = "Role", description = "primary or mirror (service property attestor.tlog.role).",
            options = {@Option(label = "mirror", value = "mirror"), @Option(label = "primary", value = "primary")})
    String attestor_tlog_role() default "mirror";

    @AttributeDefinition(name = "Timeout (ms)", min = "1000", description = "Connect and request timeout. Rekor v2 "
            + "answers a write only once a checkpoint covers it: keep at least 20000.")
    long timeoutMillis() default 20_000;

    @AttributeDefinition(name = "CA file", required = false, description = "A PEM file of the CA certificates to "
            + "trust for this log's HTTPS endpoint, instead of the JVM's CAs: for a log with a private CA, such as "
            + "another Attestor's local CA (its D/tls/ca.pem). Empty: the JVM's CAs.")
    String caFile() default "";

    @AttributeDefinition(name = "Rekor v1 entry kind", description = "Rekor v1 only: hashedrekord v0.0.1, or intoto "
            + "v0.0.2 (stores the attestation; used when the caller supplies the envelope).",
            options = {@Option(label = "hashedrekord", value = "hashedrekord"), @Option(label = "intoto", value = "intoto")})
    String v1EntryKind() default "hashedrekord";

    @AttributeDefinition(name = "State directory", required = false, description = "Where the last trusted checkpoint "
            + "is kept. Empty: <attestor.data.dir>/tlog-rekor/<configuration name>.")
    String stateDirectory() default "";
}
