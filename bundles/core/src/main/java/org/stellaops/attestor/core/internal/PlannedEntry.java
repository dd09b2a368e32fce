package org.stellaops.attestor.core.internal;

import org.stellaops.attestor.api.tlog.HashedRekordRequest;

/**
 * What gets logged for one verified signature, in every log.
 *
 * @param signatureIndex the covered signature
 * @param via {@code signature} or {@code receipt}
 * @param request the hashedrekord to submit
 * @param body its canonical hashedrekord v0.0.2 body
 * @param uuid the hex leaf hash of {@code body}
 */
record PlannedEntry(int signatureIndex, String via, HashedRekordRequest request, byte[] body, String uuid) {
}
