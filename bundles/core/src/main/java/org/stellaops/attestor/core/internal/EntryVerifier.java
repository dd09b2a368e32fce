package org.stellaops.attestor.core.internal;

import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.policy.LogEvidence;
import org.stellaops.attestor.api.policy.TimeSource;
import org.stellaops.attestor.api.policy.TrustedTime;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.core.service.VerificationReport.Check;
import org.stellaops.attestor.core.service.VerificationReport.EntryResult;
import org.stellaops.attestor.core.service.VerificationReport.FreshProof;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerification;
import org.stellaops.attestor.sdk.dsse.SignatureCheck;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.sdk.rekor.HashedRekord;
import org.stellaops.attestor.sdk.witness.Cosigner;
import org.stellaops.attestor.store.CoveredEntry;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;
import org.stellaops.attestor.store.Receipt;
import org.stellaops.attestor.store.SignatureCoverage;

/**
 * Re-verifies an attestation from scratch: signatures against the current trust roots; every stored receipt
 * (it must bind this envelope's digest, signature and signer, and carry a valid service signature); and for every
 * logged entry in every log its body (rebuilt from the envelope signature or the receipt), leaf hash, inclusion
 * proof, checkpoint signature by the registered log's key (any version of it that is not revoked: entries logged
 * before the log rotated its key name the version they were logged under), and the configured witnesses'
 * cosignatures, plus a fresh proof from the log when it is available. Entries still pending are reported, not failed; the verdict
 * requires every trusted signature to be logged in at least one log and every logged entry to verify. RFC 3161 tokens
 * brought along are checked too ({@link SignatureTimestamps}), and their time joins the acceptance time as a trusted
 * time: signatures are judged at the earliest trusted time.
 */
final class EntryVerifier {

    private final TrustRoots trustRoots;
    private final LogRegistry logs;
    private final EntryChecks checks;
    private final ServiceKeys serviceKeys;
    private final Clock clock;
    private final LogHealth health;
    private final Collection<Cosigner> witnesses;
    private final FreshProofs fresh;
    private final TimestampAuthorities timestampAuthorities;

    EntryVerifier(Clock clock, TrustRoots trustRoots, LogRegistry logs, EntryChecks checks, ServiceKeys serviceKeys,
                  LogHealth health, Collection<Cosigner> witnesses, LogHeads heads,
                  TimestampAuthorities timestampAuthorities) {
        this.clock = clock;
        this.timestampAuthorities = timestampAuthorities;
        this.trustRoots = trustRoots;
        this.logs = logs;
        this.checks = checks;
        this.serviceKeys = serviceKeys;
        this.health = health;
        this.witnesses = List.copyOf(witnesses);
        this.fresh = new FreshProofs(checks, this.witnesses, heads);
    }

    /**
     * A verification with the evidence a policy is evaluated over.
     *
     * @param report the report
     * @param judged the signatures as judged at the signing time
     * @param logs one piece of evidence per logged entry checked (and one more per entry whose fresh proof
     *             verified: the log's latest checkpoint); empty unless evidence was asked for
     * @param trustedTime the attestation's trusted time, the one the signatures were judged at (or none)
     */
    record Verified(VerificationReport report, TrustRoots.Judged judged, List<LogEvidence> logs,
                    TrustedTime trustedTime) {
    }

    /**
     * @param tenant the tenant whose trust roots count (the record's, when there is one)
     */
    VerificationReport verify(String tenant, String envelopeDigest, Envelope envelope, Optional<EntryRecord> record) {
        return verify(tenant, envelopeDigest, envelope, record, false).report();
    }

    /**
     * @param tenant the tenant whose trust roots count (the record's, when there is one)
     * @param withEvidence whether to collect the log evidence policies need (costs a cosignature check per line)
     */
    Verified verify(String tenant, String envelopeDigest, Envelope envelope, Optional<EntryRecord> record,
                    boolean withEvidence) {
        return verify(tenant, envelopeDigest, envelope, record, withEvidence, List.of());
    }

