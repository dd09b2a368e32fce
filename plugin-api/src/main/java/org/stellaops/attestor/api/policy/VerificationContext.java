package org.stellaops.attestor.api.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;

/**
 * Everything verification established about one attestation: the input of every policy rule.
 *
 * <p>The platform fills it from what it verified itself (signatures against the tenant's trust roots, log entries
 * with their proofs, checkpoints and cosignatures, the predicate handler's facts). Nothing in it is a claim of the
 * submitter that was not checked: an unverified signature is marked so, an entry whose proof failed is marked so.
 *
 * <p>Immutable. Built with {@link #builder()}: the envelope digest, the statement and the verification time are
 * required, everything else defaults to "nothing known" (no signatures, no trusted time, no log entries, no facts).
 */
public final class VerificationContext {

    private final String tenant;
    private final String envelopeDigest;
    private final Statement statement;
    private final Map<String, Object> facts;
    private final String factsDerivedBy;
    private final List<SignatureEvidence> signatures;
    private final TrustedTime trustedTime;
    private final Instant verificationTime;
    private final List<LogEvidence> logEntries;
    private final Digest requestedSubject;
    private final AttestationLookup lookup;

    private VerificationContext(Builder b) {
        this.tenant = b.tenant;
        this.envelopeDigest = Objects.requireNonNull(b.envelopeDigest, "envelopeDigest");
        this.statement = Objects.requireNonNull(b.statement, "statement");
        this.facts = Map.copyOf(b.facts);
        this.factsDerivedBy = b.factsDerivedBy;
        this.signatures = List.copyOf(b.signatures);
        this.trustedTime = b.trustedTime;
        this.verificationTime = Objects.requireNonNull(b.verificationTime, "verificationTime");
        this.logEntries = List.copyOf(b.logEntries);
        this.requestedSubject = b.requestedSubject;
        this.lookup = b.lookup;
        Set<Integer> indices = new HashSet<>();
        for (SignatureEvidence s : signatures) {
            if (!indices.add(s.index())) {
                throw new IllegalArgumentException("signature index " + s.index() + " given twice");
            }
        }
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the tenant the attestation belongs to ({@code ""} for the operator) */
    public String tenant() {
        return tenant;
    }

    /** @return {@code sha256:<hex>} of the JCS form of the envelope */
    public String envelopeDigest() {
        return envelopeDigest;
    }

    /** @return the verified statement: subjects, predicate type and predicate */
    public Statement statement() {
        return statement;
    }

    /**
     * @return the facts the predicate handler extracted (flat: dotted names, scalar or list-of-string values); empty
     *         for an opaque predicate (see {@link #factsDerivedBy()})
     */
    public Map<String, Object> facts() {
        return facts;
    }

    /**
     * @return {@code <bundle symbolic name>/<version>} of the handler that extracted the facts, or {@code ""} when no
     *         handler did: the predicate is opaque and no fact about it is known (not even that one is absent)
     */
    public String factsDerivedBy() {
        return factsDerivedBy;
    }

    /** @return whether a predicate handler extracted the facts */
    public boolean hasFacts() {
        return !factsDerivedBy.isEmpty();
    }

    /** @return one entry per envelope signature, in envelope order */
    public List<SignatureEvidence> signatures() {
        return signatures;
    }

    /** @return the attestation's trusted time, or {@link TrustedTime#none()} */
    public TrustedTime trustedTime() {
        return trustedTime;
    }

    /** @return the time of the question ("now"), given by the caller so that evaluation is deterministic */
    public Instant verificationTime() {
        return verificationTime;
    }

    /**
     * @return the time signatures are judged at: the trusted time, or the verification time when there is none (a
     *         key compromised at any time then fails, and anything retired or revoked by now fails)
     */
    public Instant signingTime() {
        return trustedTime.present() ? trustedTime.instant() : verificationTime;
    }

    /** @return the attestation's entries in transparency logs, each with what verified */
    public List<LogEvidence> logEntries() {
        return logEntries;
    }

    /** @return the subject digest the caller asked about, if any */
    public Optional<Digest> requestedSubject() {
        return Optional.ofNullable(requestedSubject);
    }

    /** @return the lookup of related attestations ({@link AttestationLookup#NONE} when there is no store) */
    public AttestationLookup lookup() {
        return lookup;
    }

    /** Collects a context. Not thread-safe. */
    public static final class Builder {
        private String tenant = "";
        private String envelopeDigest;
        private Statement statement;
        private Map<String, Object> facts = Map.of();
        private String factsDerivedBy = "";
        private final List<SignatureEvidence> signatures = new ArrayList<>();
        private TrustedTime trustedTime = TrustedTime.none();
        private Instant verificationTime;
        private final List<LogEvidence> logEntries = new ArrayList<>();
        private Digest requestedSubject;
        private AttestationLookup lookup = AttestationLookup.NONE;

        private Builder() {
        }

        /**
         * @param tenant the tenant
         * @return this
         */
        public Builder tenant(String tenant) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            return this;
        }

        /**
         * @param envelopeDigest {@code sha256:<hex>}
         * @return this
         */
        public Builder envelopeDigest(String envelopeDigest) {
            this.envelopeDigest = Objects.requireNonNull(envelopeDigest, "envelopeDigest");
            return this;
        }

        /**
         * @param statement the verified statement
         * @return this
         */
        public Builder statement(Statement statement) {
            this.statement = Objects.requireNonNull(statement, "statement");
            return this;
        }

        /**
         * @param facts the handler's facts (no null values)
         * @param derivedBy the handler's {@code <symbolic name>/<version>}; not empty
         * @return this
         */
        public Builder facts(Map<String, Object> facts, String derivedBy) {
            Objects.requireNonNull(derivedBy, "derivedBy");
            if (derivedBy.isEmpty()) {
                throw new IllegalArgumentException("facts come from a named handler");
            }
            this.facts = Map.copyOf(facts);
            this.factsDerivedBy = derivedBy;
            return this;
        }

        /**
         * @param signature one more signature's evidence
         * @return this
         */
        public Builder signature(SignatureEvidence signature) {
            signatures.add(Objects.requireNonNull(signature, "signature"));
            return this;
        }

        /**
         * @param trustedTime the trusted time
         * @return this
         */
        public Builder trustedTime(TrustedTime trustedTime) {
            this.trustedTime = Objects.requireNonNull(trustedTime, "trustedTime");
            return this;
        }

        /**
         * @param verificationTime the time of the question
         * @return this
         */
        public Builder verificationTime(Instant verificationTime) {
            this.verificationTime = Objects.requireNonNull(verificationTime, "verificationTime");
            return this;
        }

        /**
         * @param entry one more log entry's evidence
         * @return this
         */
        public Builder logEntry(LogEvidence entry) {
            logEntries.add(Objects.requireNonNull(entry, "entry"));
            return this;
        }

        /**
         * @param subject the subject digest the caller asked about, or null
         * @return this
         */
        public Builder requestedSubject(Digest subject) {
            this.requestedSubject = subject;
            return this;
        }

        /**
         * @param lookup the related-attestation lookup
         * @return this
         */
        public Builder lookup(AttestationLookup lookup) {
            this.lookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** @return the context */
        public VerificationContext build() {
            return new VerificationContext(this);
        }
    }
}
