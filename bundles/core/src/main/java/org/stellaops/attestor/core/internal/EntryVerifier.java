package org.stellaops.attestor.core.internal;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLog;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.core.service.VerificationReport.Check;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerification;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerifier;
import org.stellaops.attestor.sdk.dsse.SignatureCheck;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.Notes;
import org.stellaops.attestor.sdk.rekor.HashedRekord;
import org.stellaops.attestor.store.EntryRecord;

/**
 * Re-verifies an attestation from scratch: signatures against the current trust roots, and for every log entry its
 * body, leaf hash, inclusion proof and checkpoint signature. Stateless except for a bounded cache of checkpoint
 * notes whose log signature already verified (a note is immutable, so a verified note stays verified).
 */
final class EntryVerifier {

    private static final int NOTE_CACHE_LIMIT = 10_000;

    private final TrustRoots trustRoots;
    private final LogRegistry logs;
    private final Map<String, Boolean> verifiedNotes = new ConcurrentHashMap<>();

    EntryVerifier(TrustRoots trustRoots, LogRegistry logs) {
        this.trustRoots = trustRoots;
        this.logs = logs;
    }

    VerificationReport verify(String envelopeDigest, Envelope envelope, Optional<EntryRecord> record) {
        TrustRoots.Snapshot trust = trustRoots.snapshot();
        EnvelopeVerification active = EnvelopeVerifier.verify(envelope, trust.active());
        EnvelopeVerification revoked = EnvelopeVerifier.verify(envelope, trust.revoked());
        List<Check> checks = new ArrayList<>(signatureChecks(active, revoked));
        Map<Bytes, String> expectedBodies = expectedBodies(envelope, active, trust.active());
        if (record.isEmpty()) {
            checks.add(new Check("tlog", false, "the envelope was never submitted, so it is not logged"));
            return VerificationReport.of(envelopeDigest, checks);
        }
        Set<String> coveredSigners = new HashSet<>();
        for (LogEntry entry : record.get().logEntries()) {
            checks.addAll(logEntryChecks(entry, expectedBodies, coveredSigners));
        }
        Set<String> uncovered = new HashSet<>(active.verifiedKeyIds());
        uncovered.removeAll(coveredSigners);
        checks.add(new Check("tlog.coverage", uncovered.isEmpty(), uncovered.isEmpty()
                ? "every trusted signature has a log entry"
                : "signatures by " + uncovered + " have no log entry"));
        return VerificationReport.of(envelopeDigest, checks);
    }

    private static List<Check> signatureChecks(EnvelopeVerification active, EnvelopeVerification revoked) {
        List<Check> checks = new ArrayList<>();
        List<Integer> ignored = new ArrayList<>();
        for (SignatureCheck check : active.checks()) {
            String name = "signature[" + check.index() + "]";
            String revokedBy = revoked.checks().get(check.index()).verifiedKeyId();
            if (check.verifiedKeyId() != null) {
                checks.add(new Check(name, true, "verified with trusted key " + check.verifiedKeyId()));
            } else if (revokedBy != null) {
                checks.add(new Check(name, false, "made by key " + revokedBy + ", which has been revoked"));
            } else {
                ignored.add(check.index());
            }
        }
        boolean any = active.anyVerified();
        checks.add(new Check("signers", any, any
                ? active.verifiedKeyIds().size() + " distinct trusted signer(s)"
                        + (ignored.isEmpty() ? "" : "; signatures " + ignored + " are not by a trusted key and were ignored")
                : "no signature verifies with a trusted key"));
        return checks;
    }

