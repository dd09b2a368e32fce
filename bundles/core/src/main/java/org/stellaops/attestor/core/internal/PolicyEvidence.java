package org.stellaops.attestor.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.policy.AttestationLookup;
import org.stellaops.attestor.api.policy.LogEvidence;
import org.stellaops.attestor.api.policy.SignatureEvidence;
import org.stellaops.attestor.api.policy.TrustedTime;
import org.stellaops.attestor.api.policy.VerificationContext;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.sdk.dsse.SignatureCheck;
import org.stellaops.attestor.sdk.intoto.Statements;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Everything verification established about one attestation, in the policy evidence model, except the time of the
 * question and the lookup of related attestations: those belong to each evaluation ({@link #context}).
 *
 * @param tenant the tenant whose trust roots and records were used
 * @param envelopeDigest the envelope digest
 * @param statement the statement
 * @param facts the predicate handler's facts (empty when opaque)
 * @param derivedBy who derived them ({@code ""}: opaque)
 * @param signatures one per envelope signature
 * @param trustedTime the trusted time
 * @param logs the log evidence
 * @param requestedSubject the subject asked about, or null
 */
record PolicyEvidence(String tenant, String envelopeDigest, Statement statement, Map<String, Object> facts,
                      String derivedBy, List<SignatureEvidence> signatures, TrustedTime trustedTime,
                      List<LogEvidence> logs, Digest requestedSubject) {

    /**
     * Collects the evidence of one verification.
     *
     * @param verified the verification, with its log evidence
     * @param envelope the envelope verified
     * @param record the stored record, the record built from supplied entries, or null
     * @param stored whether {@code record} is an accepted record (its facts are kept)
     * @param requestedSubject the subject asked about, or null
     * @param context what else is needed: limits, handlers, key views
     * @return the evidence
     */
    static PolicyEvidence of(EntryVerifier.Verified verified, Envelope envelope, EntryRecord record, boolean stored,
                             Digest requestedSubject, Sources context) {
        String tenant = context.tenant();
        Statement statement = Statements.parse(envelope.payload().value(), context.limits());
        Map<String, Object> facts = Map.of();
        String derivedBy = "";
        if (stored && !record.derivedBy().isEmpty()) {
            facts = record.facts();
            derivedBy = record.derivedBy();
        } else {
            Optional<PredicateRegistry.Registration> handler = context.predicates().forType(statement.predicateType());
            PredicateResult result = handler.map(h -> validate(h, statement)).orElse(null);
            if (result instanceof PredicateResult.Valid valid) {
                facts = valid.facts();
                derivedBy = handler.get().provider() + " " + context.coreIdentity();
            }
        }
        List<SignatureEvidence> signatures = new ArrayList<>();
        for (SignatureCheck check : verified.judged().all().checks()) {
            TrustedKey key = check.verifiedKeyId() == null ? null
                    : verified.judged().trust().keys().get(check.verifiedKeyId());
            signatures.add(key == null ? SignatureEvidence.unverified(check.index(), check.keyIdHint())
                    : SignatureEvidence.verified(check.index(), check.keyIdHint(),
                            context.environments().signerKey(tenant, key)));
        }
        // the time the verifier judged the signatures at: acceptance time of a stored record or RFC 3161 time
        return new PolicyEvidence(tenant, verified.report().envelopeDigest(), statement, facts, derivedBy,
                signatures, verified.trustedTime(), verified.logs(), requestedSubject);
    }

    /** A handler that throws gives no facts: the predicate is then opaque, and fact conditions fail closed. */
    private static PredicateResult validate(PredicateRegistry.Registration handler, Statement statement) {
        try {
            return handler.handler().validate(statement);
        } catch (RuntimeException broken) {
            return null;
        }
    }

    /**
     * @param verificationTime the time of the question
     * @param lookup related attestations
     * @return the context a policy is evaluated over
     */
    VerificationContext context(Instant verificationTime, AttestationLookup lookup) {
        VerificationContext.Builder builder = VerificationContext.builder().tenant(tenant)
                .envelopeDigest(envelopeDigest).statement(statement).trustedTime(trustedTime)
                .verificationTime(verificationTime).requestedSubject(requestedSubject).lookup(lookup);
        if (!derivedBy.isEmpty()) {
            builder.facts(facts, derivedBy);
        }
        signatures.forEach(builder::signature);
        logs.forEach(builder::logEntry);
        return builder.build();
    }

    /**
     * What collecting evidence needs besides the verification.
     *
     * @param tenant the tenant
     * @param limits JSON limits for the statement
     * @param predicates the predicate handlers (facts of envelopes that were never accepted)
     * @param environments the key views
     * @param coreIdentity the core's {@code <bsn>/<version>}
     */
    record Sources(String tenant, JsonLimits limits, PredicateRegistry predicates, PolicyEnvironments environments,
                   String coreIdentity) {
    }
}
