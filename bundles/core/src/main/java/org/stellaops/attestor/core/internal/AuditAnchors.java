package org.stellaops.attestor.core.internal;

import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.core.service.AttestationService.AuditAnchor;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.json.Jcs;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.sdk.rekor.RekorV2;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.ChainedAuditEvent;

/**
 * Anchors the head of the audit chain in the primary transparency log, so that rewriting the trail (even with
 * every hash recomputed) is detectable by anyone holding the log. The anchored statement is the RFC 8785 form of
 * {@code {"type":"stellaops.audit-anchor/v1","seq":<n>,"hash":"<hex>","origin":"<service key id>"}}, signed (ECDSA
 * P-256) with the service key; the logged hashedrekord is (SHA-256 of the statement, that signature, the service
 * key). The audit event {@code audit.anchor} records it; its detail (compact JSON) holds {@code type, seq, hash,
 * origin, keyId, signature} and the log's answer ({@code logId, uuid, logIndex} and {@code entry}, a Rekor v2
 * TransparencyLogEntry with its inclusion proof and checkpoint), enough to re-verify offline.
 */
final class AuditAnchors {

    /** The statement's type. */
    static final String TYPE = "stellaops.audit-anchor/v1";
    private static final Logger LOG = LoggerFactory.getLogger(AuditAnchors.class);
    private static final JsonLimits DETAIL_LIMITS = new JsonLimits(1024 * 1024, 32);

    private final AuditStore store;
    private final Auditor auditor;
    private final LogRegistry logs;
    private final EntryChecks checks;
    private final ServiceKeys keys;
    private final Duration submitTimeout;

    AuditAnchors(AuditStore store, Auditor auditor, LogRegistry logs, EntryChecks checks, ServiceKeys keys,
                 Duration submitTimeout) {
        this.store = store;
        this.auditor = auditor;
        this.logs = logs;
        this.checks = checks;
        this.keys = keys;
        this.submitTimeout = submitTimeout;
    }

    /** @return whether the event is a successful anchoring */
    static boolean isAnchor(ChainedAuditEvent event) {
        return CoreCodes.AUDIT_ANCHOR.equals(event.event().action()) && Auditor.SUCCESS.equals(event.event().outcome());
    }

    /**
     * Anchors the chain head unless it is itself an anchor (nothing happened since) or there is nothing to anchor
     * with: no primary log or no service key skips with a log line, not an error.
     *
     * @return the {@code audit.anchor} event written (its outcome says whether the log took it), or empty
     */
    Optional<ChainedAuditEvent> anchorIfMoved() {
        Optional<ChainedAuditEvent> head = store.head();
        if (head.isEmpty() || isAnchor(head.get())) {
            return Optional.empty();
        }
        Optional<LogRegistry.Registration> primary = logs.ordered().stream()
                .filter(LogRegistry.Registration::primary).findFirst();
        if (primary.isEmpty()) {
            LOG.info("audit chain not anchored: no primary transparency log is registered");
            return Optional.empty();
        }
        ServiceKeys.ServiceKey key;
        try {
            key = keys.current();
        } catch (AttestorException e) {
            LOG.info("audit chain not anchored: {}", e.getMessage());
            return Optional.empty();
        }
        return Optional.of(anchor(head.get(), primary.get(), key));
    }

