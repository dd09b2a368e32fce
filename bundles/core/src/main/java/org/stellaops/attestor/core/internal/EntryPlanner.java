package org.stellaops.attestor.core.internal;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerification;
import org.stellaops.attestor.sdk.dsse.SignatureCheck;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.sdk.rekor.HashedRekord;
import org.stellaops.attestor.sdk.rekor.RekorV2;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Receipt;
import org.stellaops.attestor.store.SignatureCoverage;

/**
 * Decides what is logged for each verified signature: the signature itself as a hashedrekord when Rekor v2 accepts
 * its algorithm, otherwise a service receipt (created and signed here, once). The same plan is rebuilt from a
 * stored record when the publisher resumes it, and must give the same uuids.
 */
final class EntryPlanner {

    /** The plan of a new record. */
    record Plan(List<SignatureCoverage> coverage, List<Receipt> receipts, List<PlannedEntry> entries) {
    }

    private final TrustRoots trustRoots;
    private final ServiceKeys serviceKeys;
    private final Receipts receipts;

    EntryPlanner(TrustRoots trustRoots, ServiceKeys serviceKeys, Receipts receipts) {
        this.trustRoots = trustRoots;
        this.serviceKeys = serviceKeys;
        this.receipts = receipts;
    }

    /**
     * @throws AttestorException {@code key.driver_unavailable} if a receipt is needed and cannot be signed
     */
    Plan plan(String envelopeDigest, Envelope envelope, EnvelopeVerification verification,
              List<TrustedSigner> active) {
        Map<String, TrustedSigner> signers = new HashMap<>();
        active.forEach(s -> signers.putIfAbsent(s.keyId(), s));
        List<SignatureCoverage> coverage = new ArrayList<>();
        List<Receipt> issued = new ArrayList<>();
        List<PlannedEntry> entries = new ArrayList<>();
        ServiceKeys.ServiceKey serviceKey = null;
        for (SignatureCheck check : verification.checks()) {
            TrustedSigner signer = check.verifiedKeyId() == null ? null : signers.get(check.verifiedKeyId());
            if (signer == null) {
                continue;
            }
            int index = check.index();
            PlannedEntry entry;
            if (RekorV2.acceptsAlgorithm(signer.algorithm())) {
                entry = planned(index, SignatureCoverage.VIA_SIGNATURE, HashedRekord.forSignature(envelope,
                        envelope.signatures().get(index), signer.key(), signer.algorithm()));
            } else {
                serviceKey = serviceKey != null ? serviceKey : serviceKeys.current();
                Receipt receipt = receipts.create(serviceKey, envelopeDigest, envelope, index, signer);
                issued.add(receipt);
                entry = planned(index, SignatureCoverage.VIA_RECEIPT,
                        Receipts.request(receipt, serviceKey.publicKey()));
            }
            coverage.add(new SignatureCoverage(index, signer.keyId(), entry.via(), entry.uuid()));
            entries.add(entry);
        }
        return new Plan(coverage, issued, entries);
    }

    /**
     * Rebuilds the entries of a stored record.
     *
     * @throws AttestorException {@code key.driver_unavailable} if a receipt's service key is not available now
     * @throws IllegalStateException if the stored record does not match its envelope (a different uuid)
     */
    List<PlannedEntry> replan(EntryRecord record, Envelope envelope) {
        List<PlannedEntry> entries = new ArrayList<>();
        for (SignatureCoverage c : record.signatures()) {
            HashedRekordRequest request;
            if (SignatureCoverage.VIA_RECEIPT.equals(c.via())) {
                Receipt receipt = record.receipt(c.signatureIndex()).orElseThrow(() -> new IllegalStateException(
                        record.envelopeDigest() + " has no receipt for signature " + c.signatureIndex()));
                PublicKey key = serviceKeys.publicKey(receipt.serviceKeyId()).orElseThrow(() ->
                        new AttestorException(ErrorCodes.KEY_DRIVER_UNAVAILABLE,
                                "service key " + receipt.serviceKeyId() + " is not available"));
                request = Receipts.request(receipt, key);
            } else {
                TrustedSigner signer = signer(record.tenant(), c.signerKeyId()).orElseThrow(() -> new IllegalStateException(
                        "trusted key " + c.signerKeyId() + " of " + record.envelopeDigest() + " is gone"));
                request = HashedRekord.forSignature(envelope, envelope.signatures().get(c.signatureIndex()),
                        signer.key(), signer.algorithm());
            }
            PlannedEntry entry = planned(c.signatureIndex(), c.via(), request);
            if (!entry.uuid().equals(c.uuid())) {
                throw new IllegalStateException(record.envelopeDigest() + " signature " + c.signatureIndex()
                        + " rebuilds to uuid " + entry.uuid() + ", not the stored " + c.uuid());
            }
            entries.add(entry);
        }
        return entries;
    }

    private Optional<TrustedSigner> signer(String tenant, String keyId) {
        TrustRoots.Snapshot trust = trustRoots.snapshot(tenant);
        return trust.signers().stream().filter(s -> s.keyId().equals(keyId)).findFirst();
    }

    static PlannedEntry planned(int index, String via, HashedRekordRequest request) {
        byte[] body = HashedRekord.canonicalBody(request);
        return new PlannedEntry(index, via, request, body, HashedRekord.uuid(body));
    }
}
