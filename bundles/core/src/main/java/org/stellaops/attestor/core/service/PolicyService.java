package org.stellaops.attestor.core.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.store.Provenance;

/**
 * Verification under a verification policy ({@code docs/policies.md}): the verification report of
 * {@link AttestationService} plus the policy's decision and an overall verdict.
 *
 * <p>Every method throws {@link org.stellaops.attestor.sdk.AttestorException} with a stable code when it refuses:
 * {@code policy.engine_unavailable} while no policy engine is registered, {@code policy.not_found} for a policy the
 * tenant does not have, {@code policy.invalid} (a {@link PolicyInvalidException}) for a document that does not
 * validate. Everything is tenant-scoped like the rest of the core.
 *
 * @since core.service 2.3
 */
@ProviderType
public interface PolicyService {

    /**
     * Verifies one item as {@link AttestationService} would, then evaluates the policy over what verification
     * established. Deterministic: the same item, trust roots, log state, policy and verification time give a
     * byte-identical decision.
     *
     * @param request what to verify
     * @param policy which policy, and the options of the question
     * @param provenance who asked, and for which tenant
     * @return the report, the decision and the overall verdict
     */
    PolicyVerification verify(VerifyRequest request, PolicyRequest policy, Provenance provenance);

    /**
     * Verifies many items under one policy; each as {@link #verify} would on its own. A failing item never fails the
     * others; a policy that cannot be used (unknown, invalid, no engine) fails the whole call.
     *
     * @param requests the items
     * @param policy the policy for every item
     * @param provenance how the batch arrived
     * @return one outcome per item, in request order
     */
    List<PolicyVerifyOutcome> verifyBatch(List<VerifyRequest> requests, PolicyRequest policy, Provenance provenance);

    /**
     * Stores a new policy (version 1, or the next version of a policy that was deleted): the document is validated
     * strictly against the tenant's keys, key sets, logs and witnesses; its {@code id} names the policy and its
     * {@code version} must be the next version. Under the tenant's two-person rule the version waits for approval.
     *
     * @param draft the document and its format
     * @param provenance the author and tenant
     * @return the policy with its history
     * @throws org.stellaops.attestor.sdk.AttestorException {@code policy.invalid}, {@code policy.exists} (the id is
     *         in use), {@code policy.version_conflict}
     */
    PolicyInfo create(PolicyDraft draft, Provenance provenance);

    /**
     * Stores the next version of a policy (versions are immutable: a change is a new version).
     *
     * @param policyId the policy
     * @param draft the document (its {@code id} must be {@code policyId}, its {@code version} the next version)
     * @param provenance the author and tenant
     * @return the policy with its history
     * @throws org.stellaops.attestor.sdk.AttestorException {@code policy.not_found}, {@code policy.invalid},
     *         {@code policy.id_mismatch}, {@code policy.version_conflict}
     */
    PolicyInfo update(String policyId, PolicyDraft draft, Provenance provenance);

    /**
     * Deletes a policy by storing a tombstone as its next version; the history is kept.
     *
     * @param policyId the policy
     * @param comment why; may be empty
     * @param provenance who and for which tenant
     * @return the policy with its history
     * @throws org.stellaops.attestor.sdk.AttestorException {@code policy.not_found}
     */
    PolicyInfo delete(String policyId, String comment, Provenance provenance);

    /**
     * Approves a version that waits for approval; the approver must not be its author.
     *
     * @param policyId the policy
     * @param version the version
     * @param provenance the approver and tenant
     * @return the policy with its history
     * @throws org.stellaops.attestor.sdk.AttestorException {@code policy.not_found}, {@code policy.self_approval},
     *         {@code policy.already_approved}, {@code policy.not_approvable}
     */
    PolicyInfo approve(String policyId, int version, Provenance provenance);

    /**
     * @param tenant a tenant
     * @return its policies, by id, each with its history (documents included)
     */
    List<PolicyInfo> policies(String tenant);

    /**
     * @param tenant a tenant
     * @param policyId a policy id
     * @return the policy with its history, if the tenant ever had it (deleted ones too)
     */
    Optional<PolicyInfo> policy(String tenant, String policyId);

    /**
     * Stores the starter policies (docs/policies) the tenant has never had and that validate against its
     * environment now.
     *
     * @param provenance who asked, and for which tenant
     * @return one result per starter policy
     */
    List<StarterResult> loadStarterPolicies(Provenance provenance);

