package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AuditorTest {

    @Test
    void successfulActionMapsToAnUppercaseVerbTopic() {
        assertEquals("org/stellaops/attestor/entry/SUBMIT", Auditor.topic("entry.submit", "success"));
    }

    @Test
    void failedActionGetsAFailedSuffix() {
        assertEquals("org/stellaops/attestor/trust/key/REVOKE_FAILED",
                Auditor.topic("trust.key.revoke", "trust.key_not_found"));
    }
}
