package org.stellaops.attestor.core.internal;

import java.util.List;

import org.stellaops.attestor.api.model.Envelope;

/**
 * Everything needed to publish one record: its envelope and what to log for each covered signature.
 *
 * @param tenant the record's tenant
 * @param envelopeDigest {@code sha256:<hex>}
 * @param envelope the parsed envelope (logs of kind Rekor v1 {@code intoto} log it whole)
 * @param entries the planned entries, one per covered signature
 */
record PublishJob(String tenant, String envelopeDigest, Envelope envelope, List<PlannedEntry> entries) {

    /** @return the hex part of the envelope digest */
    String digestHex() {
        return envelopeDigest.substring(envelopeDigest.indexOf(':') + 1);
    }
}
