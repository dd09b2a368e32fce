package org.stellaops.attestor.keys.pkcs11;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverCapabilities;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;

/**
 * An HSM key driver through the JDK's SunPKCS11 provider: keys are generated on the token and never leave it; each
 * has a self-signed certificate beside it (see {@link SelfSignedCertificates}). At activation the driver logs in,
 * lists every key and proves each one with a probe signature; a key that fails is logged and not offered. Every
 * token call runs on a bounded pool of workers ({@link TokenWorkers}) and its caller waits at most
 * {@code timeoutMillis}. After a failure that shows the token, the session or a key handle is gone, the next call
 * first reconnects: a new provider instance, a new login, a new key list. The component exists only while
 * configuration {@value #PID} does.
 */
@Component(service = KeyDriver.class, immediate = true, configurationPid = Pkcs11KeyDriver.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = KeyDriver.DRIVER_PROPERTY + "=" + Pkcs11KeyDriver.NAME)
@Designate(ocd = Pkcs11KeyDriverConfig.class)
public final class Pkcs11KeyDriver implements KeyDriver {

    /** The ConfigAdmin PID. */
    public static final String PID = "org.stellaops.attestor.keys.pkcs11";
    /** The driver name, also its {@value KeyDriver#DRIVER_PROPERTY} service property. */
    public static final String NAME = "pkcs11";
    /** What a key name (the token alias) may look like. */
    public static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** How long after a failed reconnect calls fail at once instead of trying again. */
    static final Duration RECONNECT_BACKOFF = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(Pkcs11KeyDriver.class.getName());
    private static final KeyDriverCapabilities CAPABILITIES =
            new KeyDriverCapabilities(P11Algorithms.SUPPORTED, false, true, false);

    private final Pkcs11Settings settings;
    private final TokenWorkers workers;
    private final Object reconnectLock = new Object();
    private final Object createLock = new Object();
    private volatile TokenConnection connection;
    private volatile long lastReconnectFailure;
    private volatile KeyDriverException reconnectFailure;
    private volatile int reconnects;

    /**
     * Activates the component: validates the configuration, logs in and checks every key on the token.
     *
     * @param config the typed configuration
     * @param properties every configuration property (a property {@code pin} or {@code .pin} is refused)
     * @throws KeyDriverException {@code key.invalid_input} for a bad configuration, {@code key.driver_failure} if
     *         the library, the token or the login fails, {@code key.driver_timeout} if the token does not answer
     */
    @Activate
    public Pkcs11KeyDriver(Pkcs11KeyDriverConfig config, Map<String, Object> properties) {
        this(Pkcs11Settings.from(config, properties));
    }

    Pkcs11KeyDriver(Pkcs11Settings settings) {
        this.settings = settings;
        this.workers = new TokenWorkers(settings.token(), settings.maxConcurrent(), settings.timeout());
        try {
            this.connection = workers.call("opening the " + settings.token(), () -> TokenConnection.open(settings));
        } catch (RuntimeException e) {
            workers.close();
            throw e;
        }
        LOG.log(Level.INFO, "pkcs11 key driver: {0} of {1} open, {2} key(s){3}", settings.token(),
                settings.library(), connection.keys().size(),
                connection.rejected().isEmpty() ? "" : ", skipped " + connection.rejected().keySet());
    }