    /**
     * Evaluates a draft of a policy and its active version over the tenant's stored attestations and reports what
     * the draft would change. Changes nothing (one audit event, {@code policy.simulate}, records that it ran).
     *
     * @param policyId the policy (it must exist; a policy without an active version compares against "nothing
     *                 passes")
     * @param request the draft and the records to evaluate
     * @param provenance who asked, and for which tenant
     * @return the comparison
     * @throws org.stellaops.attestor.sdk.AttestorException {@code policy.not_found}, {@code policy.invalid},
     *         {@code policy.id_mismatch}, {@code policy.simulation_too_large} (more records than the core's
     *         {@code maxSimulationRecords})
     */
    Simulation simulate(String policyId, SimulationRequest request, Provenance provenance);

    /**
     * What to simulate.
     *
     * @param draft a draft document (its {@code id} must be the policy's), or null to use {@code draftVersion}
     * @param draftVersion a stored version (a pending one, typically), or null to use {@code draft}
     * @param since records created at or after this time, or null
     * @param until records created before this time, or null
     * @param predicateType only records of this predicate type, or null
     * @param subject only records with this subject digest ({@code <alg>:<hex>}), or null
     * @param listLimit how many records each list of changes holds at most
     */
    record SimulationRequest(PolicyDraft draft, Integer draftVersion, Instant since, Instant until,
                             String predicateType, String subject, int listLimit) {
        /**
         * @param draft exactly one of draft and draftVersion
         * @param draftVersion exactly one of draft and draftVersion
         * @param since may be null
         * @param until may be null; after since
         * @param predicateType may be null
         * @param subject may be null
         * @param listLimit 0 to 1000
         */
        public SimulationRequest {
            if ((draft == null) == (draftVersion == null)) {
                throw new IllegalArgumentException("exactly one of a draft document and a draft version");
            }
            if (since != null && until != null && !until.isAfter(since)) {
                throw new IllegalArgumentException("until must be later than since");
            }
            if (listLimit < 0 || listLimit > 1000) {
                throw new IllegalArgumentException("listLimit is 0 to 1000");
            }
        }
    }

    /**
     * One record whose outcome the draft changes.
     *
     * @param envelopeDigest the record's envelope digest
     * @param uuid the record's uuid
     * @param predicateType its predicate type
     * @param createdAt when it was accepted
     * @param active the active version's verdict ({@code pass}, {@code fail}, {@code not_applicable}, or {@code none}
     *               without an active version)
     * @param draft the draft's verdict
     * @param activeFailures rules that failed in enforce mode under the active version
     * @param draftFailures rules that failed in enforce mode under the draft
     */
    record SimulatedRecord(String envelopeDigest, String uuid, String predicateType, Instant createdAt, String active,
                           String draft, List<String> activeFailures, List<String> draftFailures) {
        /**
         * @param activeFailures copied
         * @param draftFailures copied
         */
        public SimulatedRecord {
            activeFailures = List.copyOf(activeFailures);
            draftFailures = List.copyOf(draftFailures);
        }
    }

    /**
     * The outcome of a simulation. A record <em>passes</em> under a policy when its verification report verified and
     * the policy allowed it (as {@code allowed} of a verify); without an active version nothing passes on that side.
     *
     * @param policyId the policy
     * @param activeVersion its active version, or null
     * @param activeDigest the active version's digest, or null
     * @param draftVersion the draft's stored version, or null for a document
     * @param draftDigest the draft's digest
     * @param evaluatedAt the verification time every decision used
     * @param evaluated records evaluated
     * @param newlyFailing records passing under the active version and failing under the draft
     * @param newlyPassing records failing under the active version and passing under the draft
     * @param unchangedPassing records passing under both
     * @param unchangedFailing records failing under both
     * @param errors records that could not be evaluated (an archive that cannot be read, say)
     * @param newlyFailingRecords the first {@code listLimit} newly failing records, newest first
     * @param newlyPassingRecords the first {@code listLimit} newly passing records, newest first
     * @param truncated whether a list was cut at {@code listLimit}
     */
    record Simulation(String policyId, Integer activeVersion, String activeDigest, Integer draftVersion,
                      String draftDigest, Instant evaluatedAt, long evaluated, long newlyFailing, long newlyPassing,
                      long unchangedPassing, long unchangedFailing, long errors,
                      List<SimulatedRecord> newlyFailingRecords, List<SimulatedRecord> newlyPassingRecords,
                      boolean truncated) {
        /**
         * @param newlyFailingRecords copied
         * @param newlyPassingRecords copied
         */
        public Simulation {
            newlyFailingRecords = List.copyOf(newlyFailingRecords);
            newlyPassingRecords = List.copyOf(newlyPassingRecords);
        }
    }

