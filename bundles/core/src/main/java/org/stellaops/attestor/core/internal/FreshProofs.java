package org.stellaops.attestor.core.internal;

import java.util.Collection;
import java.util.List;

import static org.stellaops.attestor.api.policy.Consistency.CONSISTENT;
import static org.stellaops.attestor.api.policy.Consistency.INCONSISTENT;
import static org.stellaops.attestor.api.policy.Consistency.NOT_CHECKED;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLog;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.core.service.VerificationReport.FreshProof;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.witness.Cosigner;

/**
 * Re-checks a stored entry against the log as it is now: an inclusion proof at the latest checkpoint (which may
 * carry witness cosignatures), that checkpoint's signature, and a consistency proof from the stored checkpoint to
 * it, so a log that rewrote its history since the entry was stored is caught.
 */
final class FreshProofs {

    /**
     * A fresh check with what policies need beyond the report line.
     *
     * @param view the report's view of it
     * @param consistency whether the log's current tree was shown consistent with the stored checkpoint
     * @param proof the fresh inclusion proof with its checkpoint, when it verified; else null
     */
    record Result(FreshProof view, org.stellaops.attestor.api.policy.Consistency consistency, InclusionProof proof) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FreshProofs.class);

    private final EntryChecks checks;
    private final Collection<Cosigner> witnesses;
    private final LogHeads heads;

    FreshProofs(EntryChecks checks, Collection<Cosigner> witnesses, LogHeads heads) {
        this.checks = checks;
        this.witnesses = witnesses;
        this.heads = heads;
    }

    /**
     * @return the result, or null if the log could not be reached or cannot serve the proof (that is no verdict on
     *         the entry)
     */
    FreshProof check(TransparencyLog log, LogDescriptor descriptor, LogEntry entry) {
        Result result = checkWithEvidence(log, descriptor, entry);
        return result == null ? null : result.view();
    }

    /**
     * @return like {@link #check}, with the consistency finding and the fresh proof
     */
    Result checkWithEvidence(TransparencyLog log, LogDescriptor descriptor, LogEntry entry) {
        try {
            Checkpoint latest = log.latestCheckpoint();
            if (latest.size() <= entry.logIndex()) {
                // a log whose current tree lacks an entry it once proved has rewritten its history
                return new Result(new FreshProof(false, latest.size(), 0, "the log's latest checkpoint (size "
                        + latest.size() + ") does not contain index " + entry.logIndex()), INCONSISTENT, null);
            }
            InclusionProof proof = log.inclusionProof(entry.logIndex(), latest.size());
            InclusionProofs.verify(proof.logIndex(), proof.treeSize(),
                    Rfc6962.leafHash(entry.canonicalizedBody().value()),
                    proof.hashes().stream().map(Bytes::value).toList(), proof.rootHash().value());
            Checkpoint signed = Checkpoints.parse(proof.checkpoint());
            if (signed.size() != proof.treeSize() || !signed.rootHash().equals(proof.rootHash())) {
                return new Result(new FreshProof(false, proof.treeSize(), 0,
                        "the fresh checkpoint does not commit to its proof"), NOT_CHECKED, null);
            }
            checks.verifyNote(descriptor, proof.checkpoint());
            heads.observe(descriptor.logId(), signed.origin(), proof.treeSize(), proof.rootHash().value(),
                    proof.checkpoint());
            String consistency = consistency(log, entry.inclusionProof(), proof);
            int cosigned = EntryChecks.cosignatures(proof.checkpoint(), witnesses);
            if (consistency != null) {
                return new Result(new FreshProof(false, proof.treeSize(), cosigned, consistency), INCONSISTENT, null);
            }
            return new Result(new FreshProof(true, proof.treeSize(), cosigned, "included at size " + proof.treeSize()
                    + ", consistent with the stored checkpoint, " + cosigned + " witness cosignature(s)"),
                    CONSISTENT, proof);
        } catch (TransparencyLogException e) {
            if (TransparencyLogException.UNAVAILABLE.equals(e.code())
                    || TransparencyLogException.BAD_PROOF_REQUEST.equals(e.code())) {
                LOG.debug("no fresh proof from {}: {}", descriptor.origin(), e.getMessage());
                return null;
            }
            return new Result(new FreshProof(false, -1, 0, e.code() + ": " + e.getMessage()), NOT_CHECKED, null);
        } catch (AttestorException e) {
            return new Result(new FreshProof(false, -1, 0, e.code() + ": " + e.getMessage()), NOT_CHECKED, null);
        } catch (RuntimeException e) {
            // a log plugin that cannot serve proofs is no evidence against the entry; the stored proof still counts
            LOG.warn("no fresh proof from {}: {}", descriptor.origin(), e.toString());
            return null;
        }
    }

    /** @return null if the fresh tree extends the stored one, else the reason */
    private static String consistency(TransparencyLog log, InclusionProof stored, InclusionProof fresh) {
        long oldSize = stored.treeSize();
        long newSize = fresh.treeSize();
        if (oldSize > newSize) {
            return "the log's tree shrank from " + oldSize + " to " + newSize;
        }
        if (oldSize == newSize) {
            return stored.rootHash().equals(fresh.rootHash()) ? null
                    : "two different roots for size " + newSize + ": the log presents a split view";
        }
        List<byte[]> proof = log.consistencyProof(oldSize, newSize).stream().map(Bytes::value).toList();
        try {
            ConsistencyProofs.verify(oldSize, newSize, stored.rootHash().value(), fresh.rootHash().value(), proof);
            return null;
        } catch (AttestorException e) {
            return "the latest checkpoint is not consistent with the stored one: " + e.getMessage();
        }
    }
}
