package org.stellaops.attestor.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.core.service.PolicyService.PolicyOutcome;
import org.stellaops.attestor.core.service.PolicyService.PolicyRequest;
import org.stellaops.attestor.core.service.PolicyService.PolicyVerification;
import org.stellaops.attestor.core.service.PolicyService.PolicyVerifyOutcome;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.policy.PolicyDecision;
import org.stellaops.attestor.policy.PolicyDocument;
import org.stellaops.attestor.policy.PolicyEngine;
import org.stellaops.attestor.policy.PolicyFormat;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.ParsedEnvelope;
import org.stellaops.attestor.sdk.intoto.DigestText;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.Provenance;

/**
 * Verification under a policy: the verification of {@link Verifications} with the evidence a policy needs, then the
 * engine's decision over it. Results are cached by request, tenant, subject asked about and policy (source, id,
 * version, content digest), stamped like plain reports plus the installed rule types; a cached decision is served
 * as it is for {@code policyDecisionTtlMillis} of verification time, then re-evaluated over the cached evidence at
 * the new time (time-dependent rules — freshness, witness windows, judging without trusted time — follow the
 * clock, while the costly verification is not repeated).
 */
final class PolicyVerifications {

    /** Outcome of a verification audit event whose report verified but whose policy did not allow it. */
    static final String DENIED = "policy.denied";

    /** Everything one request needs besides the request itself. */
    record Parts(EntryStore entries, RecordLookup lookup, JsonLimits limits, EntryVerifier verifier,
                 VerificationCache cache, TrustRoots trust, CacheStamps stamps, PolicyEngines engines,
                 PolicyEnvironments environments, PredicateRegistry predicates, String coreIdentity, Auditor auditor,
                 Clock clock, Duration decisionTtl, PolicyResolver resolver, Vsas vsas) {
    }

    /** A cached result: the report, its evidence, and the latest decision over it. */
    private record Evaluated(VerificationReport report, PolicyEvidence evidence, PolicyDecision decision) {
    }

    private final Parts parts;

    PolicyVerifications(Parts parts) {
        this.parts = parts;
    }

    PolicyVerification verify(VerifyRequest request, PolicyRequest policy, Provenance who) {
        PolicyEngine engine;
        ResolvedPolicy resolved;
        try {
            engine = parts.engines().require();
            resolved = resolve(policy, who.tenant(), engine);
        } catch (RuntimeException e) {
            parts.auditor().recordLater(who, CoreCodes.ENTRY_VERIFY, "-", RecordLookup.codeOf(e), e.getMessage());
            throw e;
        }
        return verify(request, policy, resolved, engine, who);
    }

