package org.stellaops.attestor.tlog.rekor;

import org.stellaops.attestor.api.tlog.TransparencyLog;

/** A remote log client that owns threads and connections until closed. */
interface RemoteLog extends TransparencyLog, AutoCloseable {

    /** Stops the client's threads; submissions in flight fail. */
    @Override
    void close();
}
