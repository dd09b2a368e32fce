package org.stellaops.attestor.tlog.embedded.witness;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.witness.Cosigner;

/**
 * One configured witness: its cosigning key and the URL of its C2SP tlog-witness {@code add-checkpoint} endpoint.
 *
 * @param cosigner the witness's name and Ed25519 key; only cosignatures by it are kept
 * @param addCheckpoint the full URL to POST to (the witness's submission prefix + {@code /add-checkpoint})
 */
public record WitnessEndpoint(Cosigner cosigner, URI addCheckpoint) {

    /**
     * @param cosigner not null
     * @param addCheckpoint an absolute http or https URL
     */
    public WitnessEndpoint {
        Objects.requireNonNull(cosigner, "cosigner");
        Objects.requireNonNull(addCheckpoint, "addCheckpoint");
        String scheme = addCheckpoint.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || addCheckpoint.getHost() == null) {
            throw new IllegalArgumentException("witness URL must be an absolute http(s) URL: " + addCheckpoint);
        }
    }

    /**
     * Parses one configuration line {@code <vkey> <add-checkpoint URL>}.
     *
     * @param line the line
     * @return the endpoint
     * @throws IllegalArgumentException if the line does not have exactly these two parts, the key is not a
     *         cosignature verifier key or the URL is not an absolute http(s) URL (a misconfigured witness must stop
     *         the component from starting rather than be silently skipped)
     */
    public static WitnessEndpoint parse(String line) {
        String[] parts = line == null ? new String[0] : line.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a witness is configured as '<vkey> <add-checkpoint URL>', got: '" + line + "'");
        }
        Cosigner cosigner;
        try {
            cosigner = Cosigner.parseVkey(parts[0]);
        } catch (AttestorException e) {
            throw new IllegalArgumentException("invalid witness key '" + parts[0] + "' (" + e.code() + "): " + e.getMessage(), e);
        }
        try {
            return new WitnessEndpoint(cosigner, new URI(parts[1]));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid witness URL '" + parts[1] + "': " + e.getMessage(), e);
        }
    }

    /** @return the witness's verifier key text, its identity in logs, status and state files */
    public String vkey() {
        return cosigner.vkey();
    }

    /** @return the witness's key name */
    public String name() {
        return cosigner.name();
    }
}
