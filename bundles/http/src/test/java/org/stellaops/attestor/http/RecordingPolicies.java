package org.stellaops.attestor.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.PolicyInvalidException;
import org.stellaops.attestor.core.service.PolicyService;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.Provenance;

/**
 * The core's policy operations as the API servlet sees them, for tests of the HTTP layer alone: it records what it
 * was handed and answers by simple rules. A policy id {@code missing} is not found, {@code down} means no engine; an
 * inline document containing {@code "invalid"} fails validation with two problems; a policy (id or document) with
 * {@code deny} in it denies, any other allows. Reports verify unless the item's id is {@code unverified}.
 * Authoring keeps versions per tenant: a document's id is its {@code "id":"…"} (JSON) or {@code id: …} (YAML) member,
 * a document containing {@code "invalid"} fails validation, an author may not approve their own version; every
 * version needs approval in tenant {@value #APPROVING_TENANT}.
 */
final class RecordingPolicies implements PolicyService {

    /** Every call: the policy request and the items. */
    record Call(PolicyRequest policy, List<VerifyRequest> requests, Provenance provenance) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** The tenant whose versions need approval. */
    static final String APPROVING_TENANT = TokenTable.TENANT;
    /** Every authoring call as "operation tenant principal detail". */
    final List<String> changes = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, List<PolicyVersionInfo>> stored = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile(
            "(?:\"id\"\\s*:\\s*\"|\\bid:\\s*)([A-Za-z0-9._-]+)");

    @Override
    public PolicyInfo create(PolicyDraft draft, Provenance provenance) {
        String text = new String(draft.document(), StandardCharsets.UTF_8);
        changes.add("create " + provenance.tenant() + " " + provenance.principal() + " " + draft.format() + " "
                + draft.comment());
        rejectInvalid(text);
        java.util.regex.Matcher id = ID.matcher(text);
        if (!id.find()) {
            throw new PolicyInvalidException(List.of(new PolicyInvalidException.Problem("/id", "policy.missing_member",
                    "no id")));
        }
        String key = provenance.tenant() + "/" + id.group(1);
        if (stored.containsKey(key)) {
            throw new AttestorException("policy.exists", "policy " + id.group(1) + " exists");
        }
        stored.put(key, new CopyOnWriteArrayList<>());
        return add(key, id.group(1), draft, text, provenance);
    }

    @Override
    public PolicyInfo update(String policyId, PolicyDraft draft, Provenance provenance) {
        String text = new String(draft.document(), StandardCharsets.UTF_8);
        changes.add("update " + provenance.tenant() + " " + provenance.principal() + " " + policyId);
        String key = provenance.tenant() + "/" + policyId;
        if (!stored.containsKey(key)) {
            throw new AttestorException("policy.not_found", "no policy " + policyId);
        }
        rejectInvalid(text);
        return add(key, policyId, draft, text, provenance);
    }

    private static void rejectInvalid(String text) {
        if (text.contains("invalid")) {
            throw new PolicyInvalidException(List.of(new PolicyInvalidException.Problem("/rules/0/type",
                    "policy.unknown_rule_type", "no rule type invalid")));
        }
    }

    private PolicyInfo add(String key, String id, PolicyDraft draft, String text, Provenance who) {
        List<PolicyVersionInfo> versions = stored.get(key);
        boolean approval = APPROVING_TENANT.equals(who.tenant());
        versions.add(new PolicyVersionInfo(id, versions.size() + 1, approval ? PolicyVersionInfo.PENDING
                : PolicyVersionInfo.ACTIVE, false, draft.format(), text, "sha256:" + "cd".repeat(32),
                who.principal(), java.time.Instant.parse("2026-05-01T12:00:00Z"), approval, List.of(),
                draft.comment()));
        return info(key);
    }

    private PolicyInfo info(String key) {
        List<PolicyVersionInfo> versions = stored.get(key);
        PolicyVersionInfo last = versions.get(versions.size() - 1);
        Integer active = versions.stream().filter(v -> v.state().equals(PolicyVersionInfo.ACTIVE))
                .map(PolicyVersionInfo::version).reduce((a, b) -> b).orElse(null);
        return new PolicyInfo(last.policyId(), active, last.version(), last.deleted(), versions);
    }

    @Override
    public PolicyInfo delete(String policyId, String comment, Provenance provenance) {
        changes.add("delete " + provenance.tenant() + " " + provenance.principal() + " " + policyId + " " + comment);
        String key = provenance.tenant() + "/" + policyId;
        if (!stored.containsKey(key)) {
            throw new AttestorException("policy.not_found", "no policy " + policyId);
        }
        List<PolicyVersionInfo> versions = stored.get(key);
        versions.add(new PolicyVersionInfo(policyId, versions.size() + 1, PolicyVersionInfo.DELETED, true, "", "",
                "", provenance.principal(), java.time.Instant.parse("2026-05-01T12:00:00Z"), false, List.of(),
                comment));
        return info(key);
    }

