package org.stellaops.attestor.core.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.policy.AttestationLookup;
import org.stellaops.attestor.api.policy.RelatedAttestation;
import org.stellaops.attestor.api.policy.TimeSource;
import org.stellaops.attestor.api.policy.TrustedTime;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.Tenants;

/**
 * The {@link AttestationLookup} of one evaluation: the newest record of the tenant with a predicate type and a
 * subject digest, by the store's subject index. Every record was accepted with a signature of a trusted key, and its
 * trusted time is its acceptance time. Answers are remembered for the evaluation, so a rule asking twice gets the
 * same answer.
 */
final class StoredAttestations implements AttestationLookup {

    /** Detail of the trusted time of an accepted record. */
    static final String ACCEPTED = "accepted by this service";

    private final EntryStore entries;
    private final String tenant;
    private final Map<String, Optional<RelatedAttestation>> answers = new ConcurrentHashMap<>();

    StoredAttestations(EntryStore entries, String tenant) {
        this.entries = entries;
        this.tenant = tenant;
    }

    /**
     * @param entries the record store
     * @param tenant the tenant whose records count
     * @return a lookup, or {@link AttestationLookup#NONE} for the operator (which has no records)
     */
    static AttestationLookup of(EntryStore entries, String tenant) {
        return Tenants.isName(tenant) ? new StoredAttestations(entries, tenant) : AttestationLookup.NONE;
    }

    @Override
    public Optional<RelatedAttestation> newest(String predicateType, Digest subject) {
        return answers.computeIfAbsent(predicateType + '\n' + subject, k -> find(predicateType, subject));
    }

    private Optional<RelatedAttestation> find(String predicateType, Digest subject) {
        List<EntryRecord> newest = entries.search(new EntryQuery(tenant, subject.toString(), predicateType, null,
                null, null, 1, null)).records();
        return newest.stream().findFirst().map(r -> new RelatedAttestation(r.envelopeDigest(), r.predicateType(),
                TrustedTime.of(r.createdAt(), TimeSource.SERVICE, ACCEPTED)));
    }
}
