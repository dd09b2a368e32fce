package org.stellaops.attestor.core.internal;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.stellaops.attestor.core.service.AttestationService.VerifyOutcome;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.ParsedEnvelope;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.Provenance;

/**
 * The three ways to verify, each in front of the {@link VerificationCache} and each audited ({@code entry.verify},
 * written through the asynchronous audit writer; failures too). Cache keys are the request's identity: the
 * canonical id, or the SHA-256 of the envelope bytes (plus of each supplied entry), plus the SHA-256 of each RFC 3161
 * token — so a hit parses no JSON and verifies no signature; the envelope digest and all dependencies sit in the
 * entry's stamp.
 */
final class Verifications {

    private final EntryStore entries;
    private final TrustRoots trustStore;
    private final RecordLookup lookup;
    private final JsonLimits limits;
    private final EntryVerifier verifier;
    private final VerificationCache cache;
    private final CacheStamps stamps;
    private final Auditor auditor;

    Verifications(EntryStore entries, TrustRoots trustStore, RecordLookup lookup, JsonLimits limits,
                  EntryVerifier verifier, VerificationCache cache, CacheStamps stamps, Auditor auditor) {
        this.entries = entries;
        this.trustStore = trustStore;
        this.lookup = lookup;
        this.limits = limits;
        this.verifier = verifier;
        this.cache = cache;
        this.stamps = stamps;
        this.auditor = auditor;
    }

    /** Verifies one request of any kind, with its RFC 3161 tokens. */
    VerificationReport verify(VerifyRequest request, Provenance who) {
        List<byte[]> timestamps = request.rfc3161Timestamps();
        if (request.id() != null) {
            return stored(request.id(), timestamps, who);
        }
        return request.tlogEntries().isEmpty() ? envelope(request.envelopeJson(), timestamps, who)
                : withEntries(request.envelopeJson(), request.tlogEntries(), timestamps, who);
    }

    VerificationReport stored(String id, Provenance who) {
        return stored(id, List.of(), who);
    }

    VerificationReport envelope(byte[] envelopeJson, Provenance who) {
        return envelope(envelopeJson, List.of(), who);
    }

    VerificationReport withEntries(byte[] envelopeJson, List<byte[]> tlogEntries, Provenance who) {
        return withEntries(envelopeJson, tlogEntries, List.of(), who);
    }

    private VerificationReport stored(String id, List<byte[]> timestamps, Provenance who) {
        Ids.Id parsed;
        try {
            parsed = Ids.parse(id);
        } catch (AttestorException malformed) {
            auditor.recordLater(who, CoreCodes.ENTRY_VERIFY, "-", malformed.code(), malformed.getMessage());
            throw malformed;
        }
        String canonical = RecordLookup.canonical(parsed);
        String key = "id:" + canonical + tokensKey(timestamps);
        return audited(who, canonical, () -> cached(who.tenant(), key, trust -> {
            EntryRecord record = lookup.find(who.tenant(), parsed).orElseThrow(() ->
                    new AttestorException(ErrorCodes.ENTRY_NOT_FOUND, "no attestation with id " + canonical));
            ParsedEnvelope envelope = DsseEnvelopes.parse(lookup.envelopeBytes(record), limits);
            VerificationReport report = verifier.verify(record.tenant(), record.envelopeDigest(),
                    envelope.envelope(), Optional.of(record), false, timestamps).report();
            // stamped after verifying: the log heads the verification itself observed, else it is stale at once
            return new Computed(stamp(trust, who.tenant(), record.envelopeDigest(), record, false), report);
        }));
    }

    private VerificationReport envelope(byte[] envelopeJson, List<byte[]> timestamps, Provenance who) {
        String key = "env:" + sha256Hex(envelopeJson) + tokensKey(timestamps);
        return audited(who, "-", () -> cached(who.tenant(), key, trust -> {
            ParsedEnvelope parsed = DsseEnvelopes.parse(envelopeJson, limits);
            String digest = SubmissionPipeline.digestOf(parsed);
            Optional<EntryRecord> record = entries.byEnvelopeDigest(who.tenant(), digest);
            VerificationReport report = verifier.verify(who.tenant(), digest, parsed.envelope(), record, false,
                    timestamps).report();
            return new Computed(stamp(trust, who.tenant(), digest, record.orElse(null), false), report);
        }));
    }

