package org.stellaops.attestor.sdk.internal;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle provider instance of the sdk. It is passed to {@code getInstance(alg, provider)} calls and
 * never registered globally, so the sdk does not change the JCA configuration of the process that embeds it.
 */
public final class Bc {

    /** Shared provider; provider objects are thread-safe for service lookups. */
    public static final Provider PROVIDER = new BouncyCastleProvider();

    private Bc() {
    }

    /**
     * Tells whether a key object already belongs to BouncyCastle, so it needs no conversion before use with it.
     *
     * @param key any key object
     * @return true for BouncyCastle key classes
     */
    public static boolean owns(Object key) {
        return key.getClass().getName().startsWith("org.bouncycastle.");
    }
}
