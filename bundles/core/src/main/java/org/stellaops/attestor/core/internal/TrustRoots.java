package org.stellaops.attestor.core.internal;

import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Trusted signer keys with a parsed, cached view per tenant for signature verification: a tenant trusts its own keys
 * and the shared ones. The views are rebuilt when the store's version changes, so a revocation takes effect for the
 * next request.
 */
final class TrustRoots {

    /** Tenants whose views are kept per store version; more tenants than this just rebuild their view. */
    private static final int MAX_VIEWS = 10_000;

    /** Parsed keys of one store version as one tenant sees them: active signers and revoked signers. */
    record Snapshot(long version, List<TrustedSigner> active, List<TrustedSigner> revoked) {
    }

    /** Every key of one store version, parsed once, with the tenant views built from it so far. */
    private record Parsed(long version, List<TrustedKey> keys, List<TrustedSigner> signers,
                          Map<String, Snapshot> views) {
    }

    private final TrustRootStore store;
    private final Clock clock;
    private volatile Parsed parsed = new Parsed(Long.MIN_VALUE, List.of(), List.of(), new ConcurrentHashMap<>());

    TrustRoots(TrustRootStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
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
        List<TrustedSigner> active = new ArrayList<>();
        List<TrustedSigner> revoked = new ArrayList<>();
        for (int i = 0; i < current.keys().size(); i++) {
            TrustedKey key = current.keys().get(i);
            if (key.trustedBy(tenant)) {
                (key.revoked() ? revoked : active).add(current.signers().get(i));
            }
        }
        view = new Snapshot(current.version(), List.copyOf(active), List.copyOf(revoked));
        if (current.views().size() < MAX_VIEWS) {
            current.views().put(tenant, view);
        }
        return view;
    }

    private Parsed parsed() {
        Parsed current = parsed;
        long version = store.version();
        if (current.version() == version) {
            return current;
        }
        List<TrustedKey> keys = store.all(null);
        List<TrustedSigner> signers = new ArrayList<>(keys.size());
        for (TrustedKey key : keys) {
            signers.add(new TrustedSigner(key.keyId(), PublicKeys.parsePem(key.publicKeyPem()), key.algorithm()));
        }
        Parsed next = new Parsed(version, List.copyOf(keys), List.copyOf(signers), new ConcurrentHashMap<>());
        parsed = next;
        return next;
    }

    TrustedKey add(String name, String pem, boolean shared, String tenant) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new AttestorException(ErrorCodes.BAD_REQUEST, "a trusted key needs a name of 1 to 200 characters");
        }
        if (!Tenants.isName(tenant)) {
            throw new AttestorException(ErrorCodes.BAD_REQUEST, "trusted keys belong to a tenant");
        }
        PublicKey key = PublicKeys.parsePem(pem);
        String keyId = PublicKeys.keyId(key);
        Optional<TrustedKey> existing = store.get(tenant, keyId);
        if (existing.isPresent()) {
            return existing.get();
        }
        TrustedKey trusted = new TrustedKey(keyId, name.strip(), PublicKeys.defaultAlgorithm(key),
                PublicKeys.toPem(key), clock.instant(), null, tenant, shared);
        store.put(trusted);
        return trusted;
    }

    TrustedKey revoke(String keyId, String tenant) {
        TrustedKey key = store.get(tenant, keyId).orElseThrow(() ->
                new AttestorException(ErrorCodes.TRUST_KEY_NOT_FOUND, "no trusted key with id " + keyId));
        if (key.revoked()) {
            throw new AttestorException(ErrorCodes.TRUST_KEY_REVOKED, "key " + keyId + " was revoked at " + key.revokedAt());
        }
        TrustedKey revoked = new TrustedKey(key.keyId(), key.name(), key.algorithm(), key.publicKeyPem(),
                key.createdAt(), clock.instant(), key.tenant(), key.shared());
        store.put(revoked);
        return revoked;
    }

    /**
     * @param tenant a tenant
     * @return the keys that verify the tenant's envelopes, revoked ones included
     */
    List<TrustedKey> trustedBy(String tenant) {
        return parsed().keys().stream().filter(k -> k.trustedBy(tenant)).toList();
    }
}
