package org.stellaops.attestor.sdk.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.AttestorException;

class DevIssuerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Jwk KEY = Jwk.parse(JoseTestKeys.RFC7515_A3_JWK).withKid("dev");
    private static final String JKT = Jwk.ofPublic(JoseTestKeys.ED25519.getPublic()).thumbprint();

    @TempDir
    Path data;

    private static String mint(String tenant, List<String> scopes, Duration ttl, String jkt) {
        return DevIssuer.mintToken(KEY, "alice", tenant, scopes, ttl, DevIssuer.DEFAULT_AUDIENCE, NOW, jkt);
    }

    private static String code(Runnable r) {
        return assertThrows(AttestorException.class, r::run).code();
    }

    @Test
    void createsAnEs256KeyNamedByItsThumbprint() {
        Jwk key = DevIssuer.createKeyIfAbsent(data);
        assertTrue(key.hasPrivate());
        assertEquals(key.thumbprint(), key.kid());
        assertEquals("ES256", key.alg());
        assertTrue(JwsAlgorithm.ES256.fits(key.publicKey()));
        assertTrue(Files.isRegularFile(data.resolve(DevIssuer.KEY_FILE)));
    }

    @Test
    void returnsTheExistingKeyOnLaterCalls() {
        Jwk first = DevIssuer.createKeyIfAbsent(data);
        assertEquals(first, DevIssuer.createKeyIfAbsent(data));
        assertEquals(first, DevIssuer.readKey(data));
    }

    @Test
    void keepsTheKeyFileReadableByItsOwnerOnly() throws Exception {
        Assumptions.assumeTrue(data.getFileSystem().supportedFileAttributeViews().contains("posix"));
        DevIssuer.createKeyIfAbsent(data);
        Path file = data.resolve(DevIssuer.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void concurrentCallersAllEndWithTheSameKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Jwk>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return DevIssuer.createKeyIfAbsent(data);
            }));
        }
        start.countDown();
        Set<String> thumbprints = new java.util.HashSet<>();
        for (Future<Jwk> f : results) {
            thumbprints.add(f.get(30, TimeUnit.SECONDS).thumbprint());
        }
        pool.shutdown();
        assertEquals(1, thumbprints.size());
        try (var files = Files.list(data.resolve("auth"))) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void neverReplacesAKeyFileThatAppearedMeanwhile() throws Exception {
        Path dir = SecretFiles.privateDirectory(data.resolve("auth"));
        Path target = dir.resolve("dev-issuer.jwk");
        Files.writeString(target, "first");
        Path tmp = SecretFiles.privateTempFile(dir, "second".getBytes(StandardCharsets.UTF_8));
        assertThrows(FileAlreadyExistsException.class, () -> SecretFiles.publishWithoutReplacing(tmp, target));
        assertEquals("first", Files.readString(target));
    }

    @Test
    void explainsWhatToDoWhenTheKeyIsMissing() {
        AttestorException e = assertThrows(AttestorException.class, () -> DevIssuer.readKey(data));
        assertEquals(JoseCodes.DEV_ISSUER_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("devIssuer.enabled"), e.getMessage());
    }

    @Test
    void refusesAMalformedKeyFile() throws Exception {
        Files.createDirectories(data.resolve("auth"));
        Files.writeString(data.resolve(DevIssuer.KEY_FILE), "{\"kty\":\"EC\"}");
        assertEquals(JoseCodes.DEV_ISSUER_UNAVAILABLE, code(() -> DevIssuer.readKey(data)));
    }

    @Test
    void refusesAKeyFileWithoutThePrivateKey() throws Exception {
        Files.createDirectories(data.resolve("auth"));
        Files.writeString(data.resolve(DevIssuer.KEY_FILE), KEY.toPublicJson().toString());
        assertEquals(JoseCodes.DEV_ISSUER_UNAVAILABLE, code(() -> DevIssuer.readKey(data)));
    }

    @Test
    void mintsAnAccessTokenWithTheDocumentedHeaderAndClaims() {
        String token = mint("acme", List.of("attestor.write", "attestor.read", "attestor.write"), Duration.ofMinutes(5),
                null);
        Jws jws = Jws.parse(token, 16384);
        assertEquals("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"dev\"}", jws.header().toString());
        assertTrue(jws.verify(KEY.publicKey()));
        JsonNode c = jws.payloadJson(16384);
        assertEquals(DevIssuer.ISSUER, c.get("iss").textValue());
        assertEquals("alice", c.get("sub").textValue());
        assertEquals(DevIssuer.DEFAULT_AUDIENCE, c.get("aud").textValue());
        assertEquals(NOW.getEpochSecond(), c.get("iat").longValue());
        assertEquals(NOW.getEpochSecond(), c.get("nbf").longValue());
        assertEquals(NOW.getEpochSecond() + 300, c.get("exp").longValue());
        assertEquals("attestor.write attestor.read", c.get("scope").textValue());
        assertEquals("acme", c.get("tenant").textValue());
        assertEquals(22, c.get("jti").textValue().length());
        assertTrue(c.get("cnf") == null);
    }

    @Test
    void bindsTheTokenToADpopKeyWhenAsked() {
        JsonNode c = Jws.parse(mint("acme", List.of(), Duration.ofMinutes(1), JKT), 16384).payloadJson(16384);
        assertEquals(JKT, c.get("cnf").get("jkt").textValue());
    }

    @Test
    void givesEveryTokenItsOwnId() {
        JsonNode a = Jws.parse(mint("t", List.of(), Duration.ofMinutes(1), null), 16384).payloadJson(16384);
        JsonNode b = Jws.parse(mint("t", List.of(), Duration.ofMinutes(1), null), 16384).payloadJson(16384);
        assertNotEquals(a.get("jti"), b.get("jti"));
    }

    @Test
    void refusesLifetimesOutsideZeroToOneHour() {
        assertEquals(JoseCodes.INVALID_REQUEST, code(() -> mint("t", List.of(), Duration.ZERO, null)));
        assertEquals(JoseCodes.INVALID_REQUEST, code(() -> mint("t", List.of(), Duration.ofSeconds(-5), null)));
        assertEquals(JoseCodes.INVALID_REQUEST, code(() -> mint("t", List.of(), Duration.ofMinutes(61), null)));
        mint("t", List.of(), DevIssuer.MAX_TTL, null);
    }

    @Test
    void refusesAnEmptyTenant() {
        assertEquals(JoseCodes.INVALID_REQUEST, code(() -> mint("", List.of(), Duration.ofMinutes(1), null)));
        assertEquals(JoseCodes.INVALID_REQUEST, code(() -> mint(null, List.of(), Duration.ofMinutes(1), null)));
    }

    @Test
    void refusesScopesThatWouldSplitOrBreakTheClaim() {
        assertEquals(JoseCodes.INVALID_REQUEST,
                code(() -> mint("t", List.of("attestor.read attestor.admin"), Duration.ofMinutes(1), null)));
        assertEquals(JoseCodes.INVALID_REQUEST, code(() -> mint("t", List.of(""), Duration.ofMinutes(1), null)));
    }

    @Test
    void refusesAMalformedDpopThumbprint() {
        assertEquals(JoseCodes.INVALID_REQUEST, code(() -> mint("t", List.of(), Duration.ofMinutes(1), "abc")));
    }

    @Test
    void refusesToMintWithAPublicKey() {
        assertEquals(JoseCodes.DEV_ISSUER_UNAVAILABLE, code(() -> DevIssuer.mintToken(KEY.toPublic(), "a", "t",
                List.of(), Duration.ofMinutes(1), "aud", NOW, null)));
    }
}
