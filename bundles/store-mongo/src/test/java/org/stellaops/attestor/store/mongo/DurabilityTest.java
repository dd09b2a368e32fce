package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stellaops.attestor.store.mongo.Records.TENANT;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.TrustedKey;

/** With mongo-java-server's H2 backend: what was written survives a restart of the database server. */
class DurabilityTest {

    @TempDir
    Path dir;

    @Test
    void recordsAuditTrailAndKeysSurviveAServerRestart() {
        Path file = dir.resolve("mongo.mv");
        EntryRecord record = Records.pending("a");
        TrustedKey key = Records.key("k", Records.T0);
        long version;
        try (TestServer server = TestServer.h2(file); MongoStore store = server.store("attestor")) {
            store.putIfAbsent(record, Records.event(1));
            EntryRecord logged = Records.logged(record);
            store.replaceIf(record, logged);
            store.put(key);
            version = store.version();
        }
        try (TestServer server = TestServer.h2(file); MongoStore store = server.store("attestor")) {
            assertEquals(Optional.of(Records.logged(record)), store.byEnvelopeDigest(TENANT, record.envelopeDigest()));
            assertEquals(List.of(Records.logged(record)), store.search(new EntryQuery(TENANT, Records.subject("a"),
                    null, null, null, null, 10, null)).records());
            assertEquals(List.of(Records.event(1)), store.recentEvents(10));
            assertEquals(Optional.of(key), store.get(TENANT, key.keyId()));
            assertEquals(version, store.version());
            store.append(Records.event(2));
            assertEquals(2, store.eventCount());
        }
    }
}
