package org.stellaops.attestor.store.embedded;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.RecordJson;
import org.stellaops.attestor.store.SignatureCoverage;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Writes a store file the way the store did before tenants existed, straight into the MVStore maps. Values carry no
 * tenant (records, keys and events as store contract 3 wrote them) and keys are unprefixed. Schema 1: records with
 * their uuid, creation and outbox indexes but no search indexes, an unchained {@code audit} map numbered from 0, no
 * {@code schema.version}. {@link #schema2} adds what schema 2 had: search indexes, the chained trail, the version.
 */
final class LegacyFile {

    /** Reads decimals exactly, as {@link RecordJson} does, so a record equals itself after the detour. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    private final RecordJson json = new RecordJson();
    private final MVStore raw;

    LegacyFile(Path file) {
        this.raw = new MVStore.Builder().fileName(file.toString()).open();
    }

    /** Records of tenant {@link Tenants#LEGACY} (the tenant is dropped from the JSON), indexed as schema 1 did. */
    LegacyFile records(List<EntryRecord> records) {
        MVMap<Long, String> byCreation = raw.openMap("entries.byCreation");
        for (EntryRecord r : records) {
            unlisted(r);
            byCreation.put(byCreation.isEmpty() ? 0L : byCreation.lastKey() + 1, r.envelopeDigest());
        }
        MVMap<String, Long> meta = raw.openMap("meta");
        meta.put("entries.pending.built", 1L);
        return this;
    }

    /** A record the creation index does not list (as if an old version had lost that key). */
    LegacyFile unlisted(EntryRecord r) {
        if (!r.tenant().equals(Tenants.LEGACY)) {
            throw new IllegalArgumentException("records stored before tenants read as tenant " + Tenants.LEGACY);
        }
        raw.<String, String>openMap("entries").put(r.envelopeDigest(), withoutTenant(json.write(r), "provenance"));
        MVMap<String, String> byUuid = raw.openMap("entries.byUuid");
        uuids(r).forEach(u -> byUuid.put(u, r.envelopeDigest()));
        if (r.pending()) {
            Instant created = r.createdAt();
            raw.<String, String>openMap("entries.pending").put(String.format(Locale.ROOT, "%020d.%09d|%s",
                    created.getEpochSecond(), created.getNano(), r.envelopeDigest()), r.envelopeDigest());
        }
        return this;
    }

    /** Operator events (the only kind there was) in the unchained trail of schema 1. */
    LegacyFile events(List<AuditEvent> events) {
        MVMap<Long, String> audit = raw.openMap("audit");
        for (AuditEvent e : events) {
            audit.put(audit.isEmpty() ? 0L : audit.lastKey() + 1, withoutTenant(json.write(operator(e)), null));
        }
        return this;
    }

    /** A key of tenant {@link Tenants#LEGACY}, unshared, and the trust-root version. */
    LegacyFile key(TrustedKey key, long version) {
        if (!key.tenant().equals(Tenants.LEGACY) || key.shared()) {
            throw new IllegalArgumentException("keys stored before tenants read as unshared keys of "
                    + Tenants.LEGACY);
        }
        ObjectNode tree = tree(json.write(key));
        tree.remove(List.of("tenant", "shared"));
        raw.<String, String>openMap("trust.keys").put(key.keyId(), text(tree));
        raw.<String, Long>openMap("meta").put("trust.version", version);
        return this;
    }

    /**
     * Makes the file one of schema 2: search keys for these records (which must be the ones written) and the
     * events chained in {@code audit.chain}.
     *
     * @return the events as chained
     */
    List<ChainedAuditEvent> schema2(List<EntryRecord> records, List<AuditEvent> events) {
        for (EntryRecord r : records) {
            String suffix = IndexKeys.time(r.createdAt()) + IndexKeys.SEPARATOR + r.envelopeDigest();
            raw.<String, String>openMap("search.time").put(suffix, "");
            r.subjectDigests().forEach(s -> raw.<String, String>openMap("search.subject")
                    .put(s + IndexKeys.SEPARATOR + suffix, ""));
            r.signerKeyIds().forEach(s -> raw.<String, String>openMap("search.signer")
                    .put(s + IndexKeys.SEPARATOR + suffix, ""));
            raw.<String, String>openMap("search.predicate").put(r.predicateType() + IndexKeys.SEPARATOR + suffix, "");
        }
        MVMap<Long, String> chain = raw.openMap(AuditTrail.MAP);
        ChainedAuditEvent head = null;
        List<ChainedAuditEvent> chained = new java.util.ArrayList<>();
        for (AuditEvent e : events) {
            head = AuditChain.link(head, operator(e));
            chain.put(head.seq(), withoutTenant(json.write(head), "event"));
            chained.add(head);
        }
        raw.<String, Long>openMap("meta").put(Migration.SCHEMA_VERSION, 2L);
        return chained;
    }

    /** Direct access for tests that shape a file by hand (a half-finished migration, a newer layout). */
    MVStore raw() {
        return raw;
    }

    void close() {
        raw.commit();
        raw.close();
    }

    private static AuditEvent operator(AuditEvent e) {
        if (!e.tenant().equals(Tenants.OPERATOR)) {
            throw new IllegalArgumentException("events stored before tenants are operator events");
        }
        return e;
    }

    private static ObjectNode tree(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** The JSON without the {@code tenant} member of the object at {@code member} (or at the top). */
    private static String withoutTenant(String text, String member) {
        ObjectNode tree = tree(text);
        ((ObjectNode) (member == null ? tree : tree.get(member))).remove("tenant");
        return text(tree);
    }

    private static String text(ObjectNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> uuids(EntryRecord r) {
        Set<String> uuids = new LinkedHashSet<>();
        uuids.add(r.uuid());
        r.signatures().stream().map(SignatureCoverage::uuid).forEach(uuids::add);
        r.logEntries().stream().map(LogEntry::uuid).forEach(uuids::add);
        return uuids;
    }
}