    /** The canonical log body each trusted signature must have been logged as, mapped to its signer. */
    private static Map<Bytes, String> expectedBodies(Envelope envelope, EnvelopeVerification active,
                                                     List<TrustedSigner> signers) {
        Map<String, TrustedSigner> byId = new HashMap<>();
        signers.forEach(s -> byId.putIfAbsent(s.keyId(), s));
        Map<Bytes, String> bodies = new HashMap<>();
        for (SignatureCheck check : active.checks()) {
            TrustedSigner signer = check.verifiedKeyId() == null ? null : byId.get(check.verifiedKeyId());
            if (signer != null) {
                byte[] body = HashedRekord.canonicalBody(HashedRekord.forSignature(envelope,
                        envelope.signatures().get(check.index()), signer.key(), signer.algorithm()));
                bodies.put(Bytes.of(body), signer.keyId());
            }
        }
        return bodies;
    }

    private List<Check> logEntryChecks(LogEntry entry, Map<Bytes, String> expectedBodies, Set<String> covered) {
        String name = "tlog[" + entry.origin() + "#" + entry.logIndex() + "]";
        List<Check> checks = new ArrayList<>();
        String signer = expectedBodies.get(entry.canonicalizedBody());
        if (signer != null) {
            covered.add(signer);
        }
        checks.add(new Check(name + ".body", signer != null, signer != null
                ? "logs the signature of trusted key " + signer
                : "the logged body does not match any trusted signature of this envelope"));
        byte[] leaf = Rfc6962.leafHash(entry.canonicalizedBody().value());
        boolean leafOk = Bytes.of(leaf).hex().equals(entry.uuid());
        checks.add(new Check(name + ".leaf", leafOk, leafOk ? "uuid is the leaf hash of the body"
                : "uuid " + entry.uuid() + " is not the leaf hash of the body"));
        checks.add(inclusionCheck(name, entry.inclusionProof(), leaf, entry.logIndex()));
        checks.add(checkpointCheck(name, entry));
        return checks;
    }

    private static Check inclusionCheck(String name, InclusionProof proof, byte[] leaf, long logIndex) {
        try {
            if (proof.logIndex() != logIndex) {
                return new Check(name + ".inclusion", false, "the proof is for index " + proof.logIndex());
            }
            InclusionProofs.verify(proof.logIndex(), proof.treeSize(), leaf,
                    proof.hashes().stream().map(Bytes::value).toList(), proof.rootHash().value());
            return new Check(name + ".inclusion", true,
                    "included at index " + logIndex + " of a tree of " + proof.treeSize());
        } catch (AttestorException e) {
            return new Check(name + ".inclusion", false, e.getMessage());
        }
    }

    private Check checkpointCheck(String name, LogEntry entry) {
        String check = name + ".checkpoint";
        InclusionProof proof = entry.inclusionProof();
        try {
            Checkpoint checkpoint = Checkpoints.parse(proof.checkpoint());
            if (checkpoint.size() != proof.treeSize() || !checkpoint.rootHash().equals(proof.rootHash())
                    || !checkpoint.origin().equals(entry.origin())) {
                return new Check(check, false, "the checkpoint does not commit to the proof's tree size and root");
            }
            Optional<TransparencyLog> log = logs.byLogId(entry.logId());
            if (log.isEmpty()) {
                return new Check(check, false, "log " + entry.logId() + " is not a configured log");
            }
            verifyNote(log.get().descriptor(), proof.checkpoint());
            return new Check(check, true, "signed by log " + entry.origin() + " at size " + checkpoint.size());
        } catch (AttestorException e) {
            return new Check(check, false, e.getMessage());
        }
    }

    private void verifyNote(LogDescriptor descriptor, String note) {
        String cacheKey = descriptor.logId() + '\n' + note;
        if (verifiedNotes.containsKey(cacheKey)) {
            return;
        }
        PublicKey key = PublicKeys.parsePem(descriptor.publicKeyPem());
        Notes.verify(note, List.of(NoteKeys.ecdsaVerifier(descriptor.origin(), key)));
        if (verifiedNotes.size() >= NOTE_CACHE_LIMIT) {
            verifiedNotes.clear();
        }
        verifiedNotes.put(cacheKey, Boolean.TRUE);
    }

}
