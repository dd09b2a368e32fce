package org.stellaops.attestor.sdk.internal;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;

import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.crypto.PublicKeys;

/** Conversions between Ed25519 public key objects and the raw 32-byte form that signed-note keys carry. */
public final class Ed25519Keys {

    /** Bytes of a raw Ed25519 public key. */
    public static final int RAW_LENGTH = 32;

    /** The fixed DER SubjectPublicKeyInfo prefix of every Ed25519 key (RFC 8410). */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519Keys() {
    }

    /**
     * The raw key of an Ed25519 public key.
     *
     * @param key an Ed25519 public key of any provider
     * @return the 32 key bytes
     * @throws org.stellaops.attestor.sdk.AttestorException {@code key.unsupported_algorithm} if it is not Ed25519
     */
    public static byte[] raw(PublicKey key) {
        PublicKeys.checkCompatible(key, KeyAlgorithm.ED25519);
        byte[] spki = PublicKeys.spki(key);
        return Arrays.copyOfRange(spki, spki.length - RAW_LENGTH, spki.length);
    }

    /**
     * An Ed25519 public key from its raw bytes.
     *
     * @param raw 32 bytes
     * @return a BouncyCastle public key
     * @throws org.stellaops.attestor.sdk.AttestorException {@code key.malformed} if the bytes are not a key
     */
    public static PublicKey fromRaw(byte[] raw) {
        if (raw.length != RAW_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 key has 32 bytes");
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + RAW_LENGTH);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, RAW_LENGTH);
        return PublicKeys.parseSpki(spki);
    }
}
