package org.stellaops.attestor.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import org.stellaops.attestor.api.keys.Ceremony;
import org.stellaops.attestor.api.keys.CeremonyKeyDriver;
import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.keys.KeyMaterial;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.Signature;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.core.service.KeyService;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.Pae;
import org.stellaops.attestor.sdk.intoto.Statements;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The key API: the lifecycle (see {@link KeyLifecycle}) plus what goes through a driver on a caller's behalf —
 * imports, exports, server-side signatures and security-key ceremonies. The server signs only in-toto statements
 * that parse, never arbitrary bytes, so the key API is no general signing oracle.
 */
final class KeyOperations implements KeyService {

    /** A ceremony signature waiting for the browser's answer. */
    private record PendingSignature(String tenant, String principal, TrustedKey key, SignRequest request,
                                    Instant expiresAt) {
    }

    /** A registration waiting for the browser's answer. */
    private record PendingRegistration(String tenant, String principal, String driver, String name,
                                       Instant expiresAt) {
    }

    private static final int MAX_PENDING = 10_000;

    private final KeyLifecycle lifecycle;
    private final KeyDrivers drivers;
    private final JsonLimits limits;
    private final BiFunction<byte[], Provenance, AttestationService.Submission> submitter;
    private final Clock clock;
    private final Map<String, PendingSignature> signatures = new ConcurrentHashMap<>();
    private final Map<String, PendingRegistration> registrations = new ConcurrentHashMap<>();

    KeyOperations(KeyLifecycle lifecycle, KeyDrivers drivers, JsonLimits limits,
                  BiFunction<byte[], Provenance, AttestationService.Submission> submitter, Clock clock) {
        this.lifecycle = lifecycle;
        this.drivers = drivers;
        this.limits = limits;
        this.submitter = submitter;
        this.clock = clock;
    }

    @Override
    public List<DriverStatus> drivers() {
        return drivers.statuses();
    }

    @Override
    public List<TrustedKey> keys(String tenant) {
        return lifecycle.keys(tenant);
    }

    @Override
    public List<TrustedKey> versions(String tenant, String name) {
        return lifecycle.versions(tenant, name);
    }

    @Override
    public TrustedKey create(CreateKey request, Provenance who) {
        return lifecycle.create(request, who);
    }

    @Override
    public TrustedKey rotate(String name, Rotation rotation, Provenance who) {
        return lifecycle.rotate(name, rotation, who);
    }

    @Override
    public TrustedKey retire(String keyId, Instant at, Provenance who) {
        return lifecycle.retire(keyId, at, who);
    }

    @Override
    public TrustedKey revoke(String keyId, Revocation revocation, Provenance who) {
        return lifecycle.revoke(keyId, revocation, who);
    }

    @Override
    public TrustedKey importKey(String name, String driver, KeyMaterial material, boolean shared, Provenance who) {
        try {
            return lifecycle.audited(who, IMPORTED, name, () -> {
                lifecycle.requireFreeName(who.tenant(), name);
                KeyDriver d = drivers.require(driver);
                KeyInfo info = d.importKey(KeyLifecycle.label(who.tenant(), name, 1), material);
                return lifecycle.adopt(info, who.tenant(), name, shared, d.name());
            }, k -> k.name() + " v1 imported into driver " + k.driver() + " as " + material.format());
        } finally {
            material.clearPassword();
        }
    }

