package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustedKey;

/** How tenants appear in the documents and indexes (the tck's tenant contract checks the behaviour). */
class TenantLayoutTest extends MongoTestBase {

    @Test
    void theSameEnvelopeInTwoTenantsIsTwoDocumentsIdentifiedByTenantAndDigest() {
        store.putIfAbsent(Records.pending("a", "acme"));
        store.putIfAbsent(Records.pending("a", "globex"));
        List<Document> docs = raw().getCollection("entries").find().sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
        assertEquals(List.of("acme|" + Records.digest("a"), "globex|" + Records.digest("a")),
                docs.stream().map(d -> d.getString("_id")).toList());
        assertEquals(List.of("acme", "globex"), docs.stream().map(d -> d.getString("tenant")).toList());
        assertEquals(List.of(Records.digest("a"), Records.digest("a")),
                docs.stream().map(d -> d.getString("envelopeDigest")).toList());
    }

    @Test
    void tenantsThatContainColonsOrPrefixOthersKeepTheirRecordsApart() {
        EntryRecord team = Records.pending("a", "team");
        EntryRecord teamA = Records.pending("a", "team:a");
        store.putIfAbsent(team);
        store.putIfAbsent(teamA);
        assertEquals(Optional.of(team), store.byEnvelopeDigest("team", Records.digest("a")));
        assertEquals(Optional.of(teamA), store.byEnvelopeDigest("team:a", Records.digest("a")));
        assertEquals(1, store.count("team"));
        assertEquals(1, store.count("team:a"));
        assertEquals(2, store.count());
    }

    @Test
    void twoTenantsCreatingTheSameEnvelopeEachGetTheirCreationEvent() {
        EntryRecord acme = Records.pending("a", "acme");
        EntryRecord globex = Records.pending("a", "globex");
        assertTrue(store.putIfAbsent(acme, created(acme)).created());
        assertTrue(worker().putIfAbsent(globex, created(globex)).created());
        assertEquals(List.of(created(globex), created(acme)), store.recentEvents(10));
        List<String> tags = raw().getCollection("audit").find().sort(Sorts.ascending("_id"))
                .map(d -> d.getString("entry")).into(new ArrayList<>());
        assertEquals(List.of("acme|" + acme.envelopeDigest(), "globex|" + globex.envelopeDigest()), tags);
        assertEquals(0, store.repairAuditTrail(Duration.ZERO), "no marker was left behind");
    }

    @Test
    void auditEventsStoreTheirTenantAndTheOperatorsIsEmpty() {
        store.append(Records.event(1, "alice", "entry.submit", "acme"));
        store.append(Records.event(2, "system", "log.checkpoint", Tenants.OPERATOR));
        List<String> tenants = raw().getCollection("audit").find().sort(Sorts.ascending("_id"))
                .map(d -> d.getString("tenant")).into(new ArrayList<>());
        assertEquals(List.of("acme", ""), tenants);
    }

    @Test
    void anEventStoredWithoutATenantIsAnOperatorEventWithItsOriginalHash() {
        AuditEvent old = Records.event(1, "alice", "entry.submit", Tenants.OPERATOR);
        ChainedAuditEvent linked = org.stellaops.attestor.store.AuditChain.link(null, old);
        Document doc = AuditDocuments.chained(linked, null);
        doc.remove("tenant");
        raw().getCollection("audit").insertOne(doc);
        store.append(Records.event(2, "bob", "entry.submit", "acme"));

        assertEquals(List.of(linked), store.events(AuditQuery.newest(Tenants.OPERATOR, 10)).events());
        assertEquals(List.of(2L), store.events(AuditQuery.newest("acme", 10)).events().stream()
                .map(ChainedAuditEvent::seq).toList());
        assertEquals(2, store.events(AuditQuery.newest(null, 10)).events().size());
        assertEquals(Optional.empty(), org.stellaops.attestor.store.AuditChain.check(null, store.chain(1, 1).get(0)));
    }

    @Test
    void aKeyIsStoredPerTenantWithItsSharedFlag() {
        TrustedKey acme = Records.key("k", Records.T0, "acme", false);
        TrustedKey globex = Records.key("k", Records.T0, "globex", true);
        store.put(acme);
        store.put(globex);
        Document doc = raw().getCollection("trust_keys").find(Filters.eq("_id", "globex|" + globex.keyId())).first();
        assertEquals("globex", doc.getString("tenant"));
        assertEquals(globex.keyId(), doc.getString("keyId"));
        assertTrue(doc.getBoolean("shared"));
        store.put(Records.revoked(acme, Records.T0.plusSeconds(1)));
        assertEquals(Optional.of(globex), store.get("globex", globex.keyId()), "acme's revocation is acme's only");
        assertTrue(store.get("acme", acme.keyId()).orElseThrow().revoked());
        assertEquals(List.of(globex), store.all("globex"));
    }

    @Test
    void everyIndexATenantReadUsesStartsWithTheTenant() {
        store.putIfAbsent(Records.pending("a"));
        Set<String> global = Set.of("_id_", "created", "outbox", "pending_audit", "entry_unique", "version");
        for (String collection : List.of("entries", "audit", "trust_keys")) {
            for (Document index : raw().getCollection(collection).listIndexes()) {
                String name = index.getString("name");
                String first = index.get("key", Document.class).keySet().iterator().next();
                assertTrue(global.contains(name) || first.equals("tenant"), collection + "." + name + " starts with "
                        + first);
            }
        }
    }

    @Test
    void theDedupeKeyIsAUniqueIndexOnTenantAndDigest() {
        Document index = raw().getCollection("entries").listIndexes().into(new ArrayList<>()).stream()
                .filter(d -> d.getString("name").equals("tenant_digest")).findFirst().orElseThrow();
        assertEquals(new Document("tenant", 1).append("envelopeDigest", 1), index.get("key", Document.class));
        assertTrue(index.getBoolean("unique"));
    }

    @Test
    void aLeaseBelongsToOneTenantsRecord() {
        store.putIfAbsent(Records.pending("a", "acme"));
        store.putIfAbsent(Records.pending("a", "globex"));
        assertTrue(store.tryLease("acme", Records.digest("a"), "w1", Records.T0, Duration.ofSeconds(30)));
        Document globex = raw().getCollection("entries").find(Filters.eq("_id", "globex|" + Records.digest("a")))
                .first();
        assertNull(globex.get("lease"));
        assertTrue(store.tryLease("globex", Records.digest("a"), "w2", Records.T0, Duration.ofSeconds(30)));
        assertFalse(store.tryLease("acme", Records.digest("a"), "w2", Records.T0, Duration.ofSeconds(30)));
    }

    private static AuditEvent created(EntryRecord record) {
        return new AuditEvent(record.createdAt(), "alice", "entry.submit", record.envelopeDigest(), "success",
                "192.0.2.10", "created", record.tenant());
    }
}
