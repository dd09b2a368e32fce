package org.stellaops.attestor.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;
import org.stellaops.attestor.store.Provenance;

/** Values the view and endpoint tests are built from. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private Fixtures() {
    }

    /**
     * @param digestHex the envelope digest's hex (64 digits)
     * @param primary the primary target's state ({@link LogTarget#LOGGED} or {@link LogTarget#PENDING})
     * @return a record with one primary target in that state
     */
    static EntryRecord record(String digestHex, String primary) {
        return record(digestHex, primary, TokenTable.TENANT);
    }

    /**
     * @param digestHex the envelope digest's hex (64 digits)
     * @param primary the primary target's state
     * @param tenant the tenant that owns the record
     * @return a record of that tenant with one primary target in that state; its uuid is the digest with its last
     *         byte set to 00
     */
    static EntryRecord record(String digestHex, String primary, String tenant) {
        List<LogTarget> logs = List.of(new LogTarget("11".repeat(32), "primary.example", "embedded",
                LogTarget.ROLE_PRIMARY, primary, 0, 0, null, null, List.of()));
        return new EntryRecord("sha256:" + digestHex, digestHex.substring(0, 62) + "00", EntryRecord.statusOf(logs),
                digestHex, "application/vnd.in-toto+json", "https://in-toto.io/Statement/v1",
                "https://slsa.dev/provenance/v1", List.of(), List.of("22".repeat(32)), List.of(), logs, List.of(),
                Map.of(), "test/1", T0, new Provenance("POST /api/v1/rekor/entries", "anonymous", "127.0.0.1",
                        tenant));
    }

    /** A report with one check. */
    static VerificationReport report(String digest, boolean verified) {
        return VerificationReport.of(digest, List.of(new VerificationReport.Check("signers", verified, "1 trusted")));
    }
}
