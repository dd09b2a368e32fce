package org.stellaops.attestor.tlog.embedded;

/**
 * Everything of an open log that recovery rebuilds: the builder and dedupe index (sequencer-owned), the
 * checkpoint history and the latest published tree (read by any thread).
 */
final class LogState {

    final TreeBuilder builder;
    final LeafIndex index;
    final CheckpointLog checkpoints;
    private volatile PublishedTree published;

    LogState(TreeBuilder builder, LeafIndex index, CheckpointLog checkpoints, PublishedTree published) {
        this.builder = builder;
        this.index = index;
        this.checkpoints = checkpoints;
        this.published = published;
    }

    PublishedTree published() {
        return published;
    }

    void publish(PublishedTree tree) {
        published = tree;
    }
}
