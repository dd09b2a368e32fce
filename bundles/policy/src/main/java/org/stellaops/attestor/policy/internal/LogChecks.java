package org.stellaops.attestor.policy.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.stellaops.attestor.api.policy.CheckpointEvidence;
import org.stellaops.attestor.api.policy.Consistency;
import org.stellaops.attestor.api.policy.LogEvidence;
import org.stellaops.attestor.api.policy.VerificationContext;

/** What is wrong with a log entry, in words, shared by the transparency and witness rules. */
final class LogChecks {

    /** Entries in report order: by origin, then index, then signature. */
    static final Comparator<LogEvidence> ORDER = Comparator.comparing(LogEvidence::origin)
            .thenComparingLong(LogEvidence::logIndex).thenComparingInt(LogEvidence::signatureIndex)
            .thenComparing(LogEvidence::logId);

    private LogChecks() {
    }

    /**
     * @param entry an entry
     * @return every reason the entry does not count, empty when it is verified
     */
    static List<String> problems(LogEvidence entry) {
        List<String> problems = new ArrayList<>();
        CheckpointEvidence checkpoint = entry.checkpoint();
        if (!entry.bodyVerified()) {
            problems.add("the logged body is not what the signature must be logged as");
        }
        if (!entry.inclusionVerified()) {
            problems.add("the inclusion proof does not verify");
        }
        if (!checkpoint.signatureVerified()) {
            problems.add("the checkpoint is not signed by the registered log's key");
        }
        if (!entry.proofMatchesCheckpoint()) {
            problems.add("inconsistent checkpoint: the proof is for tree size " + entry.proofTreeSize() + " and root "
                    + entry.proofRootHash() + ", the checkpoint has size " + checkpoint.size() + " and root "
                    + checkpoint.rootHash());
        }
        if (checkpoint.consistency() == Consistency.INCONSISTENT) {
            problems.add("the checkpoint is inconsistent with the log's current view (split view)");
        }
        return problems;
    }

    /**
     * @param context the evidence
     * @param logs the log references a rule names, or null for every log
     * @return the entries of those logs, in report order
     */
    static List<LogEvidence> entries(VerificationContext context, List<String> logs) {
        return context.logEntries().stream().filter(e -> logs == null || logs.stream().anyMatch(e::matches))
                .sorted(ORDER).toList();
    }

    /**
     * @param entry an entry
     * @return its label in reasons: {@code <origin>#<index>}
     */
    static String label(LogEvidence entry) {
        return entry.origin() + "#" + entry.logIndex();
    }
}
