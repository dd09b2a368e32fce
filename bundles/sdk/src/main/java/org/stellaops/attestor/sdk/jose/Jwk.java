package org.stellaops.attestor.sdk.jose;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.internal.Hashing;
import org.stellaops.attestor.sdk.internal.KeyKind;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * One JSON Web Key (RFC 7517): EC on P-256, P-384 or P-521 (RFC 7518 §6.2), RSA (§6.3, two primes), or an Ed25519
 * octet key pair (RFC 8037), with or without its private part. Immutable and thread-safe. Members other than the
 * key itself, {@code kid} and {@code alg} are ignored on input and not written on output.
 */
public final class Jwk {

    /** Size limit of a JWK given as text. */
    static final JsonLimits LIMITS = new JsonLimits(64 * 1024, 8);

    private final KeyMaterial key;
    private final String kid;
    private final String alg;

    private Jwk(KeyMaterial key, String kid, String alg) {
        this.key = key;
        this.kid = kid;
        this.alg = alg;
    }

    /**
     * Reads a JWK object.
     *
     * @param node the parsed JSON
     * @return the key
     * @throws AttestorException {@code jose.malformed_key} when the object is not a well-formed JWK of a supported
     *         type and curve (including an EC point that is not on its curve and a private part that does not match
     *         the public key)
     */
    public static Jwk parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw JwkMembers.malformed("a JWK is a JSON object");
        }
        JwkMembers m = new JwkMembers(node);
        String kty = m.text("kty");
        String kid = m.optionalText("kid");
        String alg = m.optionalText("alg");
        KeyMaterial material;
        switch (kty) {
            case "EC":
                material = EcJwks.decode(m);
                break;
            case "RSA":
                material = RsaJwks.decode(m);
                break;
            case "OKP":
                material = OkpJwks.decode(m);
                break;
            default:
                throw JwkMembers.malformed("unsupported key type \"" + JwsAlgorithm.printable(kty) + "\"");
        }
        return new Jwk(material, kid, alg);
    }

    /**
     * Reads a JWK from JSON text (strict: duplicate members are refused).
     *
     * @param json the JSON text
     * @return the key
     * @throws AttestorException {@code jose.malformed_key} as {@link #parse(JsonNode)}, also for malformed JSON
     */
    public static Jwk parse(String json) {
        JsonNode node;
        try {
            node = StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), LIMITS);
        } catch (AttestorException e) {
            throw JwkMembers.malformed("JWK is not valid JSON: " + e.getMessage(), e);
        }
        return parse(node);
    }

    /**
     * @param key an EC (P-256/P-384/P-521), RSA or Ed25519 public key of any provider
     * @return its JWK, without kid and alg
     * @throws AttestorException {@code jose.malformed_key} for other keys
     */
    public static Jwk ofPublic(PublicKey key) {
        return new Jwk(encode(key, null), null, null);
    }

    /**
     * @param pair a key pair; the private key may be non-extractable (then it can sign, but
     *             {@link #toPrivateJson()} fails)
     * @return its JWK with the private part, without kid and alg
     * @throws AttestorException {@code jose.malformed_key} for unsupported keys or when the halves do not match
     */
    public static Jwk ofKeyPair(KeyPair pair) {
        PrivateKey priv = Objects.requireNonNull(pair.getPrivate(), "private key");
        KeyMaterial material = encode(pair.getPublic(), priv);
        if (priv.getEncoded() != null) {
            if (material.privateMembers().isEmpty()) {
                throw JwkMembers.malformed("the private key is not of the public key's type");
            }
            // Round trip through the JSON members: the decoders check that the private part belongs to the key.
            parseMembers(material);
        }
        return new Jwk(material, null, null);
    }

    private static KeyMaterial encode(PublicKey key, PrivateKey priv) {
        switch (KeyKind.of(key)) {
            case EC:
                return EcJwks.encode(key, priv);
            case RSA:
                return RsaJwks.encode(key, priv);
            case ED25519:
                return OkpJwks.encode(key, priv);
            default:
                throw JwkMembers.malformed("unsupported key type " + key.getAlgorithm());
        }
    }

    private static void parseMembers(KeyMaterial material) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("kty", material.kty());
        if (material.crv() != null) {
            json.put("crv", material.crv());
        }
        material.publicMembers().forEach(json::put);
        material.privateMembers().forEach(json::put);
        parse(json);
    }

    /** @return the key id, or null */
    public String kid() {
        return kid;
    }

    /** @return the {@code alg} member, or null */
    public String alg() {
        return alg;
    }

    /** @return {@code EC}, {@code RSA} or {@code OKP} */
    public String kty() {
        return key.kty();
    }

    /** @return the curve ({@code P-256}, {@code P-384}, {@code P-521}, {@code Ed25519}), or null for RSA */
    public String crv() {
        return key.crv();
    }

    /** @return the public key (a BouncyCastle key object) */
    public PublicKey publicKey() {
        return key.publicKey();
    }

    /** @return the private key, when this JWK has one */
    public Optional<PrivateKey> privateKey() {
        return Optional.ofNullable(key.privateKey());
    }

    /** @return whether this JWK carries a private key */
    public boolean hasPrivate() {
        return key.privateKey() != null;
    }

    /**
     * @return the RFC 7638 thumbprint: base64url (no padding) SHA-256 of the required members in lexicographic
     *         order without whitespace
     */
    public String thumbprint() {
        return Base64Url.encode(Hashing.sha256(key.thumbprintInput().getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * The algorithm this key signs with by default: its {@code alg} when that is an allowed algorithm fitting the
     * key, else ES256/ES384/ES512 by curve, RS256 for RSA, EdDSA for Ed25519.
     *
     * @return the algorithm
     */
    public JwsAlgorithm defaultAlgorithm() {
        if (alg != null) {
            JwsAlgorithm named = JwsAlgorithm.parse(alg);
            if (!named.fits(key.publicKey())) {
                throw new AttestorException(JoseCodes.ALGORITHM_NOT_ALLOWED, "JWK alg " + alg + " does not fit its key");
            }
            return named;
        }
        switch (key.kty()) {
            case "RSA":
                return JwsAlgorithm.RS256;
            case "OKP":
                return JwsAlgorithm.EdDSA;
            default:
                return "P-256".equals(key.crv()) ? JwsAlgorithm.ES256
                        : "P-384".equals(key.crv()) ? JwsAlgorithm.ES384 : JwsAlgorithm.ES512;
        }
    }

    /** @return the public JWK: {@code kty}, {@code crv}, key members, then {@code kid} and {@code alg} if set */
    public ObjectNode toPublicJson() {
        return json(false);
    }

    /**
     * @return the JWK with its private members
     * @throws AttestorException {@code jose.malformed_key} when this JWK has no private part or it cannot be exported
     */
    public ObjectNode toPrivateJson() {
        if (key.privateMembers().isEmpty()) {
            throw JwkMembers.malformed(hasPrivate() ? "the private key is not extractable" : "the JWK has no private key");
        }
        return json(true);
    }

    /** @return the public key as a JWK without kid, alg or private members (what a DPoP proof header carries) */
    public ObjectNode toBarePublicJson() {
        return new Jwk(key.publicOnly(), null, null).json(false);
    }

    private ObjectNode json(boolean withPrivate) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("kty", key.kty());
        if (key.crv() != null) {
            out.put("crv", key.crv());
        }
        key.publicMembers().forEach(out::put);
        if (withPrivate) {
            key.privateMembers().forEach(out::put);
        }
        if (kid != null) {
            out.put("kid", kid);
        }
        if (alg != null) {
            out.put("alg", alg);
        }
        return out;
    }

    /**
     * @param newKid the key id, or null to drop it
     * @return a copy with that key id
     */
    public Jwk withKid(String newKid) {
        return new Jwk(key, newKid, alg);
    }

    /**
     * @param newAlg the {@code alg} member, or null to drop it
     * @return a copy with that algorithm
     */
    public Jwk withAlg(String newAlg) {
        return new Jwk(key, kid, newAlg);
    }

    /** @return a copy without the private key */
    public Jwk toPublic() {
        return new Jwk(key.publicOnly(), kid, alg);
    }

    /** Equal when the same public key, private presence, kid and alg. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Jwk)) {
            return false;
        }
        Jwk o = (Jwk) other;
        return Arrays.equals(PublicKeys.spki(publicKey()), PublicKeys.spki(o.publicKey()))
                && hasPrivate() == o.hasPrivate() && Objects.equals(kid, o.kid) && Objects.equals(alg, o.alg);
    }

    @Override
    public int hashCode() {
        return Objects.hash(thumbprint(), hasPrivate(), kid, alg);
    }

    /** Never shows key material: type, curve, kid and thumbprint only. */
    @Override
    public String toString() {
        return "Jwk[" + key.kty() + (key.crv() == null ? "" : " " + key.crv()) + ", kid=" + kid + ", thumbprint="
                + thumbprint() + (hasPrivate() ? ", private" : "") + "]";
    }

    Map<String, String> publicMembers() {
        return key.publicMembers();
    }
}
