package org.stellaops.attestor.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.cas.ContentStore;
import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.core.service.PredicateRejectedException;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerification;
import org.stellaops.attestor.sdk.dsse.ParsedEnvelope;
import org.stellaops.attestor.sdk.intoto.Statements;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.Provenance;

/**
 * The life of a submission, in order: parse strictly, verify signatures, validate the predicate, then (and only
 * then) dedupe, plan what each verified signature is logged as (creating service receipts where needed) and
 * archive the bytes. Then the primary log is asked for its entries (at most {@code primaryDeadline}) and the record
 * is stored once, with its audit event: normally already holding the primary's proofs (mirrors, if any, stay
 * pending and are published in the background), otherwise {@code pending}, after which the publisher keeps
 * trying and the submission waits out what is left of the deadline. The stored record is the durable outbox entry:
 * the submission is acknowledged from there on, whatever the logs do. A crash before the store write loses
 * nothing acknowledged; an entry the log already took is found again by the retry (logs dedupe).
 */
final class SubmissionPipeline {

    private final JsonLimits limits;
    private final TrustRoots trustRoots;
    private final PredicateRegistry predicates;
    private final LogRegistry logs;
    private final ContentStore cas;
    private final EntryStore entries;
    private final EntryPlanner planner;
    private final Publisher publisher;
    private final Clock clock;
    private final Duration primaryDeadline;

    SubmissionPipeline(JsonLimits limits, TrustRoots trustRoots, PredicateRegistry predicates, LogRegistry logs,
                       ContentStore cas, EntryStore entries, EntryPlanner planner, Publisher publisher, Clock clock,
                       Duration primaryDeadline) {
        this.limits = limits;
        this.trustRoots = trustRoots;
        this.predicates = predicates;
        this.logs = logs;
        this.cas = cas;
        this.entries = entries;
        this.planner = planner;
        this.publisher = publisher;
        this.clock = clock;
        this.primaryDeadline = primaryDeadline;
    }

    /** What the checks established before anything is written. */
    record Accepted(ParsedEnvelope parsed, Statement statement, EnvelopeVerification verification,
                    Map<String, Object> facts, String derivedBy, TrustRoots.Snapshot trust) {
    }

    /**
     * @param created builds the audit event of a creation; it is stored in the same commit as the record
     */
    Submission submit(byte[] body, Provenance provenance, Function<EntryRecord, AuditEvent> created) {
        Accepted accepted = check(body);
        String digest = digestOf(accepted.parsed());
        var existing = entries.byEnvelopeDigest(digest);
        if (existing.isPresent()) {
            return new Submission(existing.get(), false);
        }
        Envelope envelope = accepted.parsed().envelope();
        // planning may still refuse (no key driver for a needed receipt), so it runs before the first write
        EntryPlanner.Plan plan = planner.plan(digest, envelope, accepted.verification(), accepted.trust().active());
        String casDigest = cas.put(body);
        EntryRecord record = new EntryRecord(digest, plan.entries().get(0).uuid(), EntryRecord.PENDING, casDigest,
                envelope.payloadType(), accepted.statement().type(), accepted.statement().predicateType(),
                accepted.statement().subjects(), List.copyOf(accepted.verification().verifiedKeyIds()),
                plan.coverage(), logs.targets(), plan.receipts(), accepted.facts(), accepted.derivedBy(),
                clock.instant(), provenance);
        PublishJob job = new PublishJob(digest, envelope, plan.entries());
        long start = System.nanoTime();
        Publisher.FirstAttempt attempt = publisher.logFirst(record, job, primaryDeadline);
        EntryRecord first = firstVersion(record, attempt);
        EntryStore.Stored stored = entries.putIfAbsent(first, created.apply(first));
        if (!stored.created()) {
            return new Submission(stored.record(), false);
        }
        if (!stored.record().pending()) {
            return new Submission(stored.record(), true);
        }
        if (attempt.record() != null) {
            publisher.publishInBackground(stored.record(), job); // only mirrors are left: nobody waits for them
            return new Submission(stored.record(), true);
        }
        Duration left = primaryDeadline.minusNanos(System.nanoTime() - start);
        return new Submission(awaitPrimary(stored.record(), job, left.isNegative() ? Duration.ZERO : left), true);
    }

    /** The record as first stored: logged by the primary, or pending with the primary's failure counted. */
    private EntryRecord firstVersion(EntryRecord record, Publisher.FirstAttempt attempt) {
        if (attempt.record() != null) {
            return attempt.record();
        }
        return attempt.failure() == null ? record : publisher.countPrimaryFailure(record, attempt.failure());
    }

    private EntryRecord awaitPrimary(EntryRecord record, PublishJob job, Duration wait) {
        CompletableFuture<EntryRecord> primary = publisher.publish(record, job);
        try {
            return primary.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            publisher.forget(record, primary);
        } catch (InterruptedException e) {
            publisher.forget(record, primary);
            Thread.currentThread().interrupt();
        }
        // the record is safely stored: answer with its current state (pending, with whatever arrived)
        return entries.byEnvelopeDigest(record.envelopeDigest()).orElse(record);
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
        TrustRoots.Snapshot trust = trustRoots.snapshot();
        EnvelopeVerification verification = SignatureGate.requireTrusted(envelope, trust);
        PredicateRegistry.Registration handler = predicates.forType(statement.predicateType()).orElseThrow(() ->
                new AttestorException(ErrorCodes.UNKNOWN_PREDICATE_TYPE,
                        "no predicate handler is installed for " + statement.predicateType()));
        PredicateResult result = handler.handler().validate(statement);
        if (result instanceof PredicateResult.Invalid invalid) {
            throw new PredicateRejectedException(statement.predicateType(), invalid.errors());
        }
        Map<String, Object> facts = ((PredicateResult.Valid) result).facts();
        return new Accepted(parsed, statement, verification, facts, handler.provider(), trust);
    }

    static String digestOf(ParsedEnvelope parsed) {
        return "sha256:" + parsed.envelopeDigestHex();
    }
}
