package org.stellaops.attestor.bench;

/** The requests of a load phase. Called concurrently by every client. */
@FunctionalInterface
interface Workload {

    /**
     * Gives the request with a sequence number.
     *
     * @param sequence 0, 1, 2 … across all clients, each number given out once
     * @return the request, or null when the workload has nothing left to send
     */
    Call next(long sequence);
}
