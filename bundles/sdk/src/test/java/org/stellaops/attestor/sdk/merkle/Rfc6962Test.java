package org.stellaops.attestor.sdk.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class Rfc6962Test {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void emptyRootIsSha256OfNothing() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(Rfc6962.emptyRoot()));
    }

    @Test
    void leafHashOfEmptyDataMatchesTheReferenceVector() {
        assertEquals("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                hex(Rfc6962.leafHash(new byte[0])));
    }

    @Test
    void leafHashPrefixesAZeroByte() {
        assertEquals("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56",
                hex(Rfc6962.leafHash("L123456".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void nodeHashPrefixesAOneByte() {
        assertEquals("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb",
                hex(Rfc6962.nodeHash("N123".getBytes(StandardCharsets.US_ASCII),
                        "N456".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void emptyRootReturnsAFreshCopyEachTime() {
        byte[] first = Rfc6962.emptyRoot();
        first[0] = 0;
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(Rfc6962.emptyRoot()));
    }
}
