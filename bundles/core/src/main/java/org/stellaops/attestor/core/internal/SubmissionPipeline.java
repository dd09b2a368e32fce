package org.stellaops.attestor.core.internal;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.TransparencyLog;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.cas.ContentStore;
import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.core.service.PredicateRejectedException;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerification;
import org.stellaops.attestor.sdk.dsse.ParsedEnvelope;
import org.stellaops.attestor.sdk.dsse.SignatureCheck;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.sdk.intoto.Statements;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.rekor.HashedRekord;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.Provenance;

/**
 * The life of a submission, in order: parse strictly, verify signatures, validate the predicate, then (and only
 * then) write: archive the bytes, log each verified signature, store the record. Everything before the first write
 * can reject; nothing after it is visible until the record is stored, and every write is idempotent, so a crash or
 * a retry at any point leaves no partial state a client could observe.
 */
final class SubmissionPipeline {

    private final JsonLimits limits;
    private final TrustRoots trustRoots;
    private final PredicateRegistry predicates;
    private final LogRegistry logs;
    private final ContentStore cas;
    private final EntryStore entries;
    private final Clock clock;
    private final Duration logDeadline;

    SubmissionPipeline(JsonLimits limits, TrustRoots trustRoots, PredicateRegistry predicates, LogRegistry logs,
                       ContentStore cas, EntryStore entries, Clock clock, Duration logDeadline) {
        this.limits = limits;
        this.trustRoots = trustRoots;
        this.predicates = predicates;
        this.logs = logs;
        this.cas = cas;
        this.entries = entries;
        this.clock = clock;
        this.logDeadline = logDeadline;
    }

    /** What the checks established before anything is written. */
    record Accepted(ParsedEnvelope parsed, Statement statement, EnvelopeVerification verification,
                    Map<String, Object> facts, String derivedBy) {
    }

    /**
     * @param created builds the audit event of a creation; it is stored in the same commit as the record
     */
    Submission submit(byte[] body, Provenance provenance, Function<EntryRecord, AuditEvent> created) {
        Accepted accepted = check(body);
        var existing = entries.byEnvelopeDigest(digestOf(accepted.parsed()));
        if (existing.isPresent()) {
            return new Submission(existing.get(), false);
        }
        String casDigest = cas.put(body);
        List<LogEntry> logged = logSignatures(accepted);
        EntryRecord record = new EntryRecord(digestOf(accepted.parsed()), logged.get(0).uuid(), EntryRecord.LOGGED,
                casDigest, accepted.parsed().envelope().payloadType(), accepted.statement().type(),
                accepted.statement().predicateType(), accepted.statement().subjects(),
                List.copyOf(accepted.verification().verifiedKeyIds()), logged, accepted.facts(),
                accepted.derivedBy(), clock.instant(), provenance);
        EntryStore.Stored stored = entries.putIfAbsent(record, created.apply(record));
        return new Submission(stored.record(), stored.created());
    }

    /** Parses and checks without writing anything. */
    Accepted check(byte[] body) {
        ParsedEnvelope parsed = DsseEnvelopes.parse(body, limits);
        Envelope envelope = parsed.envelope();
        if (!Envelope.IN_TOTO_PAYLOAD_TYPE.equals(envelope.payloadType())) {
            throw new AttestorException(ErrorCodes.UNSUPPORTED_PAYLOAD_TYPE,
                    "payloadType must be " + Envelope.IN_TOTO_PAYLOAD_TYPE + ", not " + envelope.payloadType());
        }
        Statement statement = Statements.parse(envelope.payload().value(), limits);
        EnvelopeVerification verification = SignatureGate.requireTrusted(envelope, trustRoots.snapshot());
        PredicateRegistry.Registration handler = predicates.forType(statement.predicateType()).orElseThrow(() ->
                new AttestorException(ErrorCodes.UNKNOWN_PREDICATE_TYPE,
                        "no predicate handler is installed for " + statement.predicateType()));
        PredicateResult result = handler.handler().validate(statement);
        if (result instanceof PredicateResult.Invalid invalid) {
            throw new PredicateRejectedException(statement.predicateType(), invalid.errors());
        }
        Map<String, Object> facts = ((PredicateResult.Valid) result).facts();
        return new Accepted(parsed, statement, verification, facts, handler.provider());
    }

    static String digestOf(ParsedEnvelope parsed) {
        return "sha256:" + parsed.envelopeDigestHex();
    }

    private List<LogEntry> logSignatures(Accepted accepted) {
        TransparencyLog log = logs.primary().orElseThrow(() ->
                new AttestorException(ErrorCodes.NO_LOG, "no primary transparency log is available"));
        Map<String, TrustedSigner> signers = trustRoots.snapshot().active().stream()
                .collect(Collectors.toMap(TrustedSigner::keyId, Function.identity(), (a, b) -> a));
        Envelope envelope = accepted.parsed().envelope();
        List<CompletableFuture<LogEntry>> pending = new ArrayList<>();
        for (SignatureCheck check : accepted.verification().checks()) {
            if (check.verifiedKeyId() == null) {
                continue;
            }
            TrustedSigner signer = signers.get(check.verifiedKeyId());
            PublicKey key = signer.key();
            HashedRekordRequest request = HashedRekord.forSignature(envelope,
                    envelope.signatures().get(check.index()), key, signer.algorithm());
            pending.add(log.submit(request).toCompletableFuture());
        }
        return await(pending);
    }

    private List<LogEntry> await(List<CompletableFuture<LogEntry>> pending) {
        long deadline = System.nanoTime() + logDeadline.toNanos();
        List<LogEntry> result = new ArrayList<>(pending.size());
        for (CompletableFuture<LogEntry> future : pending) {
            try {
                result.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                throw new AttestorException(ErrorCodes.NO_LOG,
                        "the transparency log did not answer within " + logDeadline.toMillis() + " ms", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AttestorException(ErrorCodes.NO_LOG, "interrupted while waiting for the log", e);
            } catch (ExecutionException e) {
                throw logFailure(e.getCause());
            }
        }
        return result;
    }

    private static AttestorException logFailure(Throwable cause) {
        if (cause instanceof TransparencyLogException tle) {
            return new AttestorException(tle.code(), tle.getMessage(), tle);
        }
        return new AttestorException(ErrorCodes.NO_LOG, "the transparency log failed: " + cause, cause);
    }
}