    /** Logs out of the token and stops the workers; a new activation configures a new provider instance. */
    @Deactivate
    public void close() {
        TokenConnection current = connection;
        try {
            if (current != null) {
                workers.call("logging out of the " + settings.token(), () -> {
                    current.logout();
                    return null;
                });
            }
        } catch (KeyDriverException e) {
            LOG.log(Level.WARNING, "pkcs11 key driver: " + e.getMessage());
        } finally {
            workers.close();
            connection = null;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public KeyDriverCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** @return the keys found at the last (re)connection or created since, oldest first (no token call) */
    @Override
    public List<KeyInfo> keys() {
        List<KeyInfo> list = new ArrayList<>();
        current().keys().values().forEach(k -> list.add(k.info()));
        return list;
    }

    @Override
    public Optional<KeyInfo> key(String keyId) {
        return Optional.ofNullable(current().keys().get(keyId)).map(TokenKey::info);
    }

    /**
     * @return keys on the token that the driver does not offer, by alias, with the reason (a key whose certificate
     *         does not match, an unsupported algorithm …)
     */
    Map<String, String> skippedKeys() {
        return current().rejected();
    }

    /** @return how often the driver has replaced a lost connection */
    int reconnects() {
        return reconnects;
    }

    /** @return the number of workers stuck in a token call older than the timeout */
    int stuckWorkers() {
        return workers.stuckWorkers();
    }

    @Override
    public KeyInfo createKey(String name, KeyAlgorithm algorithm) {
        Objects.requireNonNull(name, "name");
        if (algorithm == null || !P11Algorithms.SUPPORTED.contains(algorithm)) {
            throw new KeyDriverException(KeyDriverException.UNSUPPORTED_ALGORITHM, "the pkcs11 driver cannot "
                    + "create " + algorithm + " keys (SunPKCS11 offers ECDSA P-256/P-384 and RSA only)");
        }
        if (!KEY_NAME.matcher(name).matches()) {
            throw new KeyDriverException(KeyDriverException.INVALID_INPUT,
                    "a pkcs11 key name is 1 to 64 of A-Z a-z 0-9 . _ -, not '" + name + "'");
        }
        return workers.call("creating the " + algorithm + " key '" + name + "' on the " + settings.token(), () -> {
            // inside the worker: a worker stuck on the token keeps the lock, never a caller
            synchronized (createLock) {
                TokenConnection c = connected();
                if (c.keys().values().stream().anyMatch(k -> k.info().name().equals(name))) {
                    throw new KeyDriverException(KeyDriverException.NAME_CONFLICT,
                            "a key named '" + name + "' already exists on the " + settings.token());
                }
                return c.create(name, algorithm).info();
            }
        });
    }

    @Override
    public byte[] sign(String keyId, byte[] message) {
        Objects.requireNonNull(message, "message");
        if (keyId == null || !current().keys().containsKey(keyId) && !current().lost()) {
            throw notFound(keyId);
        }
        return workers.call("signing with key " + keyId + " on the " + settings.token(), () -> {
            TokenConnection c = connected();
            TokenKey key = c.keys().get(keyId);
            if (key == null) {
                throw notFound(keyId);
            }
            return c.signOrFail(key, message);
        });
    }

    private KeyDriverException notFound(String keyId) {
        return new KeyDriverException(KeyDriverException.NOT_FOUND,
                "the pkcs11 driver holds no key " + keyId + " on the " + settings.token());
    }

    private TokenConnection current() {
        TokenConnection c = connection;
        if (c == null) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE, "the pkcs11 driver is closed");
        }
        return c;
    }

    /** Runs on a worker: the current connection, rebuilt first if a failure showed it is lost. */
    private TokenConnection connected() {
        TokenConnection c = current();
        if (!c.lost()) {
            return c;
        }
        synchronized (reconnectLock) {
            c = current();
            if (!c.lost()) {
                return c;
            }
            KeyDriverException last = reconnectFailure;
            if (last != null && System.nanoTime() - lastReconnectFailure < RECONNECT_BACKOFF.toNanos()) {
                throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                        "the " + settings.token() + " is unavailable: " + last.getMessage(), last);
            }
            try {
                // no logout of the lost connection: the login is shared with the new one in this process
                TokenConnection fresh = TokenConnection.open(settings);
                connection = fresh;
                reconnectFailure = null;
                reconnects++;
                LOG.log(Level.INFO, "pkcs11 key driver: reconnected to the {0}, {1} key(s)", settings.token(),
                        fresh.keys().size());
                return fresh;
            } catch (KeyDriverException e) {
                KeyDriverException failure = new KeyDriverException(e.code(),
                        "reconnecting to the " + settings.token() + " failed: " + e.getMessage(), e);
                reconnectFailure = failure;
                lastReconnectFailure = System.nanoTime();
                throw failure;
            }
        }
    }
}
