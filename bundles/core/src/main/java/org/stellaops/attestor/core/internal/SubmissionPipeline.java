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
 * The life of a submission, in order: parse strictly, verify signatures, validate the predicate, then (and only then)
 * dedupe and plan what each verified signature is logged as (creating service receipts where needed). Then the primary
 * log is asked for its entries (at most {@code primaryDeadline}) while the bytes are archived (the archive's fsync
 * overlaps the log's integration; the record may refer to the bytes only once they are durable, and a log entry for
 * bytes the archive then failed to keep is harmless: the submission fails, a retry finds the entry because logs
 * dedupe) and the record is stored once, with its audit event: normally already holding the primary's proofs (mirrors,
 * if any, stay pending and are published in the background), otherwise {@code pending}, after which the publisher
 * keeps trying and the submission waits out what is left of the deadline. The stored record is the durable outbox
 * entry: the submission is acknowledged from there on, whatever the logs do. A crash before the store write loses
 * nothing acknowledged; an entry the log already took is found again by the retry (logs dedupe).
 *
 * <p>Derived facts are marked with {@code derivedBy} = {@code <predicate handler bundle>/<version> <core
 * bundle>/<version>}: the handler that extracted them and the core that accepted them.
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
    private final FastPath fastPath;
    private final Clock clock;
    private final Duration primaryDeadline;
    private final String coreIdentity;

    SubmissionPipeline(JsonLimits limits, TrustRoots trustRoots, PredicateRegistry predicates, LogRegistry logs,
                       ContentStore cas, EntryStore entries, EntryPlanner planner, Publisher publisher,
                       FastPath fastPath, Clock clock, Duration primaryDeadline, String coreIdentity) {
        this.limits = limits;
        this.trustRoots = trustRoots;
        this.predicates = predicates;
        this.logs = logs;
        this.cas = cas;
        this.entries = entries;
        this.planner = planner;
        this.publisher = publisher;
        this.fastPath = fastPath;
        this.clock = clock;
        this.primaryDeadline = primaryDeadline;
        this.coreIdentity = coreIdentity;
    }

    /** What the checks established before anything is written. */
    record Accepted(ParsedEnvelope parsed, Statement statement, EnvelopeVerification verification,
                    Map<String, Object> facts, String derivedBy, TrustRoots.Snapshot trust) {

        String digest() {
            return digestOf(parsed);
        }
    }

    /** A new record, planned and archived, about to be logged and stored. */
    record Prepared(EntryRecord record, PublishJob job) {
    }

    /**
     * @param created builds the audit event of a creation; it is stored in the same commit as the record
     */
    Submission submit(byte[] body, Provenance provenance, Function<EntryRecord, AuditEvent> created) {
        Accepted accepted = check(body, provenance.tenant());
        var existing = entries.byEnvelopeDigest(provenance.tenant(), accepted.digest());
        if (existing.isPresent()) {
            return new Submission(existing.get(), false);
        }
        Prepared prepared = prepared(accepted, plan(accepted), address(body), provenance);
        long start = System.nanoTime();
        // the archive's fsync overlaps the log's integration instead of preceding it
        FastPath.Started started = fastPath.start(prepared.record(), prepared.job());
        archive(List.of(body), List.of(prepared.record().casDigest()));
        FastPath.FirstAttempt attempt = fastPath.await(started, prepared.record(), prepared.job(),
                start + primaryDeadline.toNanos());
        EntryRecord first = fastPath.firstVersion(prepared.record(), attempt);
        EntryStore.Stored stored = entries.putIfAbsent(first, created.apply(first));
        if (!stored.created()) {
            return new Submission(stored.record(), false);
        }
        CompletableFuture<EntryRecord> primary = continuePublishing(stored.record(), prepared.job(), attempt);
        Duration left = primaryDeadline.minusNanos(System.nanoTime() - start);
        return new Submission(awaitPrimary(stored.record(), primary, left), true);
    }

    /** What the planner may still refuse (no key driver for a needed receipt); runs before anything is written. */
    EntryPlanner.Plan plan(Accepted accepted) {
        return planner.plan(accepted.digest(), accepted.parsed().envelope(), accepted.verification(),
                accepted.trust().signers());
    }

    /**
     * The address the archive gives these bytes (the archive contract: lowercase hex SHA-256), known before they are
     * archived so that the primary log can be asked while the archive writes.
     */
    static String address(byte[] body) {
        return Verifications.sha256Hex(body);
    }

    /**
     * Archives envelope bytes with one durability wait (see {@link ContentStore#putAll}); a record may refer to them
     * only after this returned.
     *
     * @param bodies the envelopes' bytes
     * @param addresses the {@link #address} of each, as their records hold it
     * @throws IllegalStateException if the archive answers other addresses (a broken archive)
     */
    void archive(List<byte[]> bodies, List<String> addresses) {
        List<String> archived = cas.putAll(bodies);
        if (!archived.equals(addresses)) {
            throw new IllegalStateException("the archive stored envelopes under " + archived + ", not under their "
                    + "SHA-256 " + addresses);
        }
    }

    /** The pending record of a planned submission whose bytes are (or are about to be) archived as {@code casDigest}. */
    Prepared prepared(Accepted accepted, EntryPlanner.Plan plan, String casDigest, Provenance provenance) {
        String digest = accepted.digest();
        Envelope envelope = accepted.parsed().envelope();
        EntryRecord record = new EntryRecord(digest, plan.entries().get(0).uuid(), EntryRecord.PENDING, casDigest,
                envelope.payloadType(), accepted.statement().type(), accepted.statement().predicateType(),
                accepted.statement().subjects(), List.copyOf(accepted.verification().verifiedKeyIds()),
                plan.coverage(), logs.targets(), plan.receipts(), accepted.facts(), accepted.derivedBy(),
                clock.instant(), provenance);
        return new Prepared(record, new PublishJob(provenance.tenant(), digest, envelope, plan.entries()));
    }

    /**
     * Hands a record this call just stored to the publisher: nothing to do when it is settled, mirrors in the
     * background when the primary logged it, otherwise the whole outbox treatment.
     *
     * @return completes with the record once its primary target is settled
     */
    CompletableFuture<EntryRecord> continuePublishing(EntryRecord stored, PublishJob job,
                                                      FastPath.FirstAttempt attempt) {
        if (!stored.pending()) {
            return CompletableFuture.completedFuture(stored);
        }
        if (attempt.record() != null) {
            publisher.publishInBackground(stored, job); // only mirrors are left: nobody waits for them
            return CompletableFuture.completedFuture(stored);
        }
        return publisher.publish(stored, job);
    }

    /** @return the record once its primary settled, or as currently stored when {@code wait} runs out */
    EntryRecord awaitPrimary(EntryRecord record, CompletableFuture<EntryRecord> primary, Duration wait) {
        if (primary.isDone() && !primary.isCompletedExceptionally()) {
            return primary.join();
        }
        try {
            return primary.get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            publisher.forget(record, primary);
        } catch (InterruptedException e) {
            publisher.forget(record, primary);
            Thread.currentThread().interrupt();
        }
        // the record is safely stored: answer with its current state (pending, with whatever arrived)
        return entries.byEnvelopeDigest(record.tenant(), record.envelopeDigest()).orElse(record);
    }

    EntryStore entries() {
        return entries;
    }

    FastPath fastPath() {
        return fastPath;
    }

    Duration primaryDeadline() {
        return primaryDeadline;
    }

    /** Parses and checks, with the tenant's trust roots, without writing anything. */
    Accepted check(byte[] body, String tenant) {
        ParsedEnvelope parsed = DsseEnvelopes.parse(body, limits);
        Envelope envelope = parsed.envelope();
        if (!Envelope.IN_TOTO_PAYLOAD_TYPE.equals(envelope.payloadType())) {
            throw new AttestorException(ErrorCodes.UNSUPPORTED_PAYLOAD_TYPE,
                    "payloadType must be " + Envelope.IN_TOTO_PAYLOAD_TYPE + ", not " + envelope.payloadType());
        }
        Statement statement = Statements.parse(envelope.payload().value(), limits);
        TrustRoots.Snapshot trust = trustRoots.snapshot(tenant);
        EnvelopeVerification verification = SignatureGate.requireTrusted(envelope, trust, clock.instant()).counted();
        PredicateRegistry.Registration handler = predicates.forType(statement.predicateType()).orElseThrow(() ->
                new AttestorException(ErrorCodes.UNKNOWN_PREDICATE_TYPE,
                        "no predicate handler is installed for " + statement.predicateType()));
        PredicateResult result = handler.handler().validate(statement);
        if (result instanceof PredicateResult.Invalid invalid) {
            throw new PredicateRejectedException(statement.predicateType(), invalid.errors());
        }
        Map<String, Object> facts = ((PredicateResult.Valid) result).facts();
        return new Accepted(parsed, statement, verification, facts, handler.provider() + " " + coreIdentity, trust);
    }

    static String digestOf(ParsedEnvelope parsed) {
        return "sha256:" + parsed.envelopeDigestHex();
    }
}