    List<PolicyVerifyOutcome> batch(List<VerifyRequest> requests, PolicyRequest policy, Provenance who,
                                    Executor pool) {
        PolicyEngine engine = parts.engines().require();
        ResolvedPolicy resolved = resolve(policy, who.tenant(), engine);
        List<CompletableFuture<PolicyVerifyOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            int index = i;
            VerifyRequest request = requests.get(i);
            outcomes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return new PolicyVerifyOutcome(index, verify(request, policy, resolved, engine, who), null);
                } catch (RuntimeException e) {
                    return new PolicyVerifyOutcome(index, null, e);
                }
            }, pool));
        }
        return outcomes.stream().map(CompletableFuture::join).toList();
    }

    /**
     * @return the stored policy the request names, or the inline document validated against the tenant's
     *         environment
     */
    ResolvedPolicy resolve(PolicyRequest policy, String tenant, PolicyEngine engine) {
        if (policy.policyId() != null) {
            return parts.resolver().resolve(tenant, policy.policyId(), policy.version(), engine);
        }
        PolicyDocument document = ResolvedPolicy.valid(engine.validate(policy.inlineDocument(), PolicyFormat.JSON,
                parts.environments().of(tenant)));
        return new ResolvedPolicy(document, PolicyOutcome.INLINE, document.version());
    }

    private PolicyVerification verify(VerifyRequest request, PolicyRequest policy, ResolvedPolicy resolved,
                                      PolicyEngine engine, Provenance who) {
        String target = request.id() != null ? request.id() : "-";
        try {
            Digest subject = subject(policy.subject());
            Instant now = parts.clock().instant();
            Evaluated evaluated = evaluated(request, subject, resolved, engine, who.tenant(), now);
            PolicyDecision decision = evaluated.decision();
            PolicyOutcome outcome = new PolicyOutcome(resolved.document().id(), resolved.version(),
                    resolved.document().digest(), resolved.source(),
                    decision.verdict().name().toLowerCase(Locale.ROOT), decision.allowed(), decision.toJson());
            boolean allowed = evaluated.report().verified() && decision.allowed();
            byte[] vsa = policy.vsa() ? parts.vsas().sign(evaluated.evidence(), resolved, outcome,
                    evaluated.report().verified(), decision.evaluatedAt(), who.tenant()) : null;
            audit(who, evaluated.report(), outcome, allowed);
            return new PolicyVerification(evaluated.report(), outcome, allowed, vsa);
        } catch (RuntimeException e) {
            parts.auditor().recordLater(who, CoreCodes.ENTRY_VERIFY, target, RecordLookup.codeOf(e),
                    String.valueOf(e.getMessage()));
            throw e;
        }
    }

    private void audit(Provenance who, VerificationReport report, PolicyOutcome outcome, boolean allowed) {
        String outcomeCode = allowed ? Auditor.SUCCESS
                : report.verified() ? DENIED : "verification.failed";
        parts.auditor().recordLater(who, CoreCodes.ENTRY_VERIFY, report.envelopeDigest(), outcomeCode,
                "policy " + outcome.policyId() + "@" + outcome.version() + " (" + outcome.source() + "): "
                        + outcome.verdict() + (report.verified() ? "" : "; the report did not verify"));
    }

    /**
     * @param subject {@code <algorithm>:<hex>} (hex in any case), or null
     * @return the digest, or null
     * @throws AttestorException {@code request.malformed} for another form
     */
    static Digest subject(String subject) {
        if (subject == null) {
            return null;
        }
        try {
            String canonical = DigestText.canonical(subject);
            int colon = canonical.indexOf(':');
            return new Digest(canonical.substring(0, colon), canonical.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new AttestorException(ErrorCodes.BAD_REQUEST, "\"subject\" " + e.getMessage(), e);
        }
    }

    /** The cached result if current, re-evaluated at {@code now} once its decision is older than the TTL. */
    private Evaluated evaluated(VerifyRequest request, Digest subject, ResolvedPolicy resolved, PolicyEngine engine,
                                String tenant, Instant now) {
        String key = tenant + "\0pol:" + requestKey(request) + "\0" + (subject == null ? "" : subject) + "\0"
                + resolved.key();
        String policyVersion = resolved.key() + "|" + PolicyEngines.fingerprint(engine);
        long trust = parts.trust().version();
        Optional<Evaluated> hit = parts.cache().get(key, Evaluated.class, trust, policyVersion,
                parts.stamps()::current);
        if (hit.isPresent()) {
            Evaluated cached = hit.get();
            Duration age = Duration.between(cached.decision().evaluatedAt(), now);
            if (age.isNegative() || age.compareTo(parts.decisionTtl()) < 0) {
                return cached;
            }
            return new Evaluated(cached.report(), cached.evidence(),
                    decide(engine, resolved, cached.evidence(), now));
        }
        Computed computed = compute(request, subject, tenant);
        Evaluated fresh = new Evaluated(computed.report(), computed.evidence(),
                decide(engine, resolved, computed.evidence(), now));
        parts.cache().put(key, computed.stamp().withPolicy(policyVersion), fresh);
        return fresh;
    }

    /** Re-evaluations do not replace the cache entry: the entry keeps the stamp of its verification. */
    private PolicyDecision decide(PolicyEngine engine, ResolvedPolicy resolved, PolicyEvidence evidence,
                                  Instant now) {
        return engine.evaluate(resolved.document(), evidence.context(now,
                StoredAttestations.of(parts.entries(), evidence.tenant())));
    }

    /** Evaluates a policy over evidence at a time (simulation). */
    PolicyDecision decide(PolicyEngine engine, PolicyDocument document, PolicyEvidence evidence, Instant now) {
        return engine.evaluate(document, evidence.context(now, StoredAttestations.of(parts.entries(),
                evidence.tenant())));
    }

    record Computed(VerificationCache.Stamp stamp, VerificationReport report, PolicyEvidence evidence) {
    }

    private Computed compute(VerifyRequest request, Digest subject, String tenant) {
        long trust = parts.trust().version();
        PolicyEvidence.Sources sources = new PolicyEvidence.Sources(tenant, parts.limits(), parts.predicates(),
                parts.environments(), parts.coreIdentity());
        if (request.id() != null) {
            Ids.Id parsed = Ids.parse(request.id());
            EntryRecord record = parts.lookup().find(tenant, parsed).orElseThrow(() -> new AttestorException(
                    ErrorCodes.ENTRY_NOT_FOUND, "no attestation with id " + RecordLookup.canonical(parsed)));
            return ofRecord(trust, tenant, record, subject, sources, request.rfc3161Timestamps());
        }
        ParsedEnvelope parsed = DsseEnvelopes.parse(request.envelopeJson(), parts.limits());
        String digest = SubmissionPipeline.digestOf(parsed);
        if (!request.tlogEntries().isEmpty()) {
            EntryRecord supplied = SuppliedEntries.asRecord(digest, parsed.envelope(), request.tlogEntries(),
                    parts.limits(), new Provenance("verify", "-", "-", tenant));
            EntryVerifier.Verified verified = parts.verifier().verify(tenant, digest, parsed.envelope(),
                    Optional.of(supplied), true, request.rfc3161Timestamps());
            return new Computed(parts.stamps().stamp(trust, tenant, digest, supplied, true), verified.report(),
                    PolicyEvidence.of(verified, parsed.envelope(), supplied, false, subject, sources));
        }
        Optional<EntryRecord> record = parts.entries().byEnvelopeDigest(tenant, digest);
        EntryVerifier.Verified verified = parts.verifier().verify(tenant, digest, parsed.envelope(), record, true,
                request.rfc3161Timestamps());
        return new Computed(parts.stamps().stamp(trust, tenant, digest, record.orElse(null), false),
                verified.report(), PolicyEvidence.of(verified, parsed.envelope(), record.orElse(null),
                        record.isPresent(), subject, sources));
    }

    /**
     * Verifies a stored record with evidence (also for simulations, which evaluate policies over stored records).
     */
    Computed ofRecord(long trust, String tenant, EntryRecord record, Digest subject, PolicyEvidence.Sources sources) {
        return ofRecord(trust, tenant, record, subject, sources, List.of());
    }

    private Computed ofRecord(long trust, String tenant, EntryRecord record, Digest subject,
                              PolicyEvidence.Sources sources, List<byte[]> timestamps) {
        ParsedEnvelope envelope = DsseEnvelopes.parse(parts.lookup().envelopeBytes(record), parts.limits());
        EntryVerifier.Verified verified = parts.verifier().verify(record.tenant(), record.envelopeDigest(),
                envelope.envelope(), Optional.of(record), true, timestamps);
        return new Computed(parts.stamps().stamp(trust, tenant, record.envelopeDigest(), record, false),
                verified.report(), PolicyEvidence.of(verified, envelope.envelope(), record, true, subject, sources));
    }

    /**
     * Verifies a stored record with the evidence a policy needs, outside the cache (simulations).
     *
     * @param tenant the tenant
     * @param record one of its records
     * @return the report and the evidence
     */
    Computed computedOf(String tenant, EntryRecord record) {
        PolicyEvidence.Sources sources = new PolicyEvidence.Sources(tenant, parts.limits(), parts.predicates(),
                parts.environments(), parts.coreIdentity());
        return ofRecord(parts.trust().version(), tenant, record, null, sources);
    }

    /**
     * The request's identity: the canonical id, or the SHA-256 of the envelope bytes (and of each entry), plus the
     * SHA-256 of each RFC 3161 token.
     */
    private static String requestKey(VerifyRequest request) {
        String tokens = Verifications.tokensKey(request.rfc3161Timestamps());
        if (request.id() != null) {
            return "id:" + RecordLookup.canonical(Ids.parse(request.id())) + tokens;
        }
        StringBuilder key = new StringBuilder(request.tlogEntries().isEmpty() ? "env:" : "sup:")
                .append(Verifications.sha256Hex(request.envelopeJson()));
        request.tlogEntries().forEach(e -> key.append(':').append(Verifications.sha256Hex(e)));
        return key.append(tokens).toString();
    }
}
