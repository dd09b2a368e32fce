package org.stellaops.attestor.tlog.witness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Optional;

import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.note.NoteSignature;
import org.stellaops.attestor.sdk.witness.Cosignatures;
import org.stellaops.attestor.sdk.witness.Cosigner;

/**
 * The witness's Ed25519 cosigning key, held by a {@link KeyDriver} (found by name, created there on first start),
 * so the private key never passes through this bundle and the driver can be swapped by configuration.
 */
final class WitnessKey {

    /** Code of a driver key that cannot serve as the witness key. */
    static final String UNUSABLE = "witness.key_unusable";

    private static final int ED25519_SIGNATURE_LENGTH = 64;

    private final KeyDriver driver;
    private final String keyId;
    private final Cosigner cosigner;

    private WitnessKey(KeyDriver driver, String keyId, Cosigner cosigner) {
        this.driver = driver;
        this.keyId = keyId;
        this.cosigner = cosigner;
    }

    /**
     * Finds the active Ed25519 key named {@code keyName} in the driver, creating it if there is none, and proves
     * with one probe cosignature that the driver signs what {@link Cosignatures#verify} accepts.
     *
     * @param driver the key driver
     * @param keyName the key's name in the driver
     * @param witnessName the witness's cosigner name
     * @return the key
     * @throws AttestorException {@value #UNUSABLE} if the named key is not an active Ed25519 key or fails the probe
     */
    static WitnessKey open(KeyDriver driver, String keyName, String witnessName) {
        KeyInfo info = find(driver, keyName).orElseGet(() -> create(driver, keyName));
        if (info.algorithm() != KeyAlgorithm.ED25519 || info.state() != KeyState.ACTIVE) {
            throw new AttestorException(UNUSABLE, "key '" + keyName + "' in driver '" + driver.name() + "' is "
                    + info.algorithm() + "/" + info.state() + "; the witness needs an active ED25519 key");
        }
        PublicKey publicKey = PublicKeys.parseSpki(info.publicKey().value());
        WitnessKey key = new WitnessKey(driver, info.keyId(), new Cosigner(witnessName, publicKey));
        key.probe();
        return key;
    }

    /** @return the cosigner identity (name and public key) */
    Cosigner cosigner() {
        return cosigner;
    }

    /**
     * Cosigns a checkpoint (C2SP tlog-cosignature, Ed25519 {@code cosignature/v1}).
     *
     * @param checkpointText the checkpoint note text, including its final newline, without signature lines
     * @param timestamp POSIX seconds, not negative
     * @return the signature line: this witness's name and key ID, u64 timestamp ‖ 64-byte signature
     * @throws KeyDriverException if the driver cannot sign
     */
    NoteSignature cosign(String checkpointText, long timestamp) {
        byte[] message = ("cosignature/v1\ntime " + timestamp + "\n" + checkpointText).getBytes(StandardCharsets.UTF_8);
        byte[] signature = driver.sign(keyId, message);
        if (signature.length != ED25519_SIGNATURE_LENGTH) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                    "driver '" + driver.name() + "' returned a " + signature.length + "-byte Ed25519 signature");
        }
        byte[] timestamped = ByteBuffer.allocate(8 + ED25519_SIGNATURE_LENGTH).putLong(timestamp).put(signature).array();
        return new NoteSignature(cosigner.name(), cosigner.keyHint(), timestamped);
    }

    private void probe() {
        String text = "witness.probe\n1\n" + "A".repeat(43) + "=\n";
        NoteSignature probe = cosign(text, 1);
        if (Cosignatures.verify(cosigner, text, probe).isEmpty()) {
            throw new AttestorException(UNUSABLE, "driver '" + driver.name() + "' made a cosignature that does not verify");
        }
    }

    private static Optional<KeyInfo> find(KeyDriver driver, String keyName) {
        return driver.keys().stream().filter(k -> k.name().equals(keyName)).findFirst();
    }

    private static KeyInfo create(KeyDriver driver, String keyName) {
        try {
            return driver.createKey(keyName, KeyAlgorithm.ED25519);
        } catch (KeyDriverException e) {
            // another component may have created the key meanwhile: use it if it is there now
            return find(driver, keyName).orElseThrow(() -> e);
        }
    }
}
