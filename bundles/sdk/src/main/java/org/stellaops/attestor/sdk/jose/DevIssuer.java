package org.stellaops.attestor.sdk.jose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.internal.Bc;
import org.stellaops.attestor.sdk.internal.JsonOut;

/**
 * The built-in development token issuer of the embedded deployment: an ES256 key in the data directory
 * ({@value #KEY_FILE}) that the server trusts for issuer {@value #ISSUER} while {@code devIssuer.enabled} is true,
 * and that {@code stella auth token} uses to mint short-lived access tokens for local use. Production turns it off.
 */
public final class DevIssuer {

    /** The {@code iss} of every development token. */
    public static final String ISSUER = "stellaops-attestor-dev";
    /** The audience the server expects by default. */
    public static final String DEFAULT_AUDIENCE = "stellaops-attestor";
    /** Where the key lives, relative to the data directory. */
    public static final String KEY_FILE = "auth/dev-issuer.jwk";
    /** The longest lifetime of a development token. */
    public static final Duration MAX_TTL = Duration.ofHours(1);
    /** Every scope the Attestor API knows, in the order the docs list them (the auth bundle's {@code Scope}). */
    public static final List<String> ATTESTOR_SCOPES = List.of("attestor.write", "attestor.verify", "attestor.read",
            "attestor.admin");

    private static final int MAX_KEY_FILE_BYTES = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Serialises key creation inside one process; the no-replace link serialises processes. */
    private static final Object CREATE_LOCK = new Object();

    private DevIssuer() {
    }

    /**
     * Reads the development issuer key.
     *
     * @param dataDir the data directory ({@code attestor.data.dir})
     * @return the private JWK
     * @throws AttestorException {@code auth.dev_issuer_unavailable} when the file is missing, unreadable, malformed
     *         or holds no private P-256 key
     */
    public static Jwk readKey(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_KEY_FILE_BYTES) {
                throw unavailable("the development issuer key " + file + " is too large to be a JWK", null);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw unavailable("no readable development issuer key at " + file + ": start the server once with the "
                    + "development issuer enabled (devIssuer.enabled=true, the embedded default) so it creates one, "
                    + "or point the data directory option at that server's data directory", e);
        }
        Jwk key;
        try {
            key = Jwk.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (AttestorException e) {
            throw unavailable("the development issuer key " + file + " is not a valid JWK: " + e.getMessage(), e);
        }
        if (!key.hasPrivate() || !JwsAlgorithm.ES256.fits(key.publicKey())) {
            throw unavailable("the development issuer key " + file + " is not a private P-256 JWK", null);
        }
        return key;
    }

    /**
     * Returns the development issuer key, creating it first when there is none: a new EC P-256 key with kid = its
     * thumbprint and alg ES256, written atomically as a private JWK (file 0600 in a 0700 directory on POSIX file
     * systems). Concurrent callers, in one process or several, all end with the same key.
     *
     * @param dataDir the data directory
     * @return the private JWK
     * @throws AttestorException {@code auth.dev_issuer_unavailable} when the key can be neither read nor created
     */
    public static Jwk createKeyIfAbsent(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        synchronized (CREATE_LOCK) {
            if (Files.exists(file)) {
                return readKey(dataDir);
            }
            try {
                Path dir = SecretFiles.privateDirectory(file.getParent());
                Path tmp = SecretFiles.privateTempFile(dir, newKeyJson());
                try {
                    SecretFiles.publishWithoutReplacing(tmp, file);
                } catch (FileAlreadyExistsException raced) {
                    // Another process created the key first: theirs wins, ours is discarded below.
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw unavailable("cannot create the development issuer key " + file + ": " + e.getMessage(), e);
            }
            return readKey(dataDir);
        }
    }

    private static byte[] newKeyJson() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC", Bc.PROVIDER);
            gen.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            Jwk key = Jwk.ofKeyPair(gen.generateKeyPair());
            return JsonOut.write(key.withKid(key.thumbprint()).withAlg(JwsAlgorithm.ES256.name()).toPrivateJson());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle cannot generate P-256 keys", e);
        }
    }

    /**
     * Mints a development access token (RFC 9068 shape).
     *
     * @param key the private development issuer key
     * @param subject the {@code sub} (and {@code client_id})
     * @param tenant the {@code tenant} claim
     * @param scopes the granted scopes, joined with spaces into {@code scope} (duplicates dropped, order kept)
     * @param ttl the lifetime: more than zero and at most {@link #MAX_TTL}
     * @param audience the {@code aud}
     * @param now the issue time ({@code iat} and {@code nbf})
     * @param cnfJkt the RFC 7638 thumbprint of a DPoP key to bind the token to ({@code cnf.jkt}), or null
     * @return the compact JWS with header {@code {"alg":"ES256","typ":"at+jwt","kid":…}}
     * @throws AttestorException {@code auth.invalid_request} for an out-of-range lifetime, an empty subject, tenant
     *         or audience, a malformed scope or thumbprint; {@code auth.dev_issuer_unavailable} for a key that cannot
     *         sign ES256
     */
    public static String mintToken(Jwk key, String subject, String tenant, Collection<String> scopes, Duration ttl,
            String audience, Instant now, String cnfJkt) {
        TokenRequest.check(subject, tenant, scopes, ttl, audience, now, cnfJkt);
        if (!key.hasPrivate() || !JwsAlgorithm.ES256.fits(key.publicKey())) {
            throw unavailable("the development issuer key is not a private P-256 key", null);
        }
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("typ", "at+jwt");
        header.put("kid", key.kid() != null ? key.kid() : key.thumbprint());
        ObjectNode claims = TokenRequest.claims(subject, tenant, scopes, ttl, audience, now, cnfJkt, randomId());
        return Jws.sign(header, JsonOut.write(claims), key.privateKey().orElseThrow(), JwsAlgorithm.ES256);
    }

    /** @return a random 128-bit id in base64url */
    static String randomId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64Url.encode(id);
    }

    private static AttestorException unavailable(String message, Throwable cause) {
        return new AttestorException(JoseCodes.DEV_ISSUER_UNAVAILABLE, message, cause);
    }
}
