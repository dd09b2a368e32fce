package org.stellaops.attestor.keys.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.generators.SCrypt;
import org.stellaops.attestor.api.keys.KeyDriverException;

/**
 * The AES-256 key that seals private keys at rest. It is either derived from an operator passphrase with scrypt
 * (salt and parameters in {@value #PARAMS_FILE}, plus a check value so a wrong passphrase is reported as such), or,
 * without a passphrase, 32 random bytes kept in the owner-only file {@value #KEK_FILE}.
 */
final class KeyEncryptionKey {

    static final String KEK_FILE = "kek";
    static final String PARAMS_FILE = "kek.scrypt";

    private static final int SCRYPT_N = 1 << 15;
    private static final int SCRYPT_R = 8;
    private static final int SCRYPT_P = 1;
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CHECK_PLAINTEXT =
            "stellaops attestor keys-file key-encryption-key check v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECK_AAD = PARAMS_FILE.getBytes(StandardCharsets.US_ASCII);

    private final SecretKey key;
    private final SecureRandom random;

    private KeyEncryptionKey(byte[] keyBytes, SecureRandom random) {
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.random = random;
        Arrays.fill(keyBytes, (byte) 0);
    }

    /**
     * Loads or creates the key-encryption key of a key directory.
     *
     * @param dir the key directory (exists, owner-only)
     * @param passphrase the operator passphrase, or null to use the generated key file
     * @param keysExist whether the directory already holds sealed keys (then nothing new may be generated)
     * @param random randomness for salts, keys and nonces
     * @return the key
     * @throws KeyDriverException {@code key.driver_failure} on a wrong passphrase, a mode mismatch or I/O failure
     */
    static KeyEncryptionKey open(Path dir, Passphrase passphrase, boolean keysExist, SecureRandom random) {
        try {
            return passphrase == null
                    ? fromKeyFile(dir, keysExist, random)
                    : fromPassphrase(dir, passphrase, keysExist, random);
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                    "cannot set up the key-encryption key in " + dir + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static KeyEncryptionKey fromKeyFile(Path dir, boolean keysExist, SecureRandom random)
            throws IOException {
        Path kekFile = dir.resolve(KEK_FILE);
        if (Files.exists(dir.resolve(PARAMS_FILE))) {
            throw failure("the keys in " + dir + " are protected by a passphrase, but none is configured: set the "
                    + "configuration property '.passphrase' or the environment variable named by 'passphraseEnv'");
        }
        if (Files.exists(kekFile)) {
            byte[] bytes = Files.readAllBytes(kekFile);
            if (bytes.length != KEY_BYTES) {
                throw failure("the key-encryption key file " + kekFile + " is damaged (wrong length)");
            }
            return new KeyEncryptionKey(bytes, random);
        }
        if (keysExist) {
            throw failure("the key-encryption key file " + kekFile + " is missing; the keys in " + dir
                    + " cannot be opened");
        }
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        SecureFiles.writeOwnerOnly(kekFile, bytes);
        return new KeyEncryptionKey(bytes, random);
    }

    private static KeyEncryptionKey fromPassphrase(Path dir, Passphrase passphrase, boolean keysExist,
                                                   SecureRandom random) throws IOException, GeneralSecurityException {
        if (Files.exists(dir.resolve(KEK_FILE))) {
            throw failure("the keys in " + dir + " are protected by the generated key file '" + KEK_FILE
                    + "', but a passphrase is configured (" + passphrase.source() + "); remove the passphrase");
        }
        Path paramsFile = dir.resolve(PARAMS_FILE);
        if (Files.exists(paramsFile)) {
            return unlock(paramsFile, passphrase, random);
        }
        if (keysExist) {
            throw failure("the scrypt parameters " + paramsFile + " are missing; the keys in " + dir
                    + " cannot be opened");
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        KeyEncryptionKey kek = new KeyEncryptionKey(derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P), random);
        Sealed check = kek.seal(CHECK_PLAINTEXT, CHECK_AAD);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("kdf", "scrypt");
        params.put("n", Integer.toString(SCRYPT_N));
        params.put("r", Integer.toString(SCRYPT_R));
        params.put("p", Integer.toString(SCRYPT_P));
        params.put("salt", b64(salt));
        params.put("checkNonce", b64(check.nonce()));
        params.put("check", b64(check.ciphertext()));
        SecureFiles.writeOwnerOnly(paramsFile, FlatJson.write(params).getBytes(StandardCharsets.UTF_8));
        return kek;
    }

    private static KeyEncryptionKey unlock(Path paramsFile, Passphrase passphrase, SecureRandom random)
            throws IOException, GeneralSecurityException {
        ScryptParams params = ScryptParams.read(paramsFile);
        KeyEncryptionKey kek = new KeyEncryptionKey(derive(passphrase, params.salt(), params.n(), params.r(),
                params.p()), random);
        try {
            if (!Arrays.equals(kek.open(params.check(), CHECK_AAD), CHECK_PLAINTEXT)) {
                throw failure("the scrypt parameters " + paramsFile + " are damaged");
            }
        } catch (AEADBadTagException wrong) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE, "wrong key passphrase ("
                    + passphrase.source() + "): it does not unlock the keys in " + paramsFile.getParent(), wrong);
        }
        return kek;
    }

