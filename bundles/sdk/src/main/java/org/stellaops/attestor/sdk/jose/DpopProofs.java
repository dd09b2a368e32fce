package org.stellaops.attestor.sdk.jose;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.internal.Hashing;
import org.stellaops.attestor.sdk.internal.JsonOut;

/** DPoP proofs (RFC 9449 §4): creation by clients, and the shared normalisation of the target URI. */
public final class DpopProofs {

    /** The {@code typ} of every DPoP proof. */
    public static final String TYPE = "dpop+jwt";

    private DpopProofs() {
    }

    /**
     * Creates a DPoP proof.
     *
     * @param key the client's key, with its private part; the algorithm is {@link Jwk#defaultAlgorithm()}
     * @param htm the HTTP method
     * @param htu the target URI; the proof carries its {@link #htu(URI) normalised form}
     * @param accessToken the access token the request carries, bound through {@code ath}; or null
     * @param nonce the server-provided nonce, or null
     * @param iat the creation time
     * @param jti a unique id for this proof (at least 96 bits of randomness are advisable)
     * @return the compact JWS with header {@code {"typ":"dpop+jwt","alg":…,"jwk":<public JWK>}}
     * @throws AttestorException {@code jose.malformed_key} when the key has no private part,
     *         {@code jose.malformed} for a URI that is not absolute http(s)
     */
    public static String create(Jwk key, String htm, URI htu, String accessToken, String nonce, Instant iat,
            String jti) {
        Objects.requireNonNull(htm, "htm");
        Objects.requireNonNull(iat, "iat");
        if (jti == null || jti.isEmpty()) {
            throw new IllegalArgumentException("a DPoP proof needs a jti");
        }
        if (!key.hasPrivate()) {
            throw JwkMembers.malformed("a DPoP proof is signed with the private key");
        }
        JwsAlgorithm alg = key.defaultAlgorithm();
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("typ", TYPE);
        header.put("alg", alg.name());
        header.set("jwk", key.toBarePublicJson());
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("jti", jti);
        claims.put("htm", htm);
        claims.put("htu", htu(htu));
        claims.put("iat", iat.getEpochSecond());
        if (accessToken != null) {
            claims.put("ath", ath(accessToken));
        }
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        return Jws.sign(header, JsonOut.write(claims), key.privateKey().orElseThrow(), alg);
    }

    /**
     * @param accessToken an access token
     * @return the {@code ath} value: base64url SHA-256 of its ASCII text
     */
    public static String ath(String accessToken) {
        return Base64Url.encode(Hashing.sha256(accessToken.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * The normalised target URI proofs are compared by (RFC 9449 §4.3 with RFC 3986 §6.2.2 and §6.2.3): lowercase
     * scheme and host, no user info, the scheme's default port removed, dot segments resolved, percent-encodings
     * uppercased and unreserved characters decoded, an empty path as {@code /}, no query and no fragment.
     *
     * @param uri an absolute http or https URI
     * @return the normalised text
     * @throws AttestorException {@code jose.malformed} when the URI is not an absolute http(s) URI with a host
     */
    public static String htu(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getRawAuthority() == null
                || uri.getHost() == null || uri.isOpaque()) {
            throw new AttestorException(JoseCodes.MALFORMED, "a DPoP target URI is an absolute http(s) URI with a host");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || "https".equals(scheme) && port == 443 || "http".equals(scheme) && port == 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        path = removeDotSegments(normalisePercents(path));
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    private static String removeDotSegments(String path) {
        return URI.create("http://h" + (path.startsWith("/") ? path : "/" + path)).normalize().getRawPath();
    }

    private static String normalisePercents(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                int value = Integer.parseInt(path.substring(i + 1, i + 3), 16);
                char decoded = (char) value;
                if (unreserved(decoded)) {
                    out.append(decoded);
                } else {
                    out.append('%').append(path.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean unreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~';
    }
}
