package org.stellaops.attestor.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.crypto.PublicKeys;

/** The unmeasured steps before a load phase: health check, trust-root registration, pre-signing. */
final class AttestorSetup {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ServerAccess server;

    /** @param server the loopback server, its client and the token every request carries */
    AttestorSetup(ServerAccess server) {
        this.server = server;
    }

    /**
     * Asks {@code GET /health}.
     *
     * @throws IOException if the server is not reachable or not UP
     * @throws InterruptedException if interrupted
     */
    void checkHealth() throws IOException, InterruptedException {
        HttpRequest request = server.request("/health", TIMEOUT).GET().build();
        HttpResponse<String> response = server.client().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /health answered " + response.statusCode() + ": " + response.body());
        }
    }

    /**
     * Registers a public key as a trust root with {@code POST /api/v1/trust/keys}.
     *
     * @param name the key's name on the server
     * @param pair the key pair whose public key is registered
     * @return the key id the server gave
     * @throws IOException if the server refuses the key or is unreachable
     * @throws InterruptedException if interrupted
     */
    String registerKey(String name, KeyPair pair) throws IOException, InterruptedException {
        ObjectNode body = MAPPER.createObjectNode()
                .put("name", name)
                .put("publicKeyPem", PublicKeys.toPem(pair.getPublic()));
        HttpRequest request = server.request("/api/v1/trust/keys", TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response = server.client().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IOException("POST /api/v1/trust/keys answered " + response.statusCode() + ": "
                    + response.body());
        }
        String keyId = MAPPER.readTree(response.body()).path("keyId").asText();
        if (!keyId.equals(PublicKeys.keyId(pair.getPublic()))) {
            throw new IOException("the server gave key id " + keyId + " for a key whose SPKI digest is "
                    + PublicKeys.keyId(pair.getPublic()));
        }
        return keyId;
    }

    /**
     * Signs {@code count} distinct SLSA v1 provenance envelopes (unique subjects) with the key, on all cores.
     *
     * @param statements the statement factory of this run
     * @param from the first sequence number
     * @param count how many envelopes
     * @param signer the signing key (P-256)
     * @return the envelope JSON documents, in sequence order
     */
    static List<byte[]> presign(ProvenanceStatements statements, long from, int count, KeyPair signer) {
        KeyAlgorithm alg = KeyAlgorithm.ECDSA_P256_SHA256;
        return IntStream.range(0, count).parallel()
                .mapToObj(i -> SignedEnvelopes.sign(statements.statement(from + i), signer, alg, true))
                .toList();
    }

    /** @return a short random run id that keeps this run's subjects apart from every other run's */
    static String runId() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