    /**
     * @param tenant the tenant whose trust roots count (the record's, when there is one)
     * @param withEvidence whether to collect the log evidence policies need (costs a cosignature check per line)
     * @param timestamps DER RFC 3161 tokens over the envelope's signatures (may be empty)
     */
    Verified verify(String tenant, String envelopeDigest, Envelope envelope, Optional<EntryRecord> record,
                    boolean withEvidence, List<byte[]> timestamps) {
        TrustRoots.Snapshot trust = trustRoots.snapshot(tenant);
        EnvelopeVerification all = trust.verify(envelope);
        SignatureTimestamps.Evaluation stamped = SignatureTimestamps.evaluate(envelope, timestamps, all,
                timestampAuthorities);
        TrustedTime time = trustedTime(record, stamped.time());
        // signatures are judged at the trusted time; without one (a bare envelope or one checked against entries a
        // log returned, and no timestamps covering it) at now, which is no trusted time, so a compromised key's
        // signatures fail
        TrustRoots.Judged judged = time.present() ? trust.judge(all, time.instant(), true)
                : trust.judge(all, clock.instant(), false);
        EnvelopeVerification active = judged.counted();
        List<Check> report = new ArrayList<>(SignatureReport.checks(judged));
        if (record.isEmpty()) {
            report.add(new Check("tlog", false, "the envelope was never submitted, so it is not logged"));
            report.addAll(stamped.checks());
            return new Verified(VerificationReport.of(envelopeDigest, report), judged, List.of(), time);
        }
        EntryRecord r = record.get();
        Map<Integer, PlannedEntry> expected = expectedEntries(envelopeDigest, envelope, active, trust.signers(), r,
                report);
        List<EntryResult> results = new ArrayList<>();
        Set<Integer> covered = new TreeSet<>();
        String digestHex = envelopeDigest.substring(envelopeDigest.indexOf(':') + 1);
        List<LogEvidence> evidence = withEvidence ? new ArrayList<>() : null;
        for (LogTarget target : r.logs()) {
            for (CoveredEntry entry : target.entries()) {
                results.add(loggedEntry(target, entry, expected, digestHex, report, covered, evidence));
            }
            results.addAll(outstanding(target, r));
        }
        report.add(coverage(expected.keySet(), covered, r));
        report.addAll(stamped.checks());
        return new Verified(VerificationReport.of(envelopeDigest, report, logged(r), results), judged,
                evidence == null ? List.of() : List.copyOf(evidence), time);
    }

    /**
     * The attestation's trusted time: the earlier of the acceptance time of the tenant's stored record and the
     * RFC 3161 time. Both are upper bounds on when it was signed, so the earlier one is the tighter bound; on a tie
     * the acceptance time is kept.
     */
    static TrustedTime trustedTime(Optional<EntryRecord> record, TrustedTime timestamped) {
        boolean stored = record.isPresent() && !record.get().createdAt().equals(SuppliedEntries.NO_TRUSTED_TIME);
        TrustedTime accepted = stored ? TrustedTime.of(record.get().createdAt(), TimeSource.SERVICE,
                StoredAttestations.ACCEPTED) : TrustedTime.none();
        if (!timestamped.present()) {
            return accepted;
        }
        return accepted.present() && !timestamped.instant().isBefore(accepted.instant()) ? accepted : timestamped;
    }

    /** The entry each trusted signature must have been logged as, by signature index; checks the receipts. */
    private Map<Integer, PlannedEntry> expectedEntries(String digest, Envelope envelope, EnvelopeVerification active,
                                                       List<TrustedSigner> signers, EntryRecord record,
                                                       List<Check> report) {
        Map<String, TrustedSigner> byId = new HashMap<>();
        signers.forEach(s -> byId.putIfAbsent(s.keyId(), s));
        Map<Integer, PlannedEntry> expected = new TreeMap<>();
        for (SignatureCheck check : active.checks()) {
            TrustedSigner signer = check.verifiedKeyId() == null ? null : byId.get(check.verifiedKeyId());
            if (signer == null) {
                continue;
            }
            int index = check.index();
            Optional<Receipt> receipt = record.receipt(index);
            if (receipt.isPresent()) {
                HashedRekordRequest request = receiptRequest(digest, envelope, index, signer, receipt.get(), report);
                if (request != null) {
                    expected.put(index, EntryPlanner.planned(index, SignatureCoverage.VIA_RECEIPT, request));
                }
            } else {
                expected.put(index, EntryPlanner.planned(index, SignatureCoverage.VIA_SIGNATURE,
                        HashedRekord.forSignature(envelope, envelope.signatures().get(index), signer.key(),
                                signer.algorithm())));
            }
        }
        return expected;
    }

    private HashedRekordRequest receiptRequest(String digest, Envelope envelope, int index, TrustedSigner signer,
                                               Receipt receipt, List<Check> report) {
        String name = "receipt[" + index + "]";
        Optional<PublicKey> serviceKey = serviceKeys.publicKey(receipt.serviceKeyId());
        if (serviceKey.isEmpty()) {
            report.add(new Check(name, false, "service key " + receipt.serviceKeyId()
                    + " is not held by the key driver (unknown, revoked, or no driver available)"));
            return null;
        }
        try {
            Receipts.verify(receipt, Receipts.body(digest, envelope, index, signer), serviceKey.get());
            report.add(new Check(name, true, "binds this envelope and signature " + index + " of trusted key "
                    + signer.keyId() + "; signed by service key " + receipt.serviceKeyId()));
            return Receipts.request(receipt, serviceKey.get());
        } catch (AttestorException e) {
            report.add(new Check(name, false, e.getMessage()));
            return null;
        }
    }

