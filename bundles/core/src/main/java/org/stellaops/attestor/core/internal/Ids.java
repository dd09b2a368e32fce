package org.stellaops.attestor.core.internal;

import java.util.regex.Pattern;

import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * The two ways to name a record: a log-entry uuid (64 lowercase hex digits, the RFC 6962 leaf hash) or
 * {@code sha256:<64 hex>} (the envelope digest).
 */
final class Ids {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** A parsed id. */
    sealed interface Id permits Uuid, EnvelopeDigest {
    }

    /** A log entry uuid. */
    record Uuid(String hex) implements Id {
    }

    /** An envelope digest, {@code sha256:<hex>}. */
    record EnvelopeDigest(String digest) implements Id {
    }

    private Ids() {
    }

    static Id parse(String id) {
        if (id != null) {
            String lower = id.strip().toLowerCase(java.util.Locale.ROOT);
            if (HEX64.matcher(lower).matches()) {
                return new Uuid(lower);
            }
            if (lower.startsWith("sha256:") && HEX64.matcher(lower.substring(7)).matches()) {
                return new EnvelopeDigest(lower);
            }
        }
        throw new AttestorException(ErrorCodes.BAD_ID,
                "an entry id is a 64-digit hex uuid or sha256:<64 hex digits>");
    }
}
