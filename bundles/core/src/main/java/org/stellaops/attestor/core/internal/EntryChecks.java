package org.stellaops.attestor.core.internal;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.core.service.VerificationReport.Check;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.NoteVerifier;
import org.stellaops.attestor.sdk.note.Notes;
import org.stellaops.attestor.sdk.note.SignedNote;
import org.stellaops.attestor.sdk.witness.Cosignatures;
import org.stellaops.attestor.sdk.witness.Cosigner;

/**
 * The checks of one log entry, shared by the publisher (which accepts a log's answer only if they pass) and the
 * verifier: the body logs the expected hashedrekord, the uuid is its leaf hash, the inclusion proof leads to the
 * checkpoint's root, and the checkpoint is signed by a version of the log's key that is not revoked (entries logged
 * before a key rotation keep verifying with the retired version). Keeps a bounded cache of checkpoint notes whose
 * log signature already verified (a note is immutable, so a verified note stays verified while the same key
 * versions are verifiable).
 */
final class EntryChecks {

    /** The API kind of Rekor v1 logs, whose bodies are v1 entries rather than our hashedrekord v0.0.2. */
    static final String KIND_REKOR_V1 = "rekor-v1";
    private static final int NOTE_CACHE_LIMIT = 10_000;

    private final Map<String, Boolean> verifiedNotes = new ConcurrentHashMap<>();
    /** Per log origin and key version; logs are few and their keys change only by rotation or reconfiguration. */
    private final Map<String, NoteVerifier> verifiers = new ConcurrentHashMap<>();

    /**
     * Whether a logged body records the expected entry. hashedrekord v0.0.2 logs must hold exactly the canonical
     * body; a Rekor v1 {@code hashedrekord} v0.0.1 body must name the same signature and digest, and a v1
     * {@code intoto} body must carry the envelope's digest (it logs the whole envelope).
     */
    static boolean bodyMatches(String kind, Bytes logged, PlannedEntry expected, String envelopeDigestHex) {
        if (!KIND_REKOR_V1.equals(kind)) {
            return Arrays.equals(logged.value(), expected.body());
        }
        JsonNode body;
        try {
            body = StrictJson.parse(logged.value(), JsonLimits.DEFAULT);
        } catch (AttestorException malformed) {
            return false;
        }
        JsonNode spec = body.path("spec");
        return switch (body.path("kind").asText("")) {
            case "hashedrekord" -> spec.path("signature").path("content").asText("")
                    .equals(expected.request().signature().base64())
                    && spec.path("data").path("hash").path("value").asText("")
                    .equalsIgnoreCase(expected.request().digest().hex());
            case "intoto" -> spec.path("content").path("hash").path("value").asText("")
                    .equalsIgnoreCase(envelopeDigestHex);
            default -> false;
        };
    }

    static Check leaf(String name, LogEntry entry) {
        boolean ok = Bytes.of(Rfc6962.leafHash(entry.canonicalizedBody().value())).hex().equals(entry.uuid());
        return new Check(name + ".leaf", ok, ok ? "uuid is the leaf hash of the body"
                : "uuid " + entry.uuid() + " is not the leaf hash of the body");
    }

    static Check inclusion(String name, InclusionProof proof, LogEntry entry) {
        try {
            if (proof.logIndex() != entry.logIndex()) {
                return new Check(name + ".inclusion", false, "the proof is for index " + proof.logIndex());
            }
            byte[] leaf = Rfc6962.leafHash(entry.canonicalizedBody().value());
            InclusionProofs.verify(proof.logIndex(), proof.treeSize(), leaf,
                    proof.hashes().stream().map(Bytes::value).toList(), proof.rootHash().value());
            return new Check(name + ".inclusion", true,
                    "included at index " + entry.logIndex() + " of a tree of " + proof.treeSize());
        } catch (AttestorException e) {
            return new Check(name + ".inclusion", false, e.getMessage());
        }
    }

