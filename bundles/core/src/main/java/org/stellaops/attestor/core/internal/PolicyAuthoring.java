package org.stellaops.attestor.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.stellaops.attestor.core.service.PolicyInvalidException;
import org.stellaops.attestor.core.service.PolicyService.PolicyDraft;
import org.stellaops.attestor.core.service.PolicyService.PolicyInfo;
import org.stellaops.attestor.core.service.PolicyService.PolicyOutcome;
import org.stellaops.attestor.policy.PolicyDocument;
import org.stellaops.attestor.policy.PolicyEngine;
import org.stellaops.attestor.policy.PolicyFormat;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.PolicyApproval;
import org.stellaops.attestor.store.PolicyStore;
import org.stellaops.attestor.store.PolicyVersion;
import org.stellaops.attestor.store.Provenance;

/**
 * Policy authoring: every change is a new immutable version (a tombstone for a deletion), validated strictly
 * against the tenant's environment, numbered by the document's own {@code version} (which must be the next one, so
 * two authors editing at once cannot silently overwrite each other), audited, and announced. Under the tenant's
 * two-person rule a version becomes active only once another principal approved it. Also resolves the stored policy
 * a verification names, re-validated against the tenant's current environment and cached until the policies, the
 * trust roots or the rule types change.
 */
final class PolicyAuthoring {

    /** The author of starter policies. */
    static final String STARTER_AUTHOR = "system:starter";
    private static final int RESOLVED_LIMIT = 10_000;

    /** Which tenants need a second principal to approve each new version ({@code *}: every tenant). */
    record ApprovalRule(Set<String> tenants) {
        static ApprovalRule parse(String[] configured) {
            return new ApprovalRule(configured == null ? Set.of() : Set.of(java.util.Arrays.stream(configured)
                    .filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).distinct()
                    .toArray(String[]::new)));
        }

