package org.stellaops.attestor.auth.internal;

import java.time.Clock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One trusted issuer per factory configuration of {@value IssuerConfig#PID}; the authenticator tracks them all. An
 * invalid configuration fails activation with its reason in the log, and that issuer's tokens stay refused.
 */
@Component(service = IssuerSource.class, configurationPid = IssuerConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = IssuerConfig.class, factory = true)
public final class TrustedIssuerComponent implements IssuerSource {

    private final TrustedIssuer issuer;

    /**
     * @param config the factory configuration
     */
    @Activate
    public TrustedIssuerComponent(IssuerConfig config) {
        this.issuer = IssuerSettings.build(config, Clock.systemUTC().instant());
    }

    @Override
    public TrustedIssuer issuer() {
        return issuer;
    }
}
