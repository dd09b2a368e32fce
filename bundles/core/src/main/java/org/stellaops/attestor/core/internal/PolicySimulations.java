package org.stellaops.attestor.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.stellaops.attestor.core.service.PolicyService.PolicyInfo;
import org.stellaops.attestor.core.service.PolicyService.SimulatedRecord;
import org.stellaops.attestor.core.service.PolicyService.Simulation;
import org.stellaops.attestor.core.service.PolicyService.SimulationRequest;
import org.stellaops.attestor.policy.PolicyDecision;
import org.stellaops.attestor.policy.PolicyDocument;
import org.stellaops.attestor.policy.PolicyEngine;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.Tenants;

/**
 * What a draft of a policy would change: every stored record of the tenant in the selection (at most
 * {@code maxSimulationRecords}, else nothing is evaluated) is verified once and judged by the active version and by
 * the draft at one verification time. Read-only: it writes nothing but its own audit event ({@code policy.simulate})
 * and touches no cache.
 */
final class PolicySimulations {

    /** The verdict shown for the active side of a policy without an active version. */
    static final String NONE = "none";
    private static final int PAGE = EntryQuery.MAX_LIMIT;

    private final EntryStore entries;
    private final PolicyAuthoring authoring;
    private final PolicyVerifications verifications;
    private final PolicyEngines engines;
    private final Auditor auditor;
    private final Clock clock;
    private final Executor pool;
    private final int maxRecords;

    PolicySimulations(EntryStore entries, PolicyAuthoring authoring, PolicyVerifications verifications,
                      PolicyEngines engines, Auditor auditor, Clock clock, Executor pool, int maxRecords) {
        this.entries = entries;
        this.authoring = authoring;
        this.verifications = verifications;
        this.engines = engines;
        this.auditor = auditor;
        this.clock = clock;
        this.pool = pool;
        this.maxRecords = Math.max(1, maxRecords);
    }

    Simulation simulate(String policyId, SimulationRequest request, Provenance who) {
        try {
            Simulation result = run(policyId, request, who.tenant());
            auditor.record(who, PolicyErrors.SIMULATED, policyId, Auditor.SUCCESS, result.evaluated()
                    + " records: " + result.newlyFailing() + " newly failing, " + result.newlyPassing()
                    + " newly passing under draft " + result.draftDigest());
            return result;
        } catch (RuntimeException e) {
            auditor.record(who, PolicyErrors.SIMULATED, policyId, RecordLookup.codeOf(e), String.valueOf(
                    e.getMessage()));
            throw e;
        }
    }

    private Simulation run(String policyId, SimulationRequest request, String tenant) {
        PolicyEngine engine = engines.require();
        PolicyInfo info = authoring.policy(tenant, policyId).orElseThrow(() ->
                new AttestorException(PolicyErrors.NOT_FOUND, "no policy " + policyId));
        ResolvedPolicy active = info.activeVersion() == null ? null
                : authoring.storedVersion(tenant, policyId, info.activeVersion(), engine);
        ResolvedPolicy draft = draft(policyId, request, tenant, engine);
        List<EntryRecord> records = select(tenant, request);
        Instant now = clock.instant();
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(records.size());
        for (EntryRecord record : records) {
            outcomes.add(CompletableFuture.supplyAsync(() -> judge(tenant, record, active, draft.document(), engine,
                    now), pool));
        }
        Tally tally = new Tally(request.listLimit());
        outcomes.stream().map(CompletableFuture::join).forEach(tally::add);
        return new Simulation(policyId, active == null ? null : active.version(),
                active == null ? null : active.document().digest(), request.draftVersion(),
                draft.document().digest(), now, records.size(), tally.newlyFailing, tally.newlyPassing,
                tally.unchangedPassing, tally.unchangedFailing, tally.errors, tally.failing, tally.passing,
                tally.truncated);
    }

