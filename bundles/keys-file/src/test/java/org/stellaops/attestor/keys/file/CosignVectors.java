package org.stellaops.attestor.keys.file;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Published test data for the cosign key format, copied as data (key files and their passwords), never as code.
 */
final class CosignVectors {

    /**
     * A key pair written by {@code COSIGN_PASSWORD=$(cat password) cosign generate-key-pair}, published with its
     * password and its {@code cosign.pub} in elastic/harp, samples/cosign-with-gha/README.md ("Cosign key materials
     * with GitHub Actions", the {@code harp bundle dump} output). ECDSA P-256, legacy PEM type, N = 32768.
     */
    static final String HARP_COSIGN_KEY = """
            -----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----
            eyJrZGYiOnsibmFtZSI6InNjcnlwdCIsInBhcmFtcyI6eyJOIjozMjc2OCwiciI6
            OCwicCI6MX0sInNhbHQiOiJORWY0SzZ3VWZRWW1Ya3FySXB0WStLd3VHcnBJSkZ4
            UUNJQzA3cGVndkZrPSJ9LCJjaXBoZXIiOnsibmFtZSI6Im5hY2wvc2VjcmV0Ym94
            Iiwibm9uY2UiOiJxOXlEbUNUa2t1bi9jWjV4Mzc5Vlh4WDBSTmgrc2djeSJ9LCJj
            aXBoZXJ0ZXh0IjoiN1NIWjZMbkdpS0NiUUhuWG1ZamFxV0YrUzI5NXhhc3ZWOVJ4
            dzVFNXJmM0FRa2lCZVNOSVE2RlpMSExsaDNkdGhFdi82NzJ3V2VBM3dHNHBRZEx4
            UU54aWQ4b0MzRURZNkNtM3laaDRyZGhqUUNsTlVxVmhCWTlCSUxud1JsOE5nVm9s
            a2RiazVHZVFyQUF1SG5uSks1RDQ1dUlUS0k0YWIzRzN3amF3WUx3azVjNXYydDhJ
            ajFMWjVyRlNZamNkMXBYc3Bveml0eU56RkE9PSJ9
            -----END ENCRYPTED COSIGN PRIVATE KEY-----
            """;
    /** The password of {@link #HARP_COSIGN_KEY} (the JSON dump escapes its backslash). */
    static final String HARP_PASSWORD = "7cqF]\\FP0ss9uO![olGf32L+UobBCn:BqVWRZbV6=FEhv3jt>I240Ew)SYwe`ncD";
    /** The {@code cosign.pub} published beside {@link #HARP_COSIGN_KEY}. */
    static final String HARP_COSIGN_PUB = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAESUVHp/bUkwMfoM3swWUbBgMt80o2
            x93ZquFX+D/8DBhcR+DWQSebyqsl/YEenL1GeLWmdCKSNROmvjnBV6N7uA==
            -----END PUBLIC KEY-----
            """;

    /**
     * A key written by cosign with an empty password and the newer scrypt parameters (N = 65536) under the
     * {@code ENCRYPTED SIGSTORE PRIVATE KEY} type: sigstore/sigstore-rs,
     * tests/data/keys/cosign_generated_encrypted_empty_private.key.
     */
    static final String SIGSTORE_RS_COSIGN_EMPTY_PASSWORD_KEY = """
            -----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----
            eyJrZGYiOnsibmFtZSI6InNjcnlwdCIsInBhcmFtcyI6eyJOIjo2NTUzNiwiciI6
            OCwicCI6MX0sInNhbHQiOiJFY3pJR3Z0bnpFcCsxaEpudERnbGI1UnoxN3gwQVMy
            YklvWGRNcDQrU1NJPSJ9LCJjaXBoZXIiOnsibmFtZSI6Im5hY2wvc2VjcmV0Ym94
            Iiwibm9uY2UiOiJtSVVKbG1OMzNINExvZ0dhaG5MamdmK3R4SmJwci93MCJ9LCJj
            aXBoZXJ0ZXh0IjoiM3FtS2FidXRuYm1WT1IvTkZGM2NDaUErTXp1WWQ5L0VERDVI
            MVlUSGhQVzZsSzAvdjVqdDZCQzlsME12NGV5am9qZkl0d3B6a2JJOXQrZGx5VXZ3
            VUgvMWZjbkFZT2dEdXRLQzkvSkNiOE02SVY2VHpVaDF5c0ZFWDFzeG9xb1FzeUpL
            bjM0UVlldFNlaVdDaGtmUHUyZXByQjFEV0pwekdzTGZIakxNVTkzOEdmNk1xM1A0
            N0ZSd2syZzY1cFZnSGMwVWV1L1N1OUs0Zmc9PSJ9
            -----END ENCRYPTED SIGSTORE PRIVATE KEY-----
            """;

    /**
     * An Ed25519 key in the cosign format written by sigstore-rs (password {@value #SIGSTORE_RS_PASSWORD}):
     * sigstore/sigstore-rs, tests/data/keys/ed25519_encrypted_private.key.
     */
    static final String SIGSTORE_RS_ED25519_KEY = """
            -----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----
            eyJrZGYiOnsibmFtZSI6InNjcnlwdCIsInBhcmFtcyI6eyJOIjozMjc2OCwiciI6
            OCwicCI6MX0sInNhbHQiOiJ1elF5Snc4b1FjWCt1T3RlWDljSHpVOEhycWlJVzJV
            ck9YbnpJb1ljaUtJPSJ9LCJjaXBoZXIiOnsibmFtZSI6Im5hY2wvc2VjcmV0Ym94
            Iiwibm9uY2UiOiJKeUJDMS81K2E3emtxdnE5dVpTaHIvZDRwNXVjQW1WQSJ9LCJj
            aXBoZXJ0ZXh0IjoiZC9TMndRaVJ0YjcwazFmZEd0ZzRFa0RXZ0ZJcU9NRWd3TDNI
            bUtzWjBpdDlJcTFRSVplUGJoYWRTKzJORUZzWVA4TlhVOGpoT1dtb0QreWZwbkMz
            dTBYQTRvcFBib2JwbEpleWJEUUtQdW1sa0tiRUc5MnRCa3pUMFJwNnA1dDdFeVVk
            In0=
            -----END ENCRYPTED SIGSTORE PRIVATE KEY-----
            """;
    /** The password of the sigstore-rs test keys (its signing_key tests' {@code PASSWORD}). */
    static final String SIGSTORE_RS_PASSWORD = "123";

    /**
     * The password of go-securesystemslib's own envelope vectors (secure-systems-lab/go-securesystemslib,
     * encrypted/encrypted_test.go).
     */
    static final String GO_SSL_PASSPHRASE = "supersecret";
    /** go-securesystemslib {@code TestDecrypt}: the plaintext {@code reallyimportant} under N = 32768. */
    static final String GO_SSL_DECRYPT = "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":32768,\"r\":8,\"p\":1},"
            + "\"salt\":\"N9a7x5JFGbrtB2uBR81jPwp0eiLR4A7FV3mjVAQrg1g=\"},\"cipher\":{\"name\":\"nacl/secretbox\","
            + "\"nonce\":\"2h8HxMmgRfuYdpswZBQaU3xJ1nkA/5Ik\"},"
            + "\"ciphertext\":\"SEW6sUh0jf2wfdjJGPNS9+bkk2uB+Cxamf32zR8XkQ==\"}";
    /**
     * go-securesystemslib {@code kdfVectors} (Legacy N = 2^15, Standard 2^16, OWASP 2^17): each holds the JSON
     * string {@code "cmVhbGx5aW1wb3J0YW50"} (its {@code Marshal} JSON-encodes the plaintext first).
     */
    static final String[] GO_SSL_KDF_VECTORS = {
        "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":32768,\"r\":8,\"p\":1},"
            + "\"salt\":\"WO3mVvyTwJ9vwT5/Tk5OW5WPIBUofMjcpEfrLnfY4uA=\"},\"cipher\":{\"name\":\"nacl/secretbox\","
            + "\"nonce\":\"tCy7HcTFr4uxv4Nrg/DWmncuZ148U1MX\"},"
            + "\"ciphertext\":\"08n43p5G5yviPEZpO7tPPF4aZQkWiWjkv4taFdhDBA0tamKH4nw=\"}",
        "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":65536,\"r\":8,\"p\":1},"
            + "\"salt\":\"FhzPOt9/bJG4PTq6lQ6ecG6GzaOuOy/ynG5+yRiFlNs=\"},\"cipher\":{\"name\":\"nacl/secretbox\","
            + "\"nonce\":\"aw1ng1jHaDz/tQ7V2gR9O2+IGQ8xJEuE\"},"
            + "\"ciphertext\":\"HycvuLZL4sYH0BrYTh4E/H20VtAW6u5zL5Pr+IBjYLYnCPzDkq8=\"}",
        "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":131072,\"r\":8,\"p\":1},"
            + "\"salt\":\"m38E3kouJTtiheLQN22NQ8DTito5hrjpUIskqcd375k=\"},\"cipher\":{\"name\":\"nacl/secretbox\","
            + "\"nonce\":\"Y6PM13yA+o44pE/W1ZBwczeGnTV/m9Zc\"},"
            + "\"ciphertext\":\"6H8sqj1K6B6yDjtH5AQ6lbFigg/C2yDDJc4rYJ79w9aVPImFIPI=\"}",
    };

    private CosignVectors() {
    }

    /** Wraps a JSON envelope in the PEM block cosign writes. */
    static byte[] pem(String type, String json) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(json.getBytes(StandardCharsets.UTF_8));
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Unwraps the JSON envelope of a cosign PEM file. */
    static String json(byte[] pem) {
        String[] lines = new String(pem, StandardCharsets.US_ASCII).strip().split("\n");
        StringBuilder body = new StringBuilder();
        for (int i = 1; i < lines.length - 1; i++) {
            body.append(lines[i].strip());
        }
        return new String(Base64.getDecoder().decode(body.toString()), StandardCharsets.UTF_8);
    }
}
