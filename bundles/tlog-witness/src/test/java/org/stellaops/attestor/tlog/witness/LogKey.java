package org.stellaops.attestor.tlog.witness;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.NoteVerifier;
import org.stellaops.attestor.sdk.note.Notes;

/** A log's checkpoint key in a test: a real Ed25519 or ECDSA P-256 key whose note key name is the origin. */
final class LogKey {

    final String origin;
    final KeyPair pair;

    private LogKey(String origin, KeyPair pair) {
        this.origin = origin;
        this.pair = pair;
    }

    static LogKey ed25519(String origin) {
        return new LogKey(origin, generate("Ed25519", null));
    }

    static LogKey ecdsa(String origin) {
        return new LogKey(origin, generate("EC", new ECGenParameterSpec("secp256r1")));
    }

    PublicKey publicKey() {
        return pair.getPublic();
    }

    /** @return the log's verifier key text (type 0x01 or 0x02) */
    String vkey() {
        return NoteKeys.verifierKey(origin, pair.getPublic());
    }

    NoteVerifier verifier() {
        return NoteKeys.parseVerifierKey(vkey());
    }

    /** @return the signed checkpoint note for a tree head */
    String checkpoint(long size, byte[] root) {
        return Notes.sign(Checkpoints.body(origin, size, root), List.of(NoteKeys.signer(origin, pair.getPrivate())));
    }

    /** @return the signed checkpoint note of the first {@code size} entries of {@code tree} */
    String checkpoint(Tree tree, long size) {
        return checkpoint(size, tree.root(size));
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
