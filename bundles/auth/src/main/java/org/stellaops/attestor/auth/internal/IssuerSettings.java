package org.stellaops.attestor.auth.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.jose.JwsAlgorithm;

/** Checks an issuer configuration and builds the issuer from it. */
final class IssuerSettings {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    private IssuerSettings() {
    }

    /**
     * @param c the configuration
     * @param now the current time, for the first read of a JWKS file
     * @return the issuer; a file's keys are read now, an endpoint's on first use
     * @throws IllegalArgumentException with the reason when the configuration is invalid
     */
    static TrustedIssuer build(IssuerConfig c, Instant now) {
        String issuer = required(c.issuer(), "issuer");
        String audience = required(c.audience(), "audience");
        boolean hasUri = !blank(c.jwksUri());
        boolean hasFile = !blank(c.jwksFile());
        if (hasUri == hasFile) {
            throw new IllegalArgumentException("issuer " + issuer + ": set exactly one of jwksUri and jwksFile");
        }
        if (c.clockSkewSeconds() < 0 || c.clockSkewSeconds() > 600) {
            throw new IllegalArgumentException("issuer " + issuer + ": clockSkewSeconds must be 0..600");
        }
        Duration cacheFor = Duration.ofSeconds(Math.max(30, c.jwksCacheSeconds()));
        CachedJwks keys;
        if (hasUri) {
            URI uri = jwksUri(issuer, c.jwksUri().strip());
            SSLContext tls = blank(c.jwksCaFile()) ? null : PemCertificates.trusting(Path.of(c.jwksCaFile().strip()));
            keys = new CachedJwks(issuer, JwksFetchers.http(uri, tls), cacheFor);
        } else {
            Path file = Path.of(c.jwksFile().strip());
            keys = new CachedJwks(issuer, JwksFetchers.file(file), cacheFor);
            try {
                keys.load(now);
            } catch (IOException | AttestorException e) {
                throw new IllegalArgumentException("issuer " + issuer + ": cannot read JWKS file " + file + ": "
                        + e.getMessage(), e);
            }
        }
        return new TrustedIssuer(issuer, audience, algorithms(issuer, c.algorithms()), required(c.tenantClaim(),
                "tenantClaim"), required(c.scopeClaim(), "scopeClaim"), Duration.ofSeconds(c.clockSkewSeconds()),
                c.requireDpop(), keys);
    }

    /**
     * @param issuer for messages
     * @param names algorithm names
     * @return the algorithms
     * @throws IllegalArgumentException for an empty list or a name that is not an allowed algorithm
     */
    static Set<JwsAlgorithm> algorithms(String issuer, String[] names) {
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException(issuer + ": the algorithm list is empty");
        }
        Set<JwsAlgorithm> algs = EnumSet.noneOf(JwsAlgorithm.class);
        for (String name : names) {
            try {
                algs.add(JwsAlgorithm.parse(name.strip()));
            } catch (AttestorException e) {
                throw new IllegalArgumentException(issuer + ": algorithm " + name + " is not allowed", e);
            }
        }
        return algs;
    }

    /** HTTPS, or plain HTTP to a loopback address (a JWKS server on the same host). */
    static URI jwksUri(String issuer, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("issuer " + issuer + ": jwksUri is not a URI", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme) && loopback(uri.getHost()))) {
            throw new IllegalArgumentException("issuer " + issuer + ": jwksUri must be https (http only to a "
                    + "loopback address)");
        }
        return uri;
    }

    static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return "localhost".equals(h) || "[::1]".equals(h) || "::1".equals(h) || LOOPBACK_V4.matcher(h).matches();
    }

    private static String required(String value, String name) {
        if (blank(value)) {
            throw new IllegalArgumentException("the issuer configuration needs " + name);
        }
        return value.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
