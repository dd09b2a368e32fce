package org.stellaops.attestor.auth;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What one HTTP request presents to prove who sends it.
 *
 * @param method the HTTP method (DPoP {@code htm})
 * @param uri the request URI without query and fragment, as the client addressed it: scheme, host, port, path
 *            (DPoP {@code htu})
 * @param authorization the {@code Authorization} header, or null
 * @param dpop every {@code DPoP} header (a valid request has at most one)
 * @param clientCertificates the TLS client certificate chain, leaf first; empty when the connection carried none
 * @param remoteAddress the peer address, for audit and rate limits
 */
public record Credentials(String method, URI uri, String authorization, List<String> dpop,
        List<X509Certificate> clientCertificates, String remoteAddress) {

    /** Freezes the lists. */
    public Credentials {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        dpop = List.copyOf(dpop);
        clientCertificates = List.copyOf(clientCertificates);
    }
}