        boolean requiredFor(String tenant) {
            return tenants.contains("*") || tenants.contains(tenant);
        }
    }

    private record Resolution(String stamp, ResolvedPolicy policy) {
    }

    private final PolicyStore store;
    private final PolicyEngines engines;
    private final PolicyEnvironments environments;
    private final TrustRoots trust;
    private final Auditor auditor;
    private final Clock clock;
    private final ApprovalRule approvals;
    private final Map<String, Resolution> resolved = new ConcurrentHashMap<>();

    PolicyAuthoring(PolicyStore store, PolicyEngines engines, PolicyEnvironments environments, TrustRoots trust,
                    Auditor auditor, Clock clock, ApprovalRule approvals) {
        this.store = store;
        this.engines = engines;
        this.environments = environments;
        this.trust = trust;
        this.auditor = auditor;
        this.clock = clock;
        this.approvals = approvals;
    }

    PolicyInfo create(PolicyDraft draft, Provenance who) {
        return audited(who, PolicyErrors.CREATED, "-", () -> {
            Validated doc = validate(draft, who.tenant());
            List<PolicyVersion> history = store.history(who.tenant(), doc.document().id());
            if (!history.isEmpty() && !last(history).deleted()) {
                throw new AttestorException(PolicyErrors.EXISTS, "policy " + doc.document().id() + " exists (version "
                        + last(history).version() + "); change it with PUT /api/v1/policies/" + doc.document().id());
            }
            return append(history, doc, draft.comment(), who, PolicyErrors.CREATED);
        });
    }

    PolicyInfo update(String policyId, PolicyDraft draft, Provenance who) {
        return audited(who, PolicyErrors.UPDATED, policyId, () -> {
            Validated doc = validate(draft, who.tenant());
            if (!doc.document().id().equals(policyId)) {
                throw new AttestorException(PolicyErrors.ID_MISMATCH, "the document's id is " + doc.document().id()
                        + ", not " + policyId);
            }
            List<PolicyVersion> history = existing(who.tenant(), policyId);
            return append(history, doc, draft.comment(), who, PolicyErrors.UPDATED);
        });
    }

    PolicyInfo delete(String policyId, String comment, Provenance who) {
        return audited(who, PolicyErrors.DELETED, policyId, () -> {
            List<PolicyVersion> history = existing(who.tenant(), policyId);
            int next = last(history).version() + 1;
            PolicyVersion tombstone = new PolicyVersion(who.tenant(), policyId, next, true, "", "", "",
                    who.principal(), clock.instant(), false, comment);
            appendOrConflict(tombstone);
            return changed(who, PolicyErrors.DELETED, history, tombstone);
        });
    }

    PolicyInfo approve(String policyId, int version, Provenance who) {
        return audited(who, PolicyErrors.APPROVED, policyId + "@" + version, () -> {
            List<PolicyVersion> history = store.history(who.tenant(), policyId);
            PolicyVersion target = history.stream().filter(v -> v.version() == version).findFirst().orElseThrow(() ->
                    new AttestorException(PolicyErrors.NOT_FOUND, "policy " + policyId + " has no version " + version));
            List<PolicyApproval> given = store.approvals(who.tenant(), policyId);
            PolicyInfo before = PolicyStates.of(history, given);
            refuseApproval(target, before, given, who);
            PolicyApproval approval = new PolicyApproval(who.tenant(), policyId, version, who.principal(),
                    clock.instant());
            if (!store.approve(approval)) {
                throw new AttestorException(PolicyErrors.ALREADY_APPROVED, who.principal() + " approved "
                        + policyId + "@" + version + " before");
            }
            PolicyInfo after = PolicyStates.of(history, store.approvals(who.tenant(), policyId));
            announceActivation(who, before, after);
            return after;
        });
    }

    private static void refuseApproval(PolicyVersion target, PolicyInfo state, List<PolicyApproval> given,
                                       Provenance who) {
        String name = target.policyId() + "@" + target.version();
        if (target.deleted() || !target.approvalRequired()) {
            throw new AttestorException(PolicyErrors.NOT_APPROVABLE, name + (target.deleted()
                    ? " is a deletion, which takes effect without approval" : " needed no approval"));
        }
        if (target.author().equals(who.principal())) {
            throw new AttestorException(PolicyErrors.SELF_APPROVAL, "the two-person rule: " + name + " was written by "
                    + who.principal() + ", so another principal must approve it");
        }
        if (PolicyStates.usable(target, given)) {
            throw new AttestorException(PolicyErrors.ALREADY_APPROVED, name + " is approved already");
        }
        boolean pending = state.versions().stream().anyMatch(v -> v.version() == target.version()
                && v.state().equals(org.stellaops.attestor.core.service.PolicyService.PolicyVersionInfo.PENDING));
        if (!pending) {
            throw new AttestorException(PolicyErrors.NOT_APPROVABLE, name + " is older than the active version or a "
                    + "deletion, so it can no longer become active");
        }
    }

    List<PolicyInfo> policies(String tenant) {
        List<PolicyVersion> all = store.allVersions(tenant);
        Map<String, List<PolicyVersion>> byId = new java.util.TreeMap<>();
        all.forEach(v -> byId.computeIfAbsent(v.policyId(), k -> new java.util.ArrayList<>()).add(v));
        return byId.entrySet().stream().map(e -> PolicyStates.of(e.getValue(),
                store.approvals(tenant, e.getKey()))).toList();
    }

    Optional<PolicyInfo> policy(String tenant, String policyId) {
        if (!PolicyVersion.isPolicyId(policyId)) {
            return Optional.empty();
        }
        List<PolicyVersion> history = store.history(tenant, policyId);
        return history.isEmpty() ? Optional.empty()
                : Optional.of(PolicyStates.of(history, store.approvals(tenant, policyId)));
    }

    /**
     * @return the stored policy a verification names: a given version if it is usable (approved or needing no
     *         approval), else the active one; re-validated against the tenant's environment now
     */
    ResolvedPolicy resolve(String tenant, String policyId, Integer version, PolicyEngine engine) {
        String key = tenant + '\0' + policyId + '\0' + (version == null ? "active" : version);
        String stamp = store.revision() + ":" + trust.version() + ":" + PolicyEngines.fingerprint(engine);
        Resolution cached = resolved.get(key);
        if (cached != null && cached.stamp().equals(stamp)) {
            return cached.policy();
        }
        ResolvedPolicy policy = validated(choose(tenant, policyId, version), tenant, engine);
        if (resolved.size() >= RESOLVED_LIMIT) {
            resolved.clear();
        }
        resolved.put(key, new Resolution(stamp, policy));
        return policy;
    }

    /**
     * A stored document version validated against the tenant's environment now, whatever its state (simulations
     * evaluate pending versions).
     *
     * @throws AttestorException {@code policy.not_found} for an unknown version or a tombstone
     */
    ResolvedPolicy storedVersion(String tenant, String policyId, int version, PolicyEngine engine) {
        PolicyVersion v = store.get(tenant, policyId, version).filter(found -> !found.deleted()).orElseThrow(() ->
                new AttestorException(PolicyErrors.NOT_FOUND, "policy " + policyId + " has no document version "
                        + version));
        return validated(v, tenant, engine);
    }

    private ResolvedPolicy validated(PolicyVersion v, String tenant, PolicyEngine engine) {
        PolicyDocument document = ResolvedPolicy.valid(engine.validate(v.document().getBytes(StandardCharsets.UTF_8),
                format(v.format()), environments.of(tenant)));
        return new ResolvedPolicy(document, PolicyOutcome.STORE, v.version());
    }

    /** The version a verification uses, or why none may be used. */
    PolicyVersion choose(String tenant, String policyId, Integer version) {
        List<PolicyVersion> history = PolicyVersion.isPolicyId(policyId) ? store.history(tenant, policyId)
                : List.of();
        if (history.isEmpty()) {
            throw new AttestorException(PolicyErrors.NOT_FOUND, "no policy " + policyId);
        }
        List<PolicyApproval> given = store.approvals(tenant, policyId);
        if (version != null) {
            PolicyVersion v = history.stream().filter(h -> h.version() == version).findFirst().orElseThrow(() ->
                    new AttestorException(PolicyErrors.NOT_FOUND, "policy " + policyId + " has no version " + version));
            if (v.deleted()) {
                throw new AttestorException(PolicyErrors.NOT_FOUND, "version " + version + " of " + policyId
                        + " deleted the policy");
            }
            if (!PolicyStates.usable(v, given)) {
                throw new AttestorException(PolicyErrors.NOT_ACTIVE, policyId + "@" + version
                        + " waits for approval by a principal other than its author");
            }
            return v;
        }
        PolicyInfo info = PolicyStates.of(history, given);
        if (info.activeVersion() == null) {
            throw info.deleted() ? new AttestorException(PolicyErrors.NOT_FOUND, "policy " + policyId
                    + " was deleted")
                    : new AttestorException(PolicyErrors.NOT_ACTIVE, "no version of " + policyId
                    + " is approved yet");
        }
        return history.stream().filter(h -> h.version() == info.activeVersion()).findFirst().orElseThrow();
    }

    /** A validated draft: the document and its text. */
    record Validated(PolicyDocument document, String text, String format) {
    }

    /** Validates a draft against the tenant's environment now. */
    Validated validate(PolicyDraft draft, String tenant) {
        PolicyFormat format = format(draft.format());
        byte[] bytes = draft.document();
        String text = utf8(bytes);
        PolicyEngine engine = engines.require();
        PolicyDocument document = ResolvedPolicy.valid(engine.validate(bytes, format, environments.of(tenant)));
        return new Validated(document, text, draft.format());
    }

    private PolicyInfo append(List<PolicyVersion> history, Validated doc, String comment, Provenance who,
                              String action) {
        int next = history.isEmpty() ? 1 : last(history).version() + 1;
        if (doc.document().version() != next) {
            throw new AttestorException(PolicyErrors.VERSION_CONFLICT, "the document says version "
                    + doc.document().version() + "; the next version of " + doc.document().id() + " is " + next);
        }
        PolicyVersion version = new PolicyVersion(who.tenant(), doc.document().id(), next, false, doc.format(),
                doc.text(), doc.document().digest(), who.principal(), clock.instant(),
                approvals.requiredFor(who.tenant()), comment);
        appendOrConflict(version);
        return changed(who, action, history, version);
    }

    private void appendOrConflict(PolicyVersion version) {
        if (!store.append(version)) {
            throw new AttestorException(PolicyErrors.VERSION_CONFLICT, "version " + version.version() + " of "
                    + version.policyId() + " was just written by another change; read the policy and try again");
        }
    }

    /** Audits a change and announces the activation it caused, if any. */
    private PolicyInfo changed(Provenance who, String action, List<PolicyVersion> before, PolicyVersion added) {
        List<PolicyApproval> given = store.approvals(who.tenant(), added.policyId());
        PolicyInfo previous = before.isEmpty() ? null : PolicyStates.of(before, given);
        List<PolicyVersion> now = new java.util.ArrayList<>(before);
        now.add(added);
        PolicyInfo after = PolicyStates.of(now, given);
        announceActivation(who, previous, after);
        return after;
    }

    private void announceActivation(Provenance who, PolicyInfo before, PolicyInfo after) {
        Integer was = before == null ? null : before.activeVersion();
        if (!Objects.equals(was, after.activeVersion()) || before != null && before.deleted() != after.deleted()) {
            String detail = after.activeVersion() != null ? "active version " + after.activeVersion()
                    : after.deleted() ? "deleted" : "no active version";
            auditor.notifySystem("policy.activated", after.policyId(), detail, Map.of("tenant", who.tenant(),
                    "policyId", after.policyId(), "activeVersion", after.activeVersion() == null ? -1
                            : after.activeVersion(), "principal", who.principal()));
        }
    }

    /** Every change and every refusal is audited, with the version it made. */
    private PolicyInfo audited(Provenance who, String action, String target, Supplier<PolicyInfo> change) {
        try {
            PolicyInfo info = change.get();
            auditor.record(who, action, info.policyId() + "@" + info.latestVersion(), Auditor.SUCCESS,
                    describe(info));
            return info;
        } catch (RuntimeException e) {
            auditor.record(who, action, target, RecordLookup.codeOf(e), String.valueOf(e.getMessage()));
            throw e;
        }
    }

    private static String describe(PolicyInfo info) {
        var latest = info.versions().get(info.versions().size() - 1);
        return latest.state() + (latest.digest().isEmpty() ? "" : " " + latest.digest())
                + (latest.comment().isEmpty() ? "" : ": " + latest.comment());
    }

    private List<PolicyVersion> existing(String tenant, String policyId) {
        List<PolicyVersion> history = PolicyVersion.isPolicyId(policyId) ? store.history(tenant, policyId)
                : List.of();
        if (history.isEmpty() || last(history).deleted()) {
            throw new AttestorException(PolicyErrors.NOT_FOUND, history.isEmpty() ? "no policy " + policyId
                    : "policy " + policyId + " was deleted; create it again with POST /api/v1/policies");
        }
        return history;
    }

    private static PolicyVersion last(List<PolicyVersion> history) {
        return history.get(history.size() - 1);
    }

    static PolicyFormat format(String format) {
        return switch (format) {
            case PolicyVersion.JSON -> PolicyFormat.JSON;
            case PolicyVersion.YAML -> PolicyFormat.YAML;
            default -> throw new AttestorException(PolicyErrors.UNSUPPORTED_FORMAT, "policies are JSON "
                    + "(application/json) or YAML (application/yaml), not " + format);
        };
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PolicyInvalidException(List.of(new PolicyInvalidException.Problem("", "json.malformed",
                    "the document is not UTF-8")));
        }
    }
}
