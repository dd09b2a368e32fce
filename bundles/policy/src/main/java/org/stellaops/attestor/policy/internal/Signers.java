package org.stellaops.attestor.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.stellaops.attestor.api.policy.KeyStatus;
import org.stellaops.attestor.api.policy.SignatureEvidence;
import org.stellaops.attestor.api.policy.SignerKey;
import org.stellaops.attestor.api.policy.VerificationContext;

/** Signature judgements shared by the issuer and threshold rules. */
final class Signers {

    /**
     * One verified signature, judged.
     *
     * @param index its position in the envelope
     * @param key its key
     * @param status the key's state at the signing time
     * @param member whether the rule's key references or key sets include the key
     */
    record Judged(int index, SignerKey key, KeyStatus status, boolean member) {

        boolean counts() {
            return member && status == KeyStatus.ACTIVE;
        }

        Map<String, Object> evidence(boolean memberKnown) {
            return Evidence.map("index", index, "keyId", key.keyId(), "key", key.name(), "version", key.version(),
                    "spkiSha256", key.spkiSha256(), "keySets", key.keySets(), "allowed", memberKnown ? member : null,
                    "status", status.wireName(), "counted", counts(), "detail", key.lifecycle().explain(status));
        }

        String label() {
            return key.name() + " v" + key.version();
        }
    }

    /** Decides whether a key belongs to what a rule names. */
    @FunctionalInterface
    interface Membership {
        boolean includes(SignerKey key);
    }

    private Signers() {
    }

    /**
     * @param context the evidence
     * @param membership what the rule accepts
     * @return every verified signature, judged at the context's signing time, in envelope order
     */
    static List<Judged> judge(VerificationContext context, Membership membership) {
        List<Judged> judged = new ArrayList<>();
        for (SignatureEvidence signature : context.signatures()) {
            signature.signer().ifPresent(key -> judged.add(new Judged(signature.index(), key,
                    key.lifecycle().statusAt(context.signingTime(), context.trustedTime().present()),
                    membership.includes(key))));
        }
        return judged;
    }

    /**
     * @param context the evidence
     * @return the indices of signatures no trusted key verified
     */
    static List<Integer> unverified(VerificationContext context) {
        return context.signatures().stream().filter(s -> !s.verified()).map(SignatureEvidence::index).toList();
    }

    /**
     * Groups counted signatures into distinct signers: two signatures belong to one signer when their keys share a
     * public key (SPKI digest) or a name (versions of one key), transitively.
     *
     * @param counted signatures that count
     * @return the signers, each as its signatures, ordered by their smallest key name
     */
    static List<List<Judged>> distinct(List<Judged> counted) {
        int[] parent = new int[counted.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < counted.size(); i++) {
            for (int j = i + 1; j < counted.size(); j++) {
                SignerKey a = counted.get(i).key();
                SignerKey b = counted.get(j).key();
                if (a.spkiSha256().equals(b.spkiSha256()) || a.name().equals(b.name())) {
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        Map<Integer, List<Judged>> groups = new TreeMap<>();
        for (int i = 0; i < counted.size(); i++) {
            groups.computeIfAbsent(root(parent, i), r -> new ArrayList<>()).add(counted.get(i));
        }
        List<List<Judged>> signers = new ArrayList<>(groups.values());
        signers.sort((x, y) -> names(x).first().compareTo(names(y).first()));
        return signers;
    }

    /**
     * @param signer one signer's signatures
     * @return the key names in it, sorted
     */
    static TreeSet<String> names(List<Judged> signer) {
        TreeSet<String> names = new TreeSet<>();
        signer.forEach(j -> names.add(j.key().name()));
        return names;
    }

    /**
     * @param signer one signer's signatures
     * @return its evidence: key names, public keys and signature indices, each sorted
     */
    static Map<String, Object> signerEvidence(List<Judged> signer) {
        TreeSet<String> spki = new TreeSet<>();
        TreeSet<String> keyIds = new TreeSet<>();
        TreeSet<Integer> indices = new TreeSet<>();
        signer.forEach(j -> {
            spki.add(j.key().spkiSha256());
            keyIds.add(j.key().keyId());
            indices.add(j.index());
        });
        return Evidence.map("keys", List.copyOf(names(signer)), "keyIds", List.copyOf(keyIds),
                "spkiSha256", List.copyOf(spki), "signatures", List.copyOf(indices));
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