    @Override
    public KeyMaterial exportKey(String keyId, String format, char[] password, Provenance who) {
        try {
            return lifecycle.audited(who, EXPORTED, keyId, () -> {
                TrustedKey key = lifecycle.own(who.tenant(), keyId);
                if (key.driver() == null) {
                    throw new AttestorException(KeyDriverException.UNSUPPORTED_OPERATION, "key " + keyId
                            + " is an external signer's key: no driver holds its private half");
                }
                return drivers.require(key.driver()).exportKey(keyId, format, password);
            }, m -> "exported as " + m.format());
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    @Override
    public Signed sign(SignRequest request, Provenance who) {
        Signed signed = lifecycle.audited(who, SIGNED, request.key(), () -> {
            TrustedKey key = lifecycle.signingVersion(who.tenant(), request.key());
            byte[] pae = pae(request);
            KeyDriver driver = drivers.require(key.driver());
            if (driver instanceof CeremonyKeyDriver) {
                throw new AttestorException(KeyDriverException.UNSUPPORTED_OPERATION, "key '" + key.name()
                        + "' is a security key: its owner approves each signature in a ceremony");
            }
            return new Signed(envelope(request, key, driver.sign(key.keyId(), pae)), key, null);
        }, s -> s.key().name() + " v" + s.key().version() + " signed a " + request.payloadType() + " payload");
        return request.submit() ? submitted(signed, request, who) : signed;
    }

    @Override
    public Ceremony startRegistration(String driver, String name, Provenance who) {
        return lifecycle.audited(who, REGISTERED + "_start", name, () -> {
            lifecycle.requireFreeName(who.tenant(), name);
            CeremonyKeyDriver d = drivers.requireCeremonies(driver);
            Ceremony ceremony = d.startRegistration(who.principal(), KeyLifecycle.label(who.tenant(), name, 1));
            remember(registrations, ceremony.id(), new PendingRegistration(who.tenant(), who.principal(), driver,
                    name, ceremony.expiresAt()));
            return ceremony;
        }, c -> "registration of '" + name + "' started in driver " + driver);
    }

    @Override
    public TrustedKey finishRegistration(String driver, String ceremonyId, String credentialJson, Provenance who) {
        return lifecycle.audited(who, REGISTERED, ceremonyId, () -> {
            PendingRegistration pending = take(registrations, ceremonyId, who, PendingRegistration::tenant,
                    PendingRegistration::principal, PendingRegistration::expiresAt);
            if (!pending.driver().equals(driver)) {
                throw new AttestorException(KeyDriverException.INVALID_INPUT, "ceremony " + ceremonyId
                        + " belongs to driver " + pending.driver());
            }
            KeyInfo info = drivers.requireCeremonies(driver).finishRegistration(who.principal(), ceremonyId,
                    credentialJson);
            return lifecycle.adopt(info, pending.tenant(), pending.name(), false, driver);
        }, k -> k.name() + " registered in driver " + k.driver() + " (" + k.algorithm() + ")");
    }

    @Override
    public Ceremony startSigning(SignRequest request, Provenance who) {
        return lifecycle.audited(who, SIGNED + "_start", request.key(), () -> {
            TrustedKey key = lifecycle.signingVersion(who.tenant(), request.key());
            CeremonyKeyDriver driver = drivers.requireCeremonies(key.driver());
            Ceremony ceremony = driver.startSigning(who.principal(), key.keyId(), pae(request));
            remember(signatures, ceremony.id(), new PendingSignature(who.tenant(), who.principal(), key, request,
                    ceremony.expiresAt()));
            return ceremony;
        }, c -> "signature ceremony started");
    }

    @Override
    public Signed finishSigning(String ceremonyId, String credentialJson, Provenance who) {
        PendingSignature[] taken = new PendingSignature[1];
        Signed signed = lifecycle.audited(who, SIGNED, ceremonyId, () -> {
            PendingSignature pending = take(signatures, ceremonyId, who, PendingSignature::tenant,
                    PendingSignature::principal, PendingSignature::expiresAt);
            taken[0] = pending;
            TrustedKey key = pending.key();
            byte[] sig = drivers.requireCeremonies(key.driver()).finishSigning(who.principal(), ceremonyId,
                    credentialJson);
            return new Signed(envelope(pending.request(), key, sig), key, null);
        }, s -> s.key().name() + " v" + s.key().version() + " signed in a ceremony");
        return taken[0].request().submit() ? submitted(signed, taken[0].request(), who) : signed;
    }

    private Signed submitted(Signed signed, SignRequest request, Provenance who) {
        return new Signed(signed.envelopeJson(), signed.key(), submitter.apply(signed.envelopeJson(), who));
    }

    /** @return the PAE of a request whose payload is an in-toto statement that parses */
    private byte[] pae(SignRequest request) {
        if (!Envelope.IN_TOTO_PAYLOAD_TYPE.equals(request.payloadType())) {
            throw new AttestorException(ErrorCodes.UNSUPPORTED_PAYLOAD_TYPE, "the service signs in-toto statements ("
                    + Envelope.IN_TOTO_PAYLOAD_TYPE + ") only, not " + request.payloadType());
        }
        Statements.parse(request.payload(), limits);
        return Pae.encode(request.payloadType(), request.payload());
    }

    private static byte[] envelope(SignRequest request, TrustedKey key, byte[] sig) {
        return DsseEnvelopes.toJson(new Envelope(request.payloadType(), Bytes.of(request.payload()),
                List.of(new Signature(key.keyId(), Bytes.of(sig)))));
    }

    private <T> void remember(Map<String, T> pending, String id, T value) {
        Instant now = clock.instant();
        if (pending.size() >= MAX_PENDING) {
            pending.values().removeIf(p -> expired(p, now));
        }
        if (pending.size() >= MAX_PENDING) {
            throw new AttestorException(KeyDriverException.DRIVER_FAILURE, "too many ceremonies are open; finish "
                    + "or let some expire");
        }
        pending.put(id, value);
    }

    private static boolean expired(Object pending, Instant now) {
        Instant expires = pending instanceof PendingSignature s ? s.expiresAt()
                : ((PendingRegistration) pending).expiresAt();
        return !now.isBefore(expires);
    }

    /** Takes a pending ceremony once; only its principal, in its tenant, before it expires. */
    private <T> T take(Map<String, T> pending, String id, Provenance who,
                       java.util.function.Function<T, String> tenant, java.util.function.Function<T, String> principal,
                       java.util.function.Function<T, Instant> expiresAt) {
        T found = id == null ? null : pending.get(id);
        if (found == null || !tenant.apply(found).equals(who.tenant())
                || !principal.apply(found).equals(who.principal())) {
            throw new AttestorException(KeyDriverException.INVALID_INPUT, "no open ceremony " + id
                    + " of this principal");
        }
        pending.remove(id, found);
        if (!clock.instant().isBefore(expiresAt.apply(found))) {
            throw new AttestorException(KeyDriverException.INVALID_INPUT, "ceremony " + id + " expired");
        }
        return found;
    }
}
