package org.stellaops.attestor.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.sdk.json.Jcs;

/**
 * The hash chain of the audit trail, the same for every store. The hash of an event is the lowercase hex SHA-256
 * of the RFC 8785 (JCS) form of the JSON object
 * {@code {"seq":n,"previousHash":…,"time":"<ISO-8601 instant>","actor":…,"action":…,"target":…,"outcome":…,
 * "remoteAddress":…,"detail":…}}, so anyone holding an export of the trail can check it without our code.
 */
public final class AuditChain {

    /** The previous hash of the first event: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /**
     * @param seq the event's position
     * @param previousHash the previous event's hash, or {@link #GENESIS}
     * @param event the event
     * @return lowercase hex SHA-256 of the event's canonical form
     */
    public static String hash(long seq, String previousHash, AuditEvent event) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("seq", seq);
        node.put("previousHash", previousHash);
        node.put("time", event.time().toString());
        node.put("actor", event.actor());
        node.put("action", event.action());
        node.put("target", event.target());
        node.put("outcome", event.outcome());
        node.put("remoteAddress", event.remoteAddress());
        node.put("detail", event.detail());
        if (!event.tenant().isEmpty()) {
            // Only tenant events carry the member, so operator events hash as every event did before tenants
            // existed and chains written then keep verifying.
            node.put("tenant", event.tenant());
        }
        return HexFormat.of().formatHex(sha256().digest(Jcs.canonicalize(node)));
    }

    /**
     * Links a new event to the chain.
     *
     * @param head the current last event, or null if the trail is empty
     * @param event the new event
     * @return the new event with its place in the chain
     */
    public static ChainedAuditEvent link(ChainedAuditEvent head, AuditEvent event) {
        long seq = head == null ? 1 : head.seq() + 1;
        String previous = head == null ? GENESIS : head.hash();
        return new ChainedAuditEvent(seq, previous, hash(seq, previous, event), event);
    }

    /**
     * Checks one link: that {@code event} directly follows {@code previous} and that its hash is right.
     *
     * @param previous the event before, or null if {@code event} should be the first
     * @param event the event to check
     * @return why the link is broken, or empty if it holds
     */
    public static Optional<String> check(ChainedAuditEvent previous, ChainedAuditEvent event) {
        long expectedSeq = previous == null ? 1 : previous.seq() + 1;
        if (event.seq() != expectedSeq) {
            return Optional.of("expected event " + expectedSeq + " but found event " + event.seq());
        }
        String expectedPrevious = previous == null ? GENESIS : previous.hash();
        if (!expectedPrevious.equals(event.previousHash())) {
            return Optional.of("event " + event.seq() + " does not point at the hash of the event before it");
        }
        if (!hash(event.seq(), event.previousHash(), event.event()).equals(event.hash())) {
            return Optional.of("event " + event.seq() + " does not match its hash (it was altered)");
        }
        return Optional.empty();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