    /**
     * A policy document as its author sends it.
     *
     * @param document the document bytes (UTF-8)
     * @param format {@code json} or {@code yaml}
     * @param comment the author's note on the change; may be empty
     */
    record PolicyDraft(byte[] document, String format, String comment) {
        /**
         * @param document not null; copied
         * @param format not null
         * @param comment null reads as empty
         */
        public PolicyDraft {
            document = Objects.requireNonNull(document, "document").clone();
            Objects.requireNonNull(format, "format");
            comment = comment == null ? "" : comment;
        }

        /** @return a copy of the document */
        @Override
        public byte[] document() {
            return document.clone();
        }
    }

    /**
     * One approval.
     *
     * @param approver the approving principal
     * @param approvedAt when
     */
    record Approval(String approver, Instant approvedAt) {
    }

    /**
     * One version of a policy with its state now.
     *
     * @param policyId the policy
     * @param version the version
     * @param state {@link #ACTIVE}, {@link #PENDING}, {@link #SUPERSEDED} or {@link #DELETED}
     * @param deleted whether it is a tombstone
     * @param format json or yaml (empty for a tombstone)
     * @param document the document as its author sent it (empty for a tombstone)
     * @param digest the content digest (empty for a tombstone)
     * @param author who made it
     * @param createdAt when
     * @param approvalRequired whether it needed approval by another principal
     * @param approvals its approvals, oldest first
     * @param comment the author's note
     */
    record PolicyVersionInfo(String policyId, int version, String state, boolean deleted, String format,
                             String document, String digest, String author, Instant createdAt,
                             boolean approvalRequired, List<Approval> approvals, String comment) {

        /** The version verifications use when they name the policy without a version. */
        public static final String ACTIVE = "active";
        /** Waits for approval by a principal other than its author. */
        public static final String PENDING = "pending";
        /** Older than the active version or than a deletion (it can no longer become active). */
        public static final String SUPERSEDED = "superseded";
        /** A tombstone: the policy was deleted by this version. */
        public static final String DELETED = "deleted";

        /**
         * @param approvals copied
         */
        public PolicyVersionInfo {
            approvals = List.copyOf(approvals);
        }
    }

    /**
     * A policy with its history.
     *
     * @param policyId the policy
     * @param activeVersion the active version, or null (none approved yet, or deleted)
     * @param latestVersion the newest version
     * @param deleted whether the newest deletion is more recent than every usable version
     * @param versions every version, oldest first
     */
    record PolicyInfo(String policyId, Integer activeVersion, int latestVersion, boolean deleted,
                      List<PolicyVersionInfo> versions) {
        /**
         * @param versions copied
         */
        public PolicyInfo {
            versions = List.copyOf(versions);
        }
    }