    @Override
    public PolicyInfo approve(String policyId, int version, Provenance provenance) {
        changes.add("approve " + provenance.tenant() + " " + provenance.principal() + " " + policyId + "@" + version);
        String key = provenance.tenant() + "/" + policyId;
        List<PolicyVersionInfo> versions = stored.get(key);
        if (versions == null || version > versions.size()) {
            throw new AttestorException("policy.not_found", "no such version");
        }
        PolicyVersionInfo v = versions.get(version - 1);
        if (v.author().equals(provenance.principal())) {
            throw new AttestorException("policy.self_approval", "two-person rule");
        }
        versions.set(version - 1, new PolicyVersionInfo(v.policyId(), v.version(), PolicyVersionInfo.ACTIVE, false,
                v.format(), v.document(), v.digest(), v.author(), v.createdAt(), true,
                List.of(new Approval(provenance.principal(), v.createdAt())), v.comment()));
        return info(key);
    }

    @Override
    public List<PolicyInfo> policies(String tenant) {
        return stored.keySet().stream().filter(k -> k.startsWith(tenant + "/")).sorted().map(this::info).toList();
    }

    @Override
    public java.util.Optional<PolicyInfo> policy(String tenant, String policyId) {
        String key = tenant + "/" + policyId;
        return stored.containsKey(key) ? java.util.Optional.of(info(key)) : java.util.Optional.empty();
    }

    /** Every simulation request, by policy id. */
    final List<SimulationRequest> simulations = new CopyOnWriteArrayList<>();

    @Override
    public Simulation simulate(String policyId, SimulationRequest request, Provenance provenance) {
        simulations.add(request);
        if ("huge".equals(policyId)) {
            throw new AttestorException("policy.simulation_too_large", "more than 10000 records");
        }
        SimulatedRecord changed = new SimulatedRecord("sha256:" + "ab".repeat(32), "cd".repeat(32),
                "https://slsa.dev/provenance/v1", java.time.Instant.parse("2026-05-01T12:00:00Z"), "pass", "fail",
                List.of(), List.of("two-signers"));
        return new Simulation(policyId, 1, "sha256:" + "11".repeat(32), request.draftVersion(),
                "sha256:" + "22".repeat(32), java.time.Instant.parse("2026-05-01T13:00:00Z"), 3, 1, 0, 2, 0, 0,
                List.of(changed), List.of(), false);
    }

    @Override
    public List<StarterResult> loadStarterPolicies(Provenance provenance) {
        changes.add("starters " + provenance.tenant() + " " + provenance.principal());
        return List.of(new StarterResult("signed-by-trusted-key", "loaded", List.of()),
                new StarterResult("release-2-of-3", "invalid", List.of(new PolicyInvalidException.Problem(
                        "/rules/0/config/keySet", "policy.unknown_key_set", "no key set release-signers"))));
    }

    @Override
    public PolicyVerification verify(VerifyRequest request, PolicyRequest policy, Provenance provenance) {
        calls.add(new Call(policy, List.of(request), provenance));
        return judge(request, policy);
    }

    @Override
    public List<PolicyVerifyOutcome> verifyBatch(List<VerifyRequest> requests, PolicyRequest policy,
                                                 Provenance provenance) {
        calls.add(new Call(policy, List.copyOf(requests), provenance));
        refuseUnusable(policy);
        List<PolicyVerifyOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            outcomes.add(new PolicyVerifyOutcome(i, judge(requests.get(i), policy), null));
        }
        return outcomes;
    }

    private static void refuseUnusable(PolicyRequest policy) {
        if ("missing".equals(policy.policyId())) {
            throw new AttestorException("policy.not_found", "no policy missing");
        }
        if ("down".equals(policy.policyId())) {
            throw new AttestorException("policy.engine_unavailable", "no engine");
        }
        String document = policy.inlineDocument() == null ? ""
                : new String(policy.inlineDocument(), StandardCharsets.UTF_8);
        if (document.contains("invalid")) {
            throw new PolicyInvalidException(List.of(
                    new PolicyInvalidException.Problem("/rules/0/config/keys/0", "policy.unknown_key", "no key x"),
                    new PolicyInvalidException.Problem("/id", "policy.bad_value", "bad id")));
        }
    }

    private static PolicyVerification judge(VerifyRequest request, PolicyRequest policy) {
        refuseUnusable(policy);
        String text = policy.policyId() != null ? policy.policyId()
                : new String(policy.inlineDocument(), StandardCharsets.UTF_8);
        boolean allow = !text.contains("deny");
        boolean verified = !"unverified".equals(request.id());
        String digest = "sha256:" + "ab".repeat(32);
        VerificationReport report = VerificationReport.of(digest,
                List.of(new VerificationReport.Check("signature[0]", verified, "test")));
        String decision = "{\"allowed\":" + allow + ",\"verdict\":\"" + (allow ? "pass" : "fail") + "\"}";
        PolicyOutcome outcome = new PolicyOutcome(policy.policyId() == null ? "inline" : policy.policyId(),
                policy.version() == null ? 1 : policy.version(), "sha256:" + "cd".repeat(32),
                policy.policyId() == null ? PolicyOutcome.INLINE : PolicyOutcome.STORE, allow ? "pass" : "fail",
                allow, decision.getBytes(StandardCharsets.UTF_8));
        byte[] vsa = policy.vsa() ? "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30=\",\"signatures\":[]}"
                .getBytes(StandardCharsets.UTF_8) : null;
        return new PolicyVerification(report, outcome, verified && allow, vsa);
    }
}
