package org.stellaops.attestor.auth.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The issuers currently trusted: the development issuer (when enabled) and every configured issuer. Configured
 * issuers come and go at run time; a lookup sees a consistent list.
 */
final class IssuerDirectory {

    private static final System.Logger LOG = System.getLogger(IssuerDirectory.class.getName());

    private final TrustedIssuer devIssuer;
    private final CopyOnWriteArrayList<IssuerSource> configured = new CopyOnWriteArrayList<>();

    /**
     * @param devIssuer the development issuer, or null when it is disabled
     */
    IssuerDirectory(TrustedIssuer devIssuer) {
        this.devIssuer = devIssuer;
    }

    void add(IssuerSource source) {
        String name = source.issuer().issuer();
        if (find(name) != null) {
            LOG.log(Level.WARNING, "issuer " + name + " is configured more than once; the first configuration wins");
        }
        configured.add(source);
    }

    void remove(IssuerSource source) {
        configured.remove(source);
    }

    /**
     * @param iss a token's {@code iss}
     * @return the trusted issuer of that exact name, or null
     */
    TrustedIssuer find(String iss) {
        if (devIssuer != null && devIssuer.issuer().equals(iss)) {
            return devIssuer;
        }
        for (IssuerSource source : configured) {
            if (source.issuer().issuer().equals(iss)) {
                return source.issuer();
            }
        }
        return null;
    }
}