    private VerificationReport withEntries(byte[] envelopeJson, List<byte[]> tlogEntries, List<byte[]> timestamps,
                                           Provenance who) {
        StringBuilder key = new StringBuilder("sup:").append(sha256Hex(envelopeJson));
        tlogEntries.forEach(e -> key.append(':').append(sha256Hex(e)));
        key.append(tokensKey(timestamps));
        return audited(who, "-", () -> cached(who.tenant(), key.toString(), trust -> {
            ParsedEnvelope parsed = DsseEnvelopes.parse(envelopeJson, limits);
            String digest = SubmissionPipeline.digestOf(parsed);
            EntryRecord supplied = SuppliedEntries.asRecord(digest, parsed.envelope(), tlogEntries, limits, who);
            VerificationReport report = verifier.verify(who.tenant(), digest, parsed.envelope(),
                    Optional.of(supplied), false, timestamps).report();
            return new Computed(stamp(trust, who.tenant(), digest, supplied, true), report);
        }));
    }

    /**
     * Verifies every item in parallel on {@code pool}; a failing item never fails the others.
     *
     * @return one outcome per item, in request order
     */
    List<VerifyOutcome> batch(List<VerifyRequest> requests, Provenance who, Executor pool) {
        List<CompletableFuture<VerifyOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            int index = i;
            VerifyRequest request = requests.get(i);
            outcomes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return new VerifyOutcome(index, verify(request, who), null);
                } catch (RuntimeException e) {
                    return new VerifyOutcome(index, null, e);
                }
            }, pool));
        }
        return outcomes.stream().map(CompletableFuture::join).toList();
    }

    /**
     * @param timestamps the request's RFC 3161 tokens
     * @return the part of a cache key that names them (empty when there are none, so keys without tokens are
     *         unchanged)
     */
    static String tokensKey(List<byte[]> timestamps) {
        StringBuilder key = new StringBuilder();
        for (byte[] token : timestamps) {
            key.append(":ts:").append(sha256Hex(token));
        }
        return key.toString();
    }

    /** A computed report and what it depended on. */
    private record Computed(VerificationCache.Stamp stamp, VerificationReport report) {
    }

    /** Computes a report under the trust-root version read before the computation. */
    @FunctionalInterface
    private interface Computation {
        Computed compute(long trustVersion);
    }

    /** Reports are cached per tenant: trust roots and records differ between tenants. */
    private VerificationReport cached(String tenant, String request, Computation computation) {
        String key = tenant + '\0' + request;
        long trust = trustStore.version();
        Optional<VerificationReport> hit = cache.get(key, trust, stamps::current);
        if (hit.isPresent()) {
            return hit.get();
        }
        Computed computed = computation.compute(trust);
        cache.put(key, computed.stamp(), computed.report());
        return computed.report();
    }

    private VerificationCache.Stamp stamp(long trust, String tenant, String digest, EntryRecord record,
                                          boolean supplied) {
        return stamps.stamp(trust, tenant, digest, record, supplied);
    }

    private VerificationReport audited(Provenance who, String target, Supplier<VerificationReport> verification) {
        VerificationReport report;
        try {
            report = verification.get();
        } catch (RuntimeException e) {
            auditor.recordLater(who, CoreCodes.ENTRY_VERIFY, target, RecordLookup.codeOf(e), String.valueOf(
                    e.getMessage()));
            throw e;
        }
        auditor.recordLater(who, CoreCodes.ENTRY_VERIFY, report.envelopeDigest(),
                report.verified() ? Auditor.SUCCESS : "verification.failed",
                report.verified() ? "verified" : firstFailure(report));
        return report;
    }

    private static String firstFailure(VerificationReport report) {
        return report.checks().stream().filter(c -> !c.ok() && !VerificationReport.informational(c)).findFirst()
                .map(c -> c.check() + ": " + c.detail()).orElse("no checks");
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(Receipts.sha256(bytes));
    }
}
