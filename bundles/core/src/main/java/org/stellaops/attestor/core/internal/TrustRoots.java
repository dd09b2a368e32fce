package org.stellaops.attestor.core.internal;

import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Trusted signer keys with a parsed, cached view for signature verification. The cache is rebuilt when the
 * store's version changes, so a revocation takes effect for the next request.
 */
final class TrustRoots {

    /** Parsed keys of one store version: active signers and revoked signers. */
    record Snapshot(long version, List<TrustedSigner> active, List<TrustedSigner> revoked) {
    }

    private final TrustRootStore store;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Long.MIN_VALUE, List.of(), List.of());

    TrustRoots(TrustRootStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Snapshot snapshot() {
        Snapshot current = snapshot;
        long version = store.version();
        if (current.version() == version) {
            return current;
        }
        List<TrustedSigner> active = new ArrayList<>();
        List<TrustedSigner> revoked = new ArrayList<>();
        for (TrustedKey key : store.all()) {
            PublicKey publicKey = PublicKeys.parsePem(key.publicKeyPem());
            TrustedSigner signer = new TrustedSigner(key.keyId(), publicKey, key.algorithm());
            (key.revoked() ? revoked : active).add(signer);
        }
        Snapshot next = new Snapshot(version, List.copyOf(active), List.copyOf(revoked));
        snapshot = next;
        return next;
    }

    TrustedKey add(String name, String pem) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new AttestorException(ErrorCodes.BAD_REQUEST, "a trusted key needs a name of 1 to 200 characters");
        }
        PublicKey key = PublicKeys.parsePem(pem);
        String keyId = PublicKeys.keyId(key);
        Optional<TrustedKey> existing = store.get(keyId);
        if (existing.isPresent()) {
            return existing.get();
        }
        TrustedKey trusted = new TrustedKey(keyId, name.strip(), PublicKeys.defaultAlgorithm(key),
                PublicKeys.toPem(key), clock.instant(), null);
        store.put(trusted);
        return trusted;
    }

    TrustedKey revoke(String keyId) {
        TrustedKey key = store.get(keyId).orElseThrow(() ->
                new AttestorException(ErrorCodes.TRUST_KEY_NOT_FOUND, "no trusted key with id " + keyId));
        if (key.revoked()) {
            throw new AttestorException(ErrorCodes.TRUST_KEY_REVOKED, "key " + keyId + " was revoked at " + key.revokedAt());
        }
        TrustedKey revoked = new TrustedKey(key.keyId(), key.name(), key.algorithm(), key.publicKeyPem(),
                key.createdAt(), clock.instant());
        store.put(revoked);
        return revoked;
    }

    List<TrustedKey> all() {
        return store.all();
    }
}
