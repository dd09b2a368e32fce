package org.stellaops.attestor.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerification;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerifier;
import org.stellaops.attestor.sdk.dsse.SignatureCheck;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Trusted key versions with a parsed, cached view per tenant for signature verification: a tenant trusts its own keys
 * and the shared ones. The views are rebuilt when the store's version changes, so a revocation takes effect for the
 * next request. Whether a signature a key verified counts depends on the signing time (see
 * {@link TrustedKey#refusal}), so {@link #version()} also moves when a scheduled validity start or retirement passes.
 */
final class TrustRoots {

    /** Tenants whose views are kept per store version; more tenants than this just rebuild their view. */
    private static final int MAX_VIEWS = 10_000;

    /** The keys one tenant trusts, parsed: every version, whatever its state, since state depends on time. */
    record Snapshot(long version, List<TrustedSigner> signers, Map<String, TrustedKey> keys) {

        /**
         * Verifies the envelope's signatures and judges each verified one by its key's lifecycle.
         *
         * @param envelope the envelope
         * @param signingTime the trusted signing time, or the time of the question
         * @param trustedTime whether {@code signingTime} is trusted
         * @return the judgement
         */
        Judged judge(Envelope envelope, Instant signingTime, boolean trustedTime) {
            return judge(verify(envelope), signingTime, trustedTime);
        }

        /**
         * @param envelope the envelope
         * @return the bare cryptographic verification of its signatures with these keys, lifecycles not judged
         */
        EnvelopeVerification verify(Envelope envelope) {
            return EnvelopeVerifier.verify(envelope, signers);
        }

        /**
         * Judges signatures already verified (by {@link #verify}) by their keys' lifecycles.
         *
         * @param all the verification
         * @param signingTime the trusted signing time, or the time of the question
         * @param trustedTime whether {@code signingTime} is trusted
         * @return the judgement
         */
        Judged judge(EnvelopeVerification all, Instant signingTime, boolean trustedTime) {
            Map<Integer, String> refusals = new TreeMap<>();
            List<SignatureCheck> counted = new ArrayList<>();
            TreeSet<String> countedIds = new TreeSet<>();
            for (SignatureCheck check : all.checks()) {
                TrustedKey key = check.verifiedKeyId() == null ? null : keys.get(check.verifiedKeyId());
                String refusal = key == null ? null : key.refusal(signingTime, trustedTime);
                if (refusal != null) {
                    refusals.put(check.index(), refusal);
                    counted.add(new SignatureCheck(check.index(), check.keyIdHint(), null,
                            "key " + key.keyId() + " does not count: " + refusal));
                } else {
                    counted.add(check);
                    if (check.verifiedKeyId() != null) {
                        countedIds.add(check.verifiedKeyId());
                    }
                }
            }
            return new Judged(new EnvelopeVerification(counted, countedIds), all, Collections.unmodifiableMap(refusals),
                    signingTime, trustedTime, this);
        }
    }

    /**
     * Signatures judged at one signing time.
     *
     * @param counted the verification with refused signatures marked as not verified: what thresholds count
     * @param all the bare cryptographic verification
     * @param refusals the lifecycle refusal code of each refused signature, by index
     * @param signingTime the time judged at
     * @param trustedTime whether it was a trusted time
     * @param trust the keys judged with
     */
    record Judged(EnvelopeVerification counted, EnvelopeVerification all, Map<Integer, String> refusals,
                  Instant signingTime, boolean trustedTime, Snapshot trust) {
    }

    /** Every key of one store version, parsed once, with the tenant views built from it so far. */
    private record Parsed(long version, List<TrustedKey> keys, List<TrustedSigner> signers, List<Instant> instants,
                          Map<String, Snapshot> views) {
    }

    private final TrustRootStore store;
    private final Clock clock;
    private final Function<TrustedKey, TrustedSigner.Verifier> customVerifiers;
    private volatile long verifierGeneration;
    private volatile Parsed parsed = new Parsed(Long.MIN_VALUE, List.of(), List.of(), List.of(),
            new ConcurrentHashMap<>());

    /**
     * @param customVerifiers for a key whose signatures are not bare signatures (WebAuthn), the verifier to use; null
     *                        for every other key
     */
    TrustRoots(TrustRootStore store, Clock clock, Function<TrustedKey, TrustedSigner.Verifier> customVerifiers) {
        this.store = store;
        this.clock = clock;
        this.customVerifiers = customVerifiers;
    }

    /**
     * @param tenant the tenant whose envelopes are checked
     * @return the signers that tenant trusts: its own keys and every shared key
     */
    Snapshot snapshot(String tenant) {
        Parsed current = parsed();
        Snapshot view = current.views().get(tenant);
        if (view != null) {
            return view;
        }
        List<TrustedSigner> signers = new ArrayList<>();
        Map<String, TrustedKey> keys = new HashMap<>();
        for (int i = 0; i < current.keys().size(); i++) {
            TrustedKey key = current.keys().get(i);
            // a tenant's own version of a key wins over a shared one with the same id
            if (key.trustedBy(tenant) && (!keys.containsKey(key.keyId()) || key.tenant().equals(tenant))) {
                if (!keys.containsKey(key.keyId())) {
                    signers.add(current.signers().get(i));
                }
                keys.put(key.keyId(), key);
            }
        }
        view = new Snapshot(current.version(), List.copyOf(signers), Map.copyOf(keys));
        if (current.views().size() < MAX_VIEWS) {
            current.views().put(tenant, view);
        }
        return view;
    }

    /**
     * @return a number that changes whenever the keys change or a scheduled lifecycle time passes: the cache key of
     *         anything judged with the trust roots
     */
    long version() {
        Parsed current = parsed();
        Instant now = clock.instant();
        int passed = 0;
        for (Instant instant : current.instants()) {
            if (now.isBefore(instant)) {
                break;
            }
            passed++;
        }
        // lifecycle times are few; 2^16 of them per store version keeps the parts apart
        return (current.version() << 24) + (verifierGeneration << 16) + passed;
    }

    /** Called when a custom signature verifier comes or goes: verdicts cached before may change. */
    void verifiersChanged() {
        verifierGeneration = (verifierGeneration + 1) & 0xff;
    }

    private Parsed parsed() {
        Parsed current = parsed;
        long version = store.version();
        if (current.version() == version) {
            return current;
        }
        List<TrustedKey> keys = store.all(null);
        List<TrustedSigner> signers = new ArrayList<>(keys.size());
        TreeSet<Instant> instants = new TreeSet<>();
        for (TrustedKey key : keys) {
            signers.add(signer(key));
            instants.add(key.validFrom());
            if (key.retiredAt() != null) {
                instants.add(key.retiredAt());
            }
        }
        Parsed next = new Parsed(version, List.copyOf(keys), List.copyOf(signers), List.copyOf(instants),
                new ConcurrentHashMap<>());
        parsed = next;
        return next;
    }

    private TrustedSigner signer(TrustedKey key) {
        TrustedSigner.Verifier custom = customVerifiers == null ? null : customVerifiers.apply(key);
        return new TrustedSigner(key.keyId(), PublicKeys.parsePem(key.publicKeyPem()), key.algorithm(), custom);
    }

    /**
     * @param tenant a tenant
     * @return the keys that verify the tenant's envelopes, revoked ones included
     */
    List<TrustedKey> trustedBy(String tenant) {
        return parsed().keys().stream().filter(k -> k.trustedBy(tenant)).toList();
    }

    /**
     * @param tenant a tenant, or the operator
     * @return the tenant's own keys (not shared keys of others), every version
     */
    List<TrustedKey> ownedBy(String tenant) {
        return parsed().keys().stream().filter(k -> k.tenant().equals(tenant)).toList();
    }
}