    /**
     * What happened to one starter policy.
     *
     * @param policyId the starter's id
     * @param outcome {@code loaded}, {@code exists} (the tenant has or had a policy of that id) or {@code invalid}
     * @param problems why it does not validate in the tenant (empty unless {@code invalid})
     */
    record StarterResult(String policyId, String outcome, List<PolicyInvalidException.Problem> problems) {
        /**
         * @param problems copied
         */
        public StarterResult {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Which policy a verification is judged by, and the options of the question.
     *
     * @param policyId a stored policy of the tenant, or null when {@code inlineDocument} is given
     * @param version a version of that policy, or null for its active version
     * @param inlineDocument a policy document (JSON) given by value (air-gapped use), or null
     * @param subject the subject digest ({@code <alg>:<hex>}) the caller asks about, or null
     * @param vsa whether to return the decision signed by the service as a SLSA verification summary
     */
    record PolicyRequest(String policyId, Integer version, byte[] inlineDocument, String subject, boolean vsa) {

        /**
         * @param policyId exactly one of policyId and inlineDocument
         * @param version only with policyId; at least 1
         * @param inlineDocument exactly one of policyId and inlineDocument
         * @param subject may be null
         * @param vsa flag
         */
        public PolicyRequest {
            if ((policyId == null) == (inlineDocument == null)) {
                throw new IllegalArgumentException("exactly one of a policy id and an inline document");
            }
            if (version != null && (policyId == null || version < 1)) {
                throw new IllegalArgumentException("a version names a version (from 1) of a stored policy");
            }
            inlineDocument = inlineDocument == null ? null : inlineDocument.clone();
        }

        /**
         * @param reference {@code <id>} or {@code <id>@<version>}
         * @param subject the subject asked about, or null
         * @param vsa whether to sign a verification summary
         * @return the request
         * @throws IllegalArgumentException if the version is not a positive integer
         */
        public static PolicyRequest stored(String reference, String subject, boolean vsa) {
            Objects.requireNonNull(reference, "reference");
            int at = reference.lastIndexOf('@');
            if (at < 0) {
                return new PolicyRequest(reference, null, null, subject, vsa);
            }
            try {
                return new PolicyRequest(reference.substring(0, at), Integer.valueOf(reference.substring(at + 1)),
                        null, subject, vsa);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a policy version is a positive integer: " + reference, e);
            }
        }

        /**
         * @param document the policy document (JSON)
         * @param subject the subject asked about, or null
         * @param vsa whether to sign a verification summary
         * @return the request
         */
        public static PolicyRequest inline(byte[] document, String subject, boolean vsa) {
            return new PolicyRequest(null, null, document, subject, vsa);
        }

        /** @return a copy of the inline document, or null */
        @Override
        public byte[] inlineDocument() {
            return inlineDocument == null ? null : inlineDocument.clone();
        }
    }

    /**
     * The decision of one policy over one attestation.
     *
     * @param policyId the policy's id
     * @param version the policy's version
     * @param digest {@code sha256:<hex>} of the policy's canonical form
     * @param source {@code store} (a stored version) or {@code inline}
     * @param verdict {@code pass}, {@code fail} or {@code not_applicable}
     * @param allowed whether the policy admits the attestation (the verdict is {@code pass})
     * @param decisionJson the decision report, RFC 8785 canonical JSON (docs/policies.md, "Decision report")
     */
    record PolicyOutcome(String policyId, int version, String digest, String source, String verdict, boolean allowed,
                         byte[] decisionJson) {

        /** A stored policy version. */
        public static final String STORE = "store";
        /** A document given with the request. */
        public static final String INLINE = "inline";

        /**
         * @param policyId not null
         * @param version at least 1
         * @param digest not null
         * @param source not null
         * @param verdict not null
         * @param allowed flag
         * @param decisionJson not null; copied
         */
        public PolicyOutcome {
            Objects.requireNonNull(policyId, "policyId");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(verdict, "verdict");
            decisionJson = Objects.requireNonNull(decisionJson, "decisionJson").clone();
        }

        /** @return a copy of the canonical decision JSON */
        @Override
        public byte[] decisionJson() {
            return decisionJson.clone();
        }
    }

    /**
     * A verification under a policy.
     *
     * @param report the verification report, exactly as without a policy
     * @param policy the policy's decision
     * @param allowed the overall verdict: the report verified and the policy allowed the attestation
     * @param vsa the DSSE envelope (JSON) of the signed verification summary, or null when not asked for
     */
    record PolicyVerification(VerificationReport report, PolicyOutcome policy, boolean allowed, byte[] vsa) {

        /**
         * @param report not null
         * @param policy not null
         * @param allowed flag
         * @param vsa may be null; copied
         */
        public PolicyVerification {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(policy, "policy");
            vsa = vsa == null ? null : vsa.clone();
        }

        /** @return a copy of the signed verification summary, or null */
        @Override
        public byte[] vsa() {
            return vsa == null ? null : vsa.clone();
        }
    }

    /**
     * The outcome of one item of {@link #verifyBatch}: exactly one of {@code verification} and {@code failure}.
     *
     * @param index the item's position, from 0
     * @param verification the result, or null
     * @param failure why the item could not be verified, or null
     */
    record PolicyVerifyOutcome(int index, PolicyVerification verification, RuntimeException failure) {
    }
}