    private EntryResult loggedEntry(LogTarget target, CoveredEntry covered, Map<Integer, PlannedEntry> expected,
                                    String digestHex, List<Check> report, Set<Integer> coveredSignatures,
                                    List<LogEvidence> evidence) {
        LogEntry entry = covered.entry();
        String name = "tlog[" + entry.origin() + "#" + entry.logIndex() + "]";
        Optional<LogRegistry.Registration> registration = logs.registration(entry.logId());
        // a log that went away still lends its last keys: stored proofs verify offline, only freshness needs the log
        LogDescriptor descriptor = registration.map(LogRegistry.Registration::descriptor)
                .or(() -> logs.knownDescriptor(entry.logId())).orElse(null);
        String kind = descriptor != null ? descriptor.kind() : target.kind();
        PlannedEntry match = match(kind, covered, expected, digestHex);
        Check body = new Check(name + ".body", match != null, match != null
                ? "logs signature " + match.signatureIndex() + " via " + match.via()
                : "the logged body does not match what signature " + covered.signatureIndex()
                        + " of this envelope must be logged as");
        Check leaf = EntryChecks.leaf(name, entry);
        Check inclusion = EntryChecks.inclusion(name, entry.inclusionProof(), entry);
        Check checkpoint = checks.checkpoint(name, entry.inclusionProof(), entry.origin(), descriptor);
        List<Check> lines = new ArrayList<>(List.of(body, leaf, inclusion, checkpoint));
        FreshProofs.Result freshResult = registration.isPresent() && health.available(descriptor.logId())
                ? fresh.checkWithEvidence(registration.get().log(), descriptor, entry) : null;
        FreshProof latest = freshResult == null ? null : freshResult.view();
        if (latest != null) {
            lines.add(new Check(name + ".fresh", latest.ok(), latest.detail()));
        }
        report.addAll(lines);
        boolean ok = lines.stream().allMatch(Check::ok);
        if (ok && match != null) {
            coveredSignatures.add(match.signatureIndex());
        }
        String detail = lines.stream().filter(c -> !c.ok()).findFirst().map(c -> c.check() + ": " + c.detail())
                .orElse("verified in log " + entry.origin());
        int signatureIndex = match != null ? match.signatureIndex() : covered.signatureIndex();
        if (evidence != null) {
            evidence.addAll(LogEvidences.of(entry, signatureIndex, body.ok() && leaf.ok(), inclusion.ok(),
                    checkpoint.ok(), freshResult, witnesses));
        }
        return new EntryResult(entry.logId(), entry.origin(), signatureIndex, covered.via(), LogTarget.LOGGED,
                entry.logIndex(), entry.uuid(), ok, inclusion.ok(), checkpoint.ok(),
                EntryChecks.cosignatures(entry.inclusionProof().checkpoint(), witnesses), latest, detail);
    }

    /** The expected entry the logged one matches: the one for its signature, or any (old records). */
    private static PlannedEntry match(String kind, CoveredEntry covered, Map<Integer, PlannedEntry> expected,
                                      String digestHex) {
        Collection<PlannedEntry> candidates = covered.signatureIndex() == CoveredEntry.UNKNOWN_SIGNATURE
                ? expected.values()
                : Optional.ofNullable(expected.get(covered.signatureIndex())).map(List::of).orElse(List.of());
        return candidates.stream()
                .filter(p -> EntryChecks.bodyMatches(kind, covered.entry().canonicalizedBody(), p, digestHex))
                .findFirst().orElse(null);
    }

    /** Results for the signatures a pending or failed target does not hold yet. */
    private static List<EntryResult> outstanding(LogTarget target, EntryRecord record) {
        if (target.logged()) {
            return List.of();
        }
        String detail = target.pending()
                ? (target.lastError() == null ? "waiting for the log"
                        : "waiting for the log; last error " + target.lastError())
                : "the log refused the entry: " + target.lastError();
        return record.signatures().stream().filter(s -> !target.covers(s.signatureIndex()))
                .map(s -> new EntryResult(target.logId(), target.origin(), s.signatureIndex(), s.via(),
                        target.state(), -1, s.uuid(), false, false, false, 0, null, detail))
                .toList();
    }

    private static Check coverage(Set<Integer> trusted, Set<Integer> covered, EntryRecord record) {
        Set<Integer> missing = new TreeSet<>(trusted);
        missing.removeAll(covered);
        if (missing.isEmpty()) {
            return new Check("tlog.coverage", true, "every trusted signature has a verified log entry");
        }
        boolean pending = record.logs().stream().anyMatch(LogTarget::pending);
        return new Check("tlog.coverage", false, "signatures " + missing + " have no verified log entry"
                + (pending ? " yet (the record is still being published)" : ""));
    }

    private static String logged(EntryRecord record) {
        boolean anyEntry = record.logs().stream().anyMatch(t -> !t.entries().isEmpty());
        if (!anyEntry) {
            return VerificationReport.LOGGED_NONE;
        }
        return EntryRecord.LOGGED.equals(record.status()) ? VerificationReport.LOGGED_ALL
                : VerificationReport.LOGGED_PARTIAL;
    }
}
