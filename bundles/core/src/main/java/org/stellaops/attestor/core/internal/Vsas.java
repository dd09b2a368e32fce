package org.stellaops.attestor.core.internal;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.Signature;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.core.service.PolicyService.PolicyOutcome;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.Pae;
import org.stellaops.attestor.sdk.json.Jcs;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * Signed verification summaries: a policy decision as an in-toto Statement v1 with the SLSA Verification Summary
 * predicate ({@value #PREDICATE_TYPE}), in a DSSE envelope signed with the service key (ECDSA P-256, the key that
 * signs receipts and audit anchors). The payload is the RFC 8785 canonical form of the statement, so the same
 * decision gives the same payload; the ECDSA signature differs from one signing to the next.
 */
final class Vsas {

    /** The SLSA VSA predicate type. */
    static final String PREDICATE_TYPE = "https://slsa.dev/verification_summary/v1";
    /** The extension member carrying the decision (extension names are URIs, as the VSA spec requires). */
    static final String EXTENSION = "https://stella-ops.org/attestor/vsa/v1";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ServiceKeys serviceKeys;
    private final String verifierId;
    private final String verifierVersion;

    /**
     * @param serviceKeys the service key
     * @param verifierId {@code verifier.id}: the URI naming this deployment as a verifier
     * @param verifierVersion the core's version
     */
    Vsas(ServiceKeys serviceKeys, String verifierId, String verifierVersion) {
        this.serviceKeys = serviceKeys;
        this.verifierId = verifierId;
        this.verifierVersion = verifierVersion;
    }

    /**
     * @param evidence what the decision was made over
     * @param policy the policy
     * @param outcome its decision
     * @param reportVerified whether the verification report verified (the verdict needs it and the policy)
     * @param timeVerified the verification time of the decision
     * @param tenant the tenant that asked
     * @return the DSSE envelope JSON
     * @throws org.stellaops.attestor.sdk.AttestorException {@code key.driver_unavailable} when the service key
     *                                                     cannot sign
     */
    byte[] sign(PolicyEvidence evidence, ResolvedPolicy policy, PolicyOutcome outcome, boolean reportVerified,
                Instant timeVerified, String tenant) {
        byte[] payload = Jcs.canonicalize(statement(evidence, policy, outcome, reportVerified, timeVerified,
                tenant));
        ServiceKeys.ServiceKey key = serviceKeys.current();
        byte[] signature = serviceKeys.sign(key.keyId(), Pae.encode(Envelope.IN_TOTO_PAYLOAD_TYPE, payload));
        return DsseEnvelopes.toJson(new Envelope(Envelope.IN_TOTO_PAYLOAD_TYPE, Bytes.of(payload),
                List.of(new Signature(key.keyId(), Bytes.of(signature)))));
    }

    ObjectNode statement(PolicyEvidence evidence, ResolvedPolicy policy, PolicyOutcome outcome,
                         boolean reportVerified, Instant timeVerified, String tenant) {
        boolean allowed = reportVerified && outcome.allowed();
        List<Subject> subjects = subjects(evidence);
        ObjectNode statement = NODES.objectNode();
        statement.put("_type", "https://in-toto.io/Statement/v1");
        ArrayNode subjectNodes = statement.putArray("subject");
        for (Subject subject : subjects) {
            ObjectNode node = subjectNodes.addObject();
            if (!subject.name().isEmpty()) {
                node.put("name", subject.name());
            }
            ObjectNode digests = node.putObject("digest");
            subject.digests().forEach(d -> digests.put(d.algorithm(), d.hex()));
        }
        statement.put("predicateType", PREDICATE_TYPE);
        ObjectNode predicate = statement.putObject("predicate");
        ObjectNode verifier = predicate.putObject("verifier");
        verifier.put("id", verifierId);
        verifier.putObject("version").put("stellaops-attestor", verifierVersion);
        predicate.put("timeVerified", timeVerified.toString());
        predicate.put("resourceUri", resourceUri(subjects));
        ObjectNode policyNode = predicate.putObject("policy");
        policyNode.put("uri", policyUri(policy));
        policyNode.putObject("digest").put("sha256", hex(policy.document().digest()));
        ObjectNode input = predicate.putArray("inputAttestations").addObject();
        input.put("uri", "/api/v1/rekor/entries/" + evidence.envelopeDigest());
        input.putObject("digest").put("sha256", hex(evidence.envelopeDigest()));
        predicate.put("verificationResult", allowed ? "PASSED" : "FAILED");
        predicate.putArray("verifiedLevels").add(allowed
                ? "STELLAOPS_POLICY:" + policy.document().id() + "@" + policy.version() : "FAILED");
        predicate.put("slsaVersion", "1.0");
        ObjectNode extension = predicate.putObject(EXTENSION);
        extension.put("tenant", tenant);
        extension.put("policySource", outcome.source());
        extension.put("reportVerified", reportVerified);
        extension.set("decision", decision(outcome));
        return statement;
    }

    /** The subjects asked about: the one with the requested digest, or every subject of the statement. */
    private static List<Subject> subjects(PolicyEvidence evidence) {
        List<Subject> all = evidence.statement().subjects();
        Digest asked = evidence.requestedSubject();
        if (asked == null) {
            return all;
        }
        List<Subject> matching = all.stream().filter(s -> s.digests().contains(asked)).toList();
        return matching.isEmpty() ? List.of(new Subject("", List.of(asked))) : matching;
    }

    private static String resourceUri(List<Subject> subjects) {
        Subject first = subjects.get(0);
        return first.name().isEmpty() ? first.digests().get(0).toString() : first.name();
    }

    private static String policyUri(ResolvedPolicy policy) {
        return "inline".equals(policy.source())
                ? "urn:stellaops:attestor:policy:inline:" + policy.document().id() + ":" + policy.version()
                : "/api/v1/policies/" + policy.document().id() + "/versions/" + policy.version();
    }

    private static JsonNode decision(PolicyOutcome outcome) {
        return StrictJson.parse(outcome.decisionJson(), JsonLimits.DEFAULT);
    }

    private static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }
}
