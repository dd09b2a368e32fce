package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;

class SearchTest {

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();

    @BeforeEach
    void start() {
        harness = new Harness(directory);
        harness.trust(signer);
        harness.addLog(new TestLog("primary.test"), "primary");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private List<EntryRecord> submit(int count) {
        List<EntryRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(harness.core.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256), Harness.WHO)
                    .record());
        }
        return records;
    }

    @Test
    void aQueryRefusesACursorNoSearchWrote() {
        assertThrows(IllegalArgumentException.class, () -> EntryQuery.all(Harness.TENANT, 10).after("not-a-cursor"));
    }

    @Test
    void pagesThroughEveryRecordNewestFirst() {
        List<EntryRecord> records = submit(5);
        List<String> seen = new ArrayList<>();
        EntryPage page = harness.core.search(EntryQuery.all(Harness.TENANT, 2));
        seen.addAll(page.records().stream().map(EntryRecord::envelopeDigest).toList());
        while (page.nextCursor() != null) {
            page = harness.core.search(EntryQuery.all(Harness.TENANT, 2).after(page.nextCursor()));
            seen.addAll(page.records().stream().map(EntryRecord::envelopeDigest).toList());
        }
        List<String> expected = harness.core.recent(Harness.TENANT, 10).stream().map(EntryRecord::envelopeDigest).toList();
        assertEquals(expected, seen);
        assertEquals(records.size(), seen.size());
    }

    @Test
    void findsTheRecordOfASubjectDigest() {
        EntryRecord wanted = submit(3).get(1);
        Digest subject = wanted.subjects().get(0).digests().get(0);
        EntryPage page = harness.core.search(new EntryQuery(Harness.TENANT, subject.algorithm() + ":" + subject.hex(), null, null,
                null, null, 10, null));
        assertEquals(List.of(wanted.envelopeDigest()),
                page.records().stream().map(EntryRecord::envelopeDigest).toList());
        assertNull(page.nextCursor());
    }

    @Test
    void findsAuditEventsByAction() {
        submit(2);
        AuditPage page = harness.core.audit(new AuditQuery(Harness.TENANT, null, "entry.submit", null, null, null, null, 10, 0));
        assertEquals(2, page.events().size());
        assertEquals(List.of("entry.submit", "entry.submit"),
                page.events().stream().map(e -> e.event().action()).toList());
    }
}
