package org.stellaops.attestor.auth.internal;

import java.nio.file.Path;
import java.time.Clock;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.stellaops.attestor.auth.AuthResult;
import org.stellaops.attestor.auth.Authenticator;
import org.stellaops.attestor.auth.Credentials;
import org.stellaops.attestor.store.OneTimeKeyStore;

/**
 * The {@link Authenticator} service (PID {@value AuthConfig#PID}, configuration optional). Trusted issuers are the
 * development issuer (when {@code devIssuer.enabled}) and every {@link IssuerSource} of this bundle, tracked
 * dynamically; DPoP proof ids are claimed in the {@link OneTimeKeyStore} shared by every worker on the store.
 */
@Component(service = Authenticator.class, configurationPid = AuthConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AuthConfig.class)
public final class AuthComponent implements Authenticator {

    /** The framework property naming the data directory. */
    static final String DATA_DIR_PROPERTY = "attestor.data.dir";
    /** The framework property with the TLS layer's client authentication mode, the default of mtls.mode. */
    static final String CLIENT_AUTH_PROPERTY = "attestor.tls.clientAuth";

    private final IssuerDirectory issuers;
    private final RequestAuthenticator authenticator;

    /**
     * Reads the configuration and, when the development issuer is enabled, creates its key if there is none.
     *
     * @param context for the framework properties
     * @param config the configuration
     * @param replayCache the shared store of DPoP proof ids
     */
    @Activate
    public AuthComponent(BundleContext context, AuthConfig config, @Reference OneTimeKeyStore replayCache) {
        this(context, config, replayCache, Clock.systemUTC());
    }

    AuthComponent(BundleContext context, AuthConfig config, OneTimeKeyStore replayCache, Clock clock) {
        String data = context.getProperty(DATA_DIR_PROPERTY);
        Path dataDir = Path.of(data == null || data.isBlank() ? "data" : data);
        this.issuers = new IssuerDirectory(AuthSetup.devIssuer(config, dataDir));
        this.authenticator = new RequestAuthenticator(AuthSetup.parts(config,
                context.getProperty(CLIENT_AUTH_PROPERTY), issuers, replayCache, clock), clock);
    }

    /** @param source a configured issuer, trusted from now on */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindIssuer(IssuerSource source) {
        issuers.add(source);
    }

    /** @param source a configured issuer, no longer trusted */
    void unbindIssuer(IssuerSource source) {
        issuers.remove(source);
    }

    @Override
    public AuthResult authenticate(Credentials credentials) {
        return authenticator.authenticate(credentials);
    }

    @Override
    public String currentDpopNonce() {
        return authenticator.currentDpopNonce();
    }
}
