package org.stellaops.attestor.core.internal;

import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.stellaops.attestor.api.policy.KeyLifecycle;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.SignerKey;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.witness.Cosigner;
import org.stellaops.attestor.store.TrustedKey;

/**
 * What policies of one tenant may name, and how a trusted key appears to a rule: the tenant's keys (own and shared:
 * names, key ids and {@code sha256:<SPKI SHA-256>}), its key sets ({@link KeySets}), the registered logs (origins and
 * the log ids of every key version) and the configured witnesses (by name).
 */
final class PolicyEnvironments {

    private static final int SPKI_CACHE_LIMIT = 10_000;

    private final TrustRoots trustRoots;
    private final LogRegistry logs;
    private final KeySets keySets;
    private final Collection<Cosigner> witnesses;
    private final Map<String, String> spkiDigests = new ConcurrentHashMap<>();

    PolicyEnvironments(TrustRoots trustRoots, LogRegistry logs, KeySets keySets, Collection<Cosigner> witnesses) {
        this.trustRoots = trustRoots;
        this.logs = logs;
        this.keySets = keySets;
        this.witnesses = List.copyOf(witnesses);
    }

    /**
     * @param tenant the tenant a policy belongs to
     * @return what its policies may name
     */
    PolicyEnvironment of(String tenant) {
        PolicyEnvironment.Builder builder = PolicyEnvironment.builder();
        for (TrustedKey key : trustRoots.trustedBy(tenant)) {
            builder.keys(key.name(), key.keyId(), "sha256:" + spkiSha256(key));
        }
        keySets.of(tenant).forEach(builder::keySet);
        for (LogRegistry.Registration registration : logs.ordered()) {
            LogDescriptor descriptor = registration.descriptor();
            builder.logs(descriptor.origin(), descriptor.logId());
            for (LogKeyVersion version : descriptor.keyVersions()) {
                builder.logs(version.logId());
            }
        }
        witnesses.forEach(w -> builder.witnesses(w.name()));
        return builder.build();
    }

    /**
     * @param tenant the tenant whose key sets count
     * @param key a trusted key version
     * @return the key as policy rules see it
     */
    SignerKey signerKey(String tenant, TrustedKey key) {
        KeyLifecycle lifecycle = new KeyLifecycle(key.validFrom(), key.retiredAt(), key.revokedAt(),
                key.revocationReason(), key.compromisedAt());
        return new SignerKey(key.keyId(), key.name(), key.version(), spkiSha256(key),
                keySets.containing(tenant, key.name()), lifecycle);
    }

    /** @return the witnesses' names, sorted */
    List<String> witnessNames() {
        return witnesses.stream().map(Cosigner::name).sorted().toList();
    }

    private String spkiSha256(TrustedKey key) {
        String cached = spkiDigests.get(key.publicKeyPem());
        if (cached != null) {
            return cached;
        }
        String digest = HexFormat.of().formatHex(Receipts.sha256(
                PublicKeys.parsePem(key.publicKeyPem()).getEncoded()));
        if (spkiDigests.size() >= SPKI_CACHE_LIMIT) {
            spkiDigests.clear();
        }
        spkiDigests.put(key.publicKeyPem(), digest);
        return digest;
    }
}
