package org.stellaops.attestor.sdk.dsse;

import java.nio.charset.StandardCharsets;

/**
 * DSSE v1 pre-authentication encoding: {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths as ASCII
 * decimal byte counts. Signatures cover these bytes, never the payload alone.
 */
public final class Pae {

    private Pae() {
    }

    /**
     * Encodes payload type and payload.
     *
     * @param payloadType the payload type (UTF-8 encoded)
     * @param payload the payload bytes
     * @return the PAE bytes
     */
    public static byte[] encode(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] header = ("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] middle = (" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + type.length + middle.length + payload.length];
        int o = 0;
        System.arraycopy(header, 0, out, o, header.length);
        o += header.length;
        System.arraycopy(type, 0, out, o, type.length);
        o += type.length;
        System.arraycopy(middle, 0, out, o, middle.length);
        o += middle.length;
        System.arraycopy(payload, 0, out, o, payload.length);
        return out;
    }
}
