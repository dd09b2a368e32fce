package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.OneTimeKeyStore;
import org.stellaops.attestor.store.TrustRootStore;

class MongoStoreComponentTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void activatesWithOnlyAUriAndServesAllFourContractsFromTheAttestorDatabase() {
        try (MongoStore store = new MongoStore(TestServer.config(Map.of("uri", server.uri())))) {
            EntryStore entries = store;
            AuditStore audit = store;
            TrustRootStore trust = store;
            OneTimeKeyStore oneTimeKeys = store;
            entries.putIfAbsent(Records.pending("a"), Records.event(1));
            trust.put(Records.key("k", Records.T0));
            assertTrue(oneTimeKeys.claim("dpop.jti", "component", Instant.now().plusSeconds(3600)));
            assertEquals(1, audit.eventCount());
            assertEquals(1, server.raw("attestor").getCollection("entries").countDocuments());
            assertEquals(1, server.raw("attestor").getCollection("trust_keys").countDocuments());
            assertEquals(1, server.raw("attestor").getCollection("one_time_keys").countDocuments());
        }
    }

    @Test
    void anUnreachableServerFailsActivationNamingTheHostButNotTheCredentials() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String uri = "mongodb://attestor:s3cr3t-pw@127.0.0.1:" + closedPort + "/?authSource=admin";
        StorageException e = assertThrows(StorageException.class, () -> new MongoStore(TestServer.config(Map.of(
                "uri", uri, "serverSelectionTimeoutMillis", 300, "connectTimeoutMillis", 300))));
        assertEquals(StorageException.FAILURE, e.code());
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t-pw"), e.getMessage());
    }

    @Test
    void aMalformedUriIsRefusedWithoutEchoingIt() {
        StorageException e = assertThrows(StorageException.class, () -> new MongoStore(TestServer.config(Map.of(
                "uri", "mongodb://attestor:s3cr3t-pw@host:notaport/"))));
        assertEquals(StorageException.FAILURE, e.code());
        assertFalse(e.getMessage().contains("s3cr3t-pw"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
    }

    @Test
    void aMissingUriIsRefused() {
        StorageException e = assertThrows(StorageException.class,
                () -> new MongoStore(TestServer.config(Map.of("uri", " "))));
        assertTrue(e.getMessage().contains("no MongoDB uri"), e.getMessage());
    }

    @Test
    void aSeparatePasswordNeedsAUserInTheUri() {
        StorageException e = assertThrows(StorageException.class, () -> new MongoStore(TestServer.config(Map.of(
                "uri", server.uri(), "_password", "s3cr3t-pw"))));
        assertTrue(e.getMessage().contains("names no user"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t-pw"), e.getMessage());
    }

    @Test
    void anUnknownReadConcernIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MongoStore(TestServer.config(Map.of(
                "uri", server.uri(), "readConcern", "eventually"))));
    }

    @Test
    void theScheduledRepairCompletesACrashedCreationWithoutARestart() {
        String database = TestServer.freshDatabase();
        try (MongoStore store = server.store(database, Map.of("auditRepairIntervalSeconds", 1),
                java.time.Clock.systemUTC())) {
            EntryRecord record = Records.pending("a");
            new Entries(server.raw(database).getCollection("entries"), new EntryDocuments())
                    .insert(record, Records.event(1), Instant.now());
            Waits.until(() -> store.eventCount() == 1, Duration.ofSeconds(20), "the scheduled repair");
            assertEquals(Records.event(1), store.recentEvents(1).get(0));
        }
    }

    @Test
    void theWriteConcernDefaultsToMajorityJournaled() {
        assertEquals(com.mongodb.WriteConcern.MAJORITY.withJournal(true), Connection.writeConcern("majority", true));
        assertEquals(new com.mongodb.WriteConcern(2).withJournal(false), Connection.writeConcern("2", false));
        assertEquals(com.mongodb.ReadConcern.MAJORITY, Connection.readConcern(null));
    }
}
