package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.sdk.testing.TestTimestampAuthority;

class CacheStampsTest {

    @Test
    void aCachedResultIsStaleOnceTheTimestampAuthoritiesChange() {
        TimestampAuthorities before = new TimestampAuthorities(List.of(
                TestTimestampAuthority.create("Acme").authority("acme")));
        TimestampAuthorities after = new TimestampAuthorities(List.of(
                TestTimestampAuthority.create("Other").authority("acme")));
        assertNotEquals(before.fingerprint(), after.fingerprint());
        AtomicReference<TimestampAuthorities> configured = new AtomicReference<>(before);
        CacheStamps stamps = new CacheStamps(null, null, null, configured::get);
        VerificationCache.Stamp stamp = stamps.stamp(1, Harness.TENANT, "sha256:" + "ab".repeat(32), null, true);
        assertTrue(stamps.current(stamp));
        configured.set(after);
        assertFalse(stamps.current(stamp));
        configured.set(TimestampAuthorities.NONE);
        assertFalse(stamps.current(stamp));
    }
}
