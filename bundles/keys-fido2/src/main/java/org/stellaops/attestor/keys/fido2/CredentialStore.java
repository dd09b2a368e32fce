package org.stellaops.attestor.keys.fido2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.Bytes;

/**
 * The registered credentials of one directory, one file each ({@code <directory>/credentials/<keyId>.json}, 0600,
 * directory 0700), all held in memory and written through on every change. Also keeps the secret user handles are
 * derived from ({@code <directory>/user-handle.key}). Thread-safe: reads are lock-free, writes are serialized.
 */
final class CredentialStore {

    /** The sub-directory of the credential files. */
    static final String CREDENTIALS = "credentials";
    /** The file holding the user-handle secret. */
    static final String USER_HANDLE_KEY = "user-handle.key";

    private static final String USER_HANDLE_DOMAIN = "stellaops-attestor-fido2-user-handle-v1:";
    private static final int SECRET_LENGTH = 32;

    private final Path credentialsDir;
    private final byte[] userHandleSecret;
    private final Map<String, StoredCredential> byKeyId = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    /**
     * Opens (creating if needed) a state directory and loads every credential.
     *
     * @param directory the state directory
     * @param random the source of a new user-handle secret
     * @throws KeyDriverException {@code key.driver_failure} on I/O failure or a damaged credential file
     */
    CredentialStore(Path directory, SecureRandom random) {
        this.credentialsDir = directory.resolve(CREDENTIALS);
        try {
            SecureFiles.ensureOwnerOnlyDirectory(directory);
            SecureFiles.ensureOwnerOnlyDirectory(credentialsDir);
            this.userHandleSecret = loadOrCreateSecret(directory.resolve(USER_HANDLE_KEY), random);
            for (Path file : credentialFiles(credentialsDir)) {
                StoredCredential credential = CredentialFileCodec.decode(file.getFileName().toString(),
                        Files.readAllBytes(file));
                byKeyId.put(credential.keyId(), credential);
            }
        } catch (IOException e) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                    "cannot open the FIDO2 state directory " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads one credential file without opening a store: what a verifier needs to check a credential id binding.
     *
     * @param directory the state directory
     * @param keyId a key id
     * @return the credential, or empty if the directory holds none for that key id
     * @throws IOException if the file exists but cannot be read or is damaged
     */
    static Optional<StoredCredential> read(Path directory, String keyId) throws IOException {
        if (!P256Keys.isKeyId(keyId)) {
            return Optional.empty();
        }
        Path file = directory.resolve(CREDENTIALS).resolve(keyId + CredentialFileCodec.SUFFIX);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(CredentialFileCodec.decode(file.getFileName().toString(), Files.readAllBytes(file)));
    }

    /** @return every credential, oldest first */
    List<StoredCredential> all() {
        List<StoredCredential> list = new ArrayList<>(byKeyId.values());
        list.sort(Comparator.comparing(StoredCredential::createdAt).thenComparing(StoredCredential::keyId));
        return list;
    }

    /**
     * @param keyId a key id
     * @return the credential
     */
    Optional<StoredCredential> byKeyId(String keyId) {
        return keyId == null ? Optional.empty() : Optional.ofNullable(byKeyId.get(keyId));
    }

    /**
     * @param credentialId a WebAuthn credential id
     * @return the credential
     */
    Optional<StoredCredential> byCredentialId(Bytes credentialId) {
        return byKeyId.values().stream().filter(c -> c.credentialId().equals(credentialId)).findFirst();
    }

    /**
     * @param principal a principal
     * @return the principal's credentials, oldest first
     */
    List<StoredCredential> ofPrincipal(String principal) {
        return all().stream().filter(c -> c.principal().equals(principal)).toList();
    }

    /**
     * @param name a key name
     * @return whether a credential has it
     */
    boolean nameTaken(String name) {
        return byKeyId.values().stream().anyMatch(c -> c.name().equals(name));
    }

    /**
     * The principal's WebAuthn user handle: HMAC-SHA-256 of the principal under the directory's secret. It is stable
     * (every key of a principal shares it, so a browser can exclude authenticators already registered) and reveals
     * nothing about the principal to the authenticator, as WebAuthn asks.
     *
     * @param principal a principal
     * @return 32 bytes
     */
    Bytes userHandle(String principal) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(userHandleSecret, "HmacSHA256"));
            return Bytes.of(mac.doFinal((USER_HANDLE_DOMAIN + principal).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no HmacSHA256", e);
        }
    }

    /**
     * Adds a new credential, unless its name or credential id is taken meanwhile.
     *
     * @param credential the credential
     * @throws KeyDriverException {@code key.name_conflict}, {@code key.invalid_input} for a credential id already
     *         registered, {@code key.driver_failure} on I/O failure
     */
    void add(StoredCredential credential) {
        synchronized (writeLock) {
            if (nameTaken(credential.name())) {
                throw new KeyDriverException(KeyDriverException.NAME_CONFLICT,
                        "a key named '" + credential.name() + "' already exists");
            }
            if (byKeyId.containsKey(credential.keyId()) || byCredentialId(credential.credentialId()).isPresent()) {
                throw new KeyDriverException(KeyDriverException.INVALID_INPUT, "the credential is already registered");
            }
            write(credential);
        }
    }

    /**
     * Records the counter of a verified assertion.
     *
     * @param keyId the key
     * @param signatureCount the new counter
     * @throws KeyDriverException {@code key.not_found} if the key is gone, {@code key.driver_failure} on I/O failure
     */
    void updateSignatureCount(String keyId, long signatureCount) {
        synchronized (writeLock) {
            StoredCredential current = byKeyId(keyId).orElseThrow(() -> new KeyDriverException(
                    KeyDriverException.NOT_FOUND, "the FIDO2 driver holds no key " + keyId));
            write(current.withSignatureCount(signatureCount));
        }
    }

    private void write(StoredCredential credential) {
        Path file = credentialsDir.resolve(credential.keyId() + CredentialFileCodec.SUFFIX);
        try {
            SecureFiles.writeOwnerOnly(file, CredentialFileCodec.encode(credential));
        } catch (IOException e) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                    "cannot store credential " + credential.keyId() + " in " + credentialsDir, e);
        }
        byKeyId.put(credential.keyId(), credential);
    }

    private static byte[] loadOrCreateSecret(Path file, SecureRandom random) throws IOException {
        if (Files.isRegularFile(file)) {
            byte[] secret = Files.readAllBytes(file);
            if (secret.length != SECRET_LENGTH) {
                throw new IOException(file + " is damaged: expected " + SECRET_LENGTH + " bytes");
            }
            return secret;
        }
        byte[] secret = new byte[SECRET_LENGTH];
        random.nextBytes(secret);
        SecureFiles.writeOwnerOnly(file, secret);
        return secret;
    }

    private static List<Path> credentialFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                if (fileName.startsWith(SecureFiles.TEMP_PREFIX)) {
                    // debris of a write interrupted by a crash: the rename never happened, the old file is intact
                    Files.delete(entry);
                } else if (fileName.endsWith(CredentialFileCodec.SUFFIX)) {
                    files.add(entry);
                }
            }
        }
        files.sort(Comparator.comparing(Path::toString));
        return files;
    }
}