    /** The contents of {@value #PARAMS_FILE}. */
    private record ScryptParams(int n, int r, int p, byte[] salt, Sealed check) {

        static ScryptParams read(Path file) throws IOException {
            ScryptParams params;
            try {
                Map<String, String> m = FlatJson.read(Files.readString(file, StandardCharsets.UTF_8));
                if (!"scrypt".equals(m.get("kdf"))) {
                    throw new IllegalArgumentException("kdf is not scrypt");
                }
                Base64.Decoder b64 = Base64.getDecoder();
                params = new ScryptParams(Integer.parseInt(m.get("n")), Integer.parseInt(m.get("r")),
                        Integer.parseInt(m.get("p")), b64.decode(m.get("salt")),
                        new Sealed(b64.decode(m.get("checkNonce")), b64.decode(m.get("check"))));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                        "the scrypt parameters " + file + " are damaged", e);
            }
            // the file is owner-only, but bounding the cost keeps a damaged file from exhausting memory
            if (params.n() < 2 || params.n() > (1 << 20) || Integer.bitCount(params.n()) != 1
                    || params.r() < 1 || params.r() > 32 || params.p() < 1 || params.p() > 16) {
                throw failure("the scrypt parameters " + file + " are out of the accepted range");
            }
            return params;
        }
    }

    private static byte[] derive(Passphrase passphrase, byte[] salt, int n, int r, int p) {
        byte[] secret = passphrase.utf8();
        try {
            return SCrypt.generate(secret, salt, n, r, p, KEY_BYTES);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Encrypts with AES-256-GCM under a fresh random 96-bit nonce.
     *
     * @param plaintext the secret
     * @param aad bound, unencrypted context (the key id)
     * @return nonce and ciphertext with tag
     * @throws GeneralSecurityException on a JCA failure
     */
    Sealed seal(byte[] plaintext, byte[] aad) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
        return new Sealed(nonce, cipher.doFinal(plaintext));
    }

    /**
     * Decrypts and authenticates.
     *
     * @param sealed nonce and ciphertext with tag
     * @param aad the context given when sealing
     * @return the plaintext
     * @throws AEADBadTagException if the ciphertext, nonce or context were altered, or the key differs
     * @throws GeneralSecurityException on any other JCA failure
     */
    byte[] open(Sealed sealed, byte[] aad) throws GeneralSecurityException {
        if (sealed.nonce().length != NONCE_BYTES) {
            throw new AEADBadTagException("nonce is not 96 bits");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
        cipher.updateAAD(aad);
        return cipher.doFinal(sealed.ciphertext());
    }

    private static KeyDriverException failure(String message) {
        return new KeyDriverException(KeyDriverException.DRIVER_FAILURE, message);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * An AES-GCM result.
     *
     * @param nonce the 96-bit nonce
     * @param ciphertext ciphertext followed by the 128-bit tag
     */
    record Sealed(byte[] nonce, byte[] ciphertext) {
    }
}