    private ChainedAuditEvent anchor(ChainedAuditEvent head, LogRegistry.Registration primary,
                                     ServiceKeys.ServiceKey key) {
        String target = String.valueOf(head.seq());
        try {
            byte[] statement = statement(head.seq(), head.hash(), key.keyId());
            byte[] signature = keys.sign(key.keyId(), statement);
            PlannedEntry planned = planned(statement, signature, key.publicKey());
            LogEntry entry = primary.log().submit(planned.request()).toCompletableFuture()
                    .get(submitTimeout.toMillis(), TimeUnit.MILLISECONDS);
            String refusal = checks.acceptance(primary.descriptor(), entry, planned, "");
            if (refusal != null) {
                throw new TransparencyLogException(TransparencyLogException.BAD_PROOF, refusal);
            }
            return auditor.systemEvent(CoreCodes.AUDIT_ANCHOR, target, Auditor.SUCCESS,
                    detail(head, key.keyId(), signature, entry));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(target, TransparencyLogException.UNAVAILABLE, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            OutboxRecords.Failure failure = Publisher.classify(e);
            return failed(target, failure.code(), failure.detail());
        } catch (AttestorException | TransparencyLogException e) {
            return failed(target, RecordLookup.codeOf(e), e.getMessage());
        }
    }

    private ChainedAuditEvent failed(String target, String code, String detail) {
        LOG.warn("the audit chain head {} could not be anchored: {}: {}", target, code, detail);
        return auditor.systemEvent(CoreCodes.AUDIT_ANCHOR, target, code, detail);
    }

    /** @return the RFC 8785 anchor statement */
    static byte[] statement(long seq, String hash, String origin) {
        ObjectNode node = StrictJson.mapper().createObjectNode();
        node.put("type", TYPE);
        node.put("seq", seq);
        node.put("hash", hash);
        node.put("origin", origin);
        return Jcs.canonicalize(node);
    }

    private static PlannedEntry planned(byte[] statement, byte[] signature, PublicKey serviceKey) {
        return EntryPlanner.planned(0, CoreCodes.AUDIT_ANCHOR, new HashedRekordRequest(
                Bytes.of(Receipts.sha256(statement)), Bytes.of(signature), Bytes.of(PublicKeys.spki(serviceKey)),
                KeyAlgorithm.ECDSA_P256_SHA256));
    }

    private static String detail(ChainedAuditEvent head, String keyId, byte[] signature, LogEntry entry) {
        ObjectNode node = StrictJson.mapper().createObjectNode();
        node.put("type", TYPE);
        node.put("seq", head.seq());
        node.put("hash", head.hash());
        node.put("origin", keyId);
        node.put("keyId", keyId);
        node.put("signature", Base64.getEncoder().encodeToString(signature));
        node.put("logId", entry.logId());
        node.put("uuid", entry.uuid());
        node.put("logIndex", entry.logIndex());
        node.set("entry", StrictJson.parse(RekorV2.entryJson(entry, HexFormat.of().parseHex(entry.logId())),
                DETAIL_LIMITS));
        try {
            return StrictJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * Re-checks one anchor: whether the chain still has the anchored hash at the anchored seq, and whether the
     * logged entry is the service-signed statement of exactly that seq and hash, included (inclusion proof) under
     * a checkpoint signed by the registered log.
     */
    AuditAnchor check(ChainedAuditEvent anchorEvent) {
        JsonNode d;
        try {
            d = StrictJson.parse(anchorEvent.event().detail().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    DETAIL_LIMITS);
        } catch (AttestorException malformed) {
            return new AuditAnchor(0, "", "", "", -1, false, false);
        }
        long seq = d.path("seq").asLong(0);
        String hash = d.path("hash").asText("");
        String logId = d.path("logId").asText("");
        String uuid = d.path("uuid").asText("");
        long logIndex = d.path("logIndex").asLong(-1);
        boolean matches = seq > 0 && store.chain(seq, 1).stream()
                .anyMatch(e -> e.seq() == seq && e.hash().equals(hash));
        return new AuditAnchor(seq, hash, logId, uuid, logIndex, matches, proofVerified(d, seq, hash));
    }

    private boolean proofVerified(JsonNode d, long seq, String hash) {
        try {
            LogEntry entry = SuppliedEntries.logEntry(StrictJson.mapper().writeValueAsBytes(d.path("entry")),
                    DETAIL_LIMITS);
            if (!entry.logId().equals(d.path("logId").asText()) || !entry.uuid().equals(d.path("uuid").asText())
                    || entry.logIndex() != d.path("logIndex").asLong(-1)) {
                return false;
            }
            Optional<PublicKey> key = keys.publicKey(d.path("keyId").asText(""));
            Optional<LogDescriptor> log = logs.knownDescriptor(entry.logId());
            if (key.isEmpty() || log.isEmpty()) {
                return false;
            }
            byte[] statement = statement(seq, hash, d.path("origin").asText(""));
            byte[] signature = Base64.getDecoder().decode(d.path("signature").asText(""));
            return Signatures.verify(key.get(), KeyAlgorithm.ECDSA_P256_SHA256, statement, signature)
                    && checks.acceptance(log.get(), entry, planned(statement, signature, key.get()),
                    "") == null;
        } catch (AttestorException | IllegalArgumentException | JsonProcessingException e) {
            LOG.info("audit anchor at seq {} cannot be verified: {}", seq, e.toString());
            return false;
        }
    }
}