    private ResolvedPolicy draft(String policyId, SimulationRequest request, String tenant, PolicyEngine engine) {
        if (request.draftVersion() != null) {
            return authoring.storedVersion(tenant, policyId, request.draftVersion(), engine);
        }
        PolicyDocument document = authoring.validate(request.draft(), tenant).document();
        if (!document.id().equals(policyId)) {
            throw new AttestorException(PolicyErrors.ID_MISMATCH, "the draft's id is " + document.id() + ", not "
                    + policyId);
        }
        return new ResolvedPolicy(document, "draft", document.version());
    }

    /** The records of the selection, newest first; refused whole when there are more than the limit. */
    private List<EntryRecord> select(String tenant, SimulationRequest request) {
        if (!Tenants.isName(tenant)) {
            return List.of();
        }
        String subject = request.subject() == null ? null
                : PolicyVerifications.subject(request.subject()).toString();
        EntryQuery query = new EntryQuery(tenant, subject, request.predicateType(), null, request.since(),
                request.until(), PAGE, null);
        List<EntryRecord> selected = new ArrayList<>();
        while (true) {
            EntryPage page = entries.search(query);
            selected.addAll(page.records());
            if (selected.size() > maxRecords) {
                throw new AttestorException(PolicyErrors.SIMULATION_TOO_LARGE, "the selection holds more than "
                        + maxRecords + " records (maxSimulationRecords); narrow it with since, until, predicateType "
                        + "or subject");
            }
            if (page.nextCursor() == null || page.records().isEmpty()) {
                return selected;
            }
            query = query.after(page.nextCursor());
        }
    }

    /** One record's outcome under both sides. */
    private record Outcome(EntryRecord record, boolean activePasses, boolean draftPasses, String active,
                           String draft, List<String> activeFailures, List<String> draftFailures, boolean error) {
    }

    private Outcome judge(String tenant, EntryRecord record, ResolvedPolicy active, PolicyDocument draft,
                          PolicyEngine engine, Instant now) {
        try {
            PolicyVerifications.Computed computed = verifications.computedOf(tenant, record);
            boolean verified = computed.report().verified();
            PolicyDecision activeDecision = active == null ? null
                    : verifications.decide(engine, active.document(), computed.evidence(), now);
            PolicyDecision draftDecision = verifications.decide(engine, draft, computed.evidence(), now);
            return new Outcome(record, verified && activeDecision != null && activeDecision.allowed(),
                    verified && draftDecision.allowed(), verdict(activeDecision), verdict(draftDecision),
                    activeDecision == null ? List.of() : activeDecision.failures(), draftDecision.failures(), false);
        } catch (RuntimeException e) {
            return new Outcome(record, false, false, "error", "error", List.of(), List.of(), true);
        }
    }

    private static String verdict(PolicyDecision decision) {
        return decision == null ? NONE : decision.verdict().name().toLowerCase(Locale.ROOT);
    }

    /** Counts and bounded lists, in record order (newest first). */
    private static final class Tally {
        private final int limit;
        private long newlyFailing;
        private long newlyPassing;
        private long unchangedPassing;
        private long unchangedFailing;
        private long errors;
        private final List<SimulatedRecord> failing = new ArrayList<>();
        private final List<SimulatedRecord> passing = new ArrayList<>();
        private boolean truncated;

        Tally(int limit) {
            this.limit = limit;
        }

        void add(Outcome o) {
            if (o.error()) {
                errors++;
            } else if (o.activePasses() && !o.draftPasses()) {
                newlyFailing++;
                list(failing, o);
            } else if (!o.activePasses() && o.draftPasses()) {
                newlyPassing++;
                list(passing, o);
            } else if (o.activePasses()) {
                unchangedPassing++;
            } else {
                unchangedFailing++;
            }
        }

        private void list(List<SimulatedRecord> into, Outcome o) {
            if (into.size() >= limit) {
                truncated = true;
                return;
            }
            EntryRecord r = o.record();
            into.add(new SimulatedRecord(r.envelopeDigest(), r.uuid(), r.predicateType(), r.createdAt(), o.active(),
                    o.draft(), o.activeFailures(), o.draftFailures()));
        }
    }
}
