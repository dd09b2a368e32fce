package org.stellaops.attestor.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.stellaops.attestor.core.service.AttestationService.AuditAnchor;
import org.stellaops.attestor.core.service.AttestationService.AuditVerification;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.ChainedAuditEvent;

/**
 * Walks the audit chain from its first event to the head as it was when the walk began, page by page (memory
 * stays flat however long the trail is), checks every link with {@link AuditChain#check}, and re-checks every
 * anchor found on the way ({@link AuditAnchors#check}).
 */
final class AuditVerifier {

    private static final int PAGE = 1000;

    private final AuditStore store;
    private final AuditAnchors anchors;

    AuditVerifier(AuditStore store, AuditAnchors anchors) {
        this.store = store;
        this.anchors = anchors;
    }

    /**
     * @param tenant null to count every event; otherwise {@code checked} counts only that tenant's events (the whole
     *               chain is walked either way: a tenant's events are only as safe as the links around them)
     */
    AuditVerification verify(String tenant) {
        Optional<ChainedAuditEvent> head = store.head();
        if (head.isEmpty()) {
            return new AuditVerification(true, 0, 0, AuditChain.GENESIS, 0, "", List.of());
        }
        long headSeq = head.get().seq();
        Walk walk = new Walk(tenant);
        for (long from = 1; from <= headSeq; ) {
            List<ChainedAuditEvent> page = store.chain(from, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (ChainedAuditEvent event : page) {
                if (event.seq() > headSeq) {
                    break;
                }
                walk.step(event);
            }
            from = page.get(page.size() - 1).seq() + 1;
        }
        walk.finish(head.get());
        List<AuditAnchor> checked = walk.anchorEvents.stream().map(anchors::check).toList();
        boolean intact = walk.brokenSeq == 0 && checked.stream().allMatch(a -> a.matchesChain() && a.proofVerified());
        return new AuditVerification(intact, walk.checked, headSeq, head.get().hash(), walk.brokenSeq, walk.reason,
                checked);
    }

    /**
     * The answer a tenant gets: intact or not and how many of its own events were checked; no head, no sequence
     * numbers, no anchors and no reason, since all of them describe other tenants' events too.
     */
    static AuditVerification tenantView(AuditVerification full) {
        return new AuditVerification(full.intact(), full.checked(), 0, "", 0,
                full.intact() ? "" : "the audit chain is broken; the operator can see where", List.of());
    }

    /** The state of one walk. */
    private static final class Walk {
        private final String tenant;
        private ChainedAuditEvent previous;
        private long checked;
        private long brokenSeq;
        private String reason = "";
        private final List<ChainedAuditEvent> anchorEvents = new ArrayList<>();

        Walk(String tenant) {
            this.tenant = tenant;
        }

        void step(ChainedAuditEvent event) {
            if (brokenSeq == 0) {
                Optional<String> broken = AuditChain.check(previous, event);
                if (broken.isPresent()) {
                    brokenSeq = event.seq();
                    reason = broken.get();
                }
            }
            if (AuditAnchors.isAnchor(event)) {
                anchorEvents.add(event);
            }
            previous = event;
            if (tenant == null || tenant.equals(event.event().tenant())) {
                checked++;
            }
        }

        /** A chain that stops short of the head, or ends in another event than the head, is broken too. */
        void finish(ChainedAuditEvent head) {
            if (brokenSeq != 0) {
                return;
            }
            if (previous == null || previous.seq() != head.seq()) {
                brokenSeq = previous == null ? 1 : previous.seq() + 1;
                reason = "the chain ends at event " + (previous == null ? 0 : previous.seq()) + " but the head is event "
                        + head.seq();
            } else if (!previous.hash().equals(head.hash())) {
                brokenSeq = head.seq();
                reason = "event " + head.seq() + " read while walking differs from the head read before";
            }
        }
    }
}
