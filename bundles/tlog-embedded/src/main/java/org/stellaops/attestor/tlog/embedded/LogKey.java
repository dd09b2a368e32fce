package org.stellaops.attestor.tlog.embedded;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.NoteSigner;
import org.stellaops.attestor.sdk.note.NoteVerifier;
import org.stellaops.attestor.sdk.note.Notes;

/**
 * The log's checkpoint key: an ECDSA key held by a {@link KeyDriver}, found by name. The note key name is the
 * origin; the log ID is SHA-256 of the key's SubjectPublicKeyInfo (the ECDSA rule of Rekor v2 and C2SP).
 */
final class LogKey {

    /**
     * The checkpoint key of a default configuration. It is the log's own key, not the service key: revoking or
     * rotating the service key (receipts, audit anchors) must never leave the log signing with the old one.
     */
    static final String DEFAULT_NAME = "tlog-checkpoint";

    private static final System.Logger LOG = System.getLogger(LogKey.class.getName());
    private static final Set<KeyAlgorithm> ECDSA = EnumSet.of(KeyAlgorithm.ECDSA_P256_SHA256, KeyAlgorithm.ECDSA_P384_SHA384);

    private final PublicKey publicKey;
    private final NoteSigner signer;
    private final NoteVerifier verifier;
    private final String origin;

    private LogKey(PublicKey publicKey, NoteSigner signer, NoteVerifier verifier, String origin) {
        this.publicKey = publicKey;
        this.signer = signer;
        this.verifier = verifier;
        this.origin = origin;
    }

    /**
     * Makes the {@linkplain #DEFAULT_NAME default} checkpoint key (ECDSA P-256) in the driver if the configuration
     * names it and the driver holds no key of that name. A name the operator chose is never created: a typo must
     * stop the log rather than rotate it to a key nobody meant.
     *
     * @param driver the key driver
     * @param keyName the configured key name
     * @throws org.stellaops.attestor.api.keys.KeyDriverException if the driver cannot create it
     */
    static void createDefaultIfMissing(KeyDriver driver, String keyName) {
        if (DEFAULT_NAME.equals(keyName) && driver.keys().stream().noneMatch(k -> k.name().equals(keyName))) {
            KeyInfo created = driver.createKey(keyName, KeyAlgorithm.ECDSA_P256_SHA256);
            LOG.log(System.Logger.Level.INFO, "embedded log: created checkpoint key " + keyName + " ("
                    + created.keyId() + ") in key driver " + driver.name());
        }
    }

    /**
     * Finds the active key named {@code keyName}.
     *
     * @param driver the key driver
     * @param keyName the key's name
     * @param origin the log origin, also the note key name
     * @return the key
     * @throws org.stellaops.attestor.api.tlog.TransparencyLogException {@code tlog.unavailable} if there is no such
     *         active ECDSA key
     */
    static LogKey find(KeyDriver driver, String keyName, String origin) {
        KeyInfo info = driver.keys().stream()
                .filter(k -> k.name().equals(keyName) && k.state() == KeyState.ACTIVE)
                .findFirst()
                .orElseThrow(() -> LogErrors.unavailable("key driver '" + driver.name() + "' has no active key named '" + keyName + "'"));
        if (!ECDSA.contains(info.algorithm())) {
            throw LogErrors.unavailable("checkpoint key '" + keyName + "' is " + info.algorithm() + "; the embedded log needs an ECDSA key");
        }
        PublicKey pub = decode(info.publicKey().value());
        String keyId = info.keyId();
        NoteSigner signer = NoteKeys.ecdsaSigner(origin, pub, message -> driver.sign(keyId, message));
        return new LogKey(pub, signer, NoteKeys.ecdsaVerifier(origin, pub), origin);
    }

    /**
     * @param body checkpoint note text
     * @return the signed note
     */
    String sign(String body) {
        return Notes.sign(body, List.of(signer));
    }

    /**
     * @param note a signed note
     * @return whether this key's signature on it verifies
     */
    boolean verifies(String note) {
        try {
            Notes.verify(note, List.of(verifier));
            return true;
        } catch (AttestorException unverified) {
            return false;
        }
    }

    /** @return lowercase hex SHA-256 of the key's SubjectPublicKeyInfo */
    String logId() {
        return logIdOf(publicKey);
    }

    /**
     * @param key an ECDSA checkpoint key
     * @return the log ID it gives the log: lowercase hex SHA-256 of its SubjectPublicKeyInfo
     */
    static String logIdOf(PublicKey key) {
        return Checkpoints.logIdEcdsa(key);
    }

    /** @return the C2SP verifier key text of this key under the origin's name */
    String verifierKey() {
        return NoteKeys.verifierKey(origin, publicKey);
    }

    /**
     * @param origin the note key name
     * @param publicKeyPem a recorded version's ECDSA key
     * @return a verifier of that version's signatures
     */
    static NoteVerifier verifier(String origin, String publicKeyPem) {
        return NoteKeys.ecdsaVerifier(origin, PublicKeys.parsePem(publicKeyPem));
    }

    /** @return the public key as PEM */
    String publicKeyPem() {
        return PublicKeys.toPem(publicKey);
    }

    private static PublicKey decode(byte[] spki) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw LogErrors.unavailable("checkpoint key is not a valid EC public key", e);
        }
    }
}