    /**
     * @param descriptor the registered log the entry names, or null if no such log is registered
     */
    Check checkpoint(String name, InclusionProof proof, String origin, LogDescriptor descriptor) {
        String check = name + ".checkpoint";
        try {
            Checkpoint checkpoint = Checkpoints.parse(proof.checkpoint());
            if (checkpoint.size() != proof.treeSize() || !checkpoint.rootHash().equals(proof.rootHash())
                    || !checkpoint.origin().equals(origin)) {
                return new Check(check, false, "the checkpoint does not commit to the proof's tree size and root");
            }
            if (descriptor == null) {
                return new Check(check, false, "the log is not registered here, so its key is unknown");
            }
            verifyNote(descriptor, proof.checkpoint());
            return new Check(check, true, "signed by log " + origin + " at size " + checkpoint.size());
        } catch (AttestorException e) {
            return new Check(check, false, e.getMessage());
        }
    }

    /** @return distinct known witnesses with a valid cosignature on the note (0 if it cannot be parsed) */
    static int cosignatures(String note, Collection<Cosigner> witnesses) {
        if (witnesses.isEmpty()) {
            return 0;
        }
        try {
            return Cosignatures.countValid(SignedNote.parse(note), witnesses);
        } catch (AttestorException malformed) {
            return 0;
        }
    }

    /**
     * Verifies a checkpoint note with the log's key versions: the version whose key signed it (matched by the note
     * key name and key hash) must be one that is not revoked, so a note of a retired version still verifies.
     *
     * @throws AttestorException {@code note.unverified} if no verifiable version of the log's key signed the note
     */
    void verifyNote(LogDescriptor descriptor, String note) {
        List<LogKeyVersion> keys = descriptor.verifiableKeys();
        // the verifiable versions are part of the key: a revocation must not be outlived by a cached success
        StringBuilder cacheKey = new StringBuilder(descriptor.origin());
        keys.forEach(v -> cacheKey.append('\n').append(v.logId()));
        cacheKey.append("\n\n").append(note);
        String key = cacheKey.toString();
        if (verifiedNotes.containsKey(key)) {
            return;
        }
        if (verifiedNotes.size() >= NOTE_CACHE_LIMIT) {
            verifiedNotes.clear();
        }
        // every submission of a log batch gets the same checkpoint at the same moment: the first verifies it while
        // the others wait for its result instead of verifying it again (a failure is not cached: each one throws)
        verifiedNotes.computeIfAbsent(key, k -> {
            Notes.verify(note, keys.stream().map(v -> verifier(descriptor.origin(), v)).toList());
            return Boolean.TRUE;
        });
    }

    /** Parsing a key makes BouncyCastle precompute curve tables: far costlier than the verification itself. */
    private NoteVerifier verifier(String origin, LogKeyVersion version) {
        return verifiers.computeIfAbsent(origin + '\n' + version.publicKeyPem(), k -> {
            PublicKey key = PublicKeys.parsePem(version.publicKeyPem());
            return "EC".equals(key.getAlgorithm()) ? NoteKeys.ecdsaVerifier(origin, key)
                    : NoteKeys.ed25519Verifier(origin, key);
        });
    }

    /**
     * The publisher's acceptance test for a log's answer.
     *
     * @return null if the entry logs {@code expected} and its proof and checkpoint verify, else the reason
     */
    String acceptance(LogDescriptor descriptor, LogEntry entry, PlannedEntry expected, String envelopeDigestHex) {
        if (!descriptor.acceptsLogId(entry.logId())) {
            return descriptor.versionFor(entry.logId()).isPresent()
                    ? "the log answered with an entry under its revoked key version " + entry.logId()
                    : "the log answered with an entry of log " + entry.logId();
        }
        if (!bodyMatches(descriptor.kind(), entry.canonicalizedBody(), expected, envelopeDigestHex)) {
            return "the log returned an entry whose body is not the submitted one";
        }
        String name = "tlog[" + entry.origin() + "#" + entry.logIndex() + "]";
        for (Check check : List.of(leaf(name, entry), inclusion(name, entry.inclusionProof(), entry),
                checkpoint(name, entry.inclusionProof(), entry.origin(), descriptor))) {
            if (!check.ok()) {
                return check.check() + ": " + check.detail();
            }
        }
        return null;
    }
}
