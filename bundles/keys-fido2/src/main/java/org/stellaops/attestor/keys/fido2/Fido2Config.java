package org.stellaops.attestor.keys.fido2;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the FIDO2 key driver and of the WebAuthn signature verifier (both read PID
 * {@value Fido2KeyDriver#PID}).
 */
@ObjectClassDefinition(name = "Attestor key driver (FIDO2)",
        description = "Security keys (FIDO2/WebAuthn) registered by people; every signature is approved on the key "
                + "in a browser ceremony. The verifier of WEBAUTHN_ES256 signatures reads the same settings.")
public @interface Fido2Config {

    /** @return the WebAuthn relying party id: the host name (no scheme, no port) the browser shows the page from */
    @AttributeDefinition(name = "Relying party id",
            description = "WebAuthn RP id: the effective domain of the console/API origin, e.g. attestor.example.com. "
                    + "Credentials are scoped to it; changing it orphans every registered key.")
    String rpId() default "localhost";

    /** @return the relying party name shown by the browser and the authenticator */
    @AttributeDefinition(name = "Relying party name", description = "Name the browser shows during a ceremony.")
    String rpName() default "StellaOps Attestor";

    /** @return the origins ceremonies may come from (scheme://host[:port], exact match) */
    @AttributeDefinition(name = "Origins",
            description = "Allowed origins of the browser pages running the ceremonies, exact scheme://host[:port].")
    String[] origins() default {"https://localhost:8443", "http://localhost:8080"};

    /** @return whether every ceremony and every signature needs user verification (PIN or biometric) */
    @AttributeDefinition(name = "Require user verification",
            description = "Require the UV flag (PIN/biometric) on registration, signing and verification. Otherwise "
                    + "user verification is preferred and only user presence (a touch) is required.")
    boolean requireUserVerification() default false;

    /** @return how long a started ceremony may be finished, in seconds */
    @AttributeDefinition(name = "Ceremony timeout (s)", min = "10", max = "3600",
            description = "Seconds a started registration or signature ceremony stays open.")
    int ceremonyTimeoutSeconds() default 300;

    /** @return the state directory; empty means {@code <attestor.data.dir>/fido2} */
    @AttributeDefinition(name = "Directory", required = false,
            description = "State directory (registered credentials). Empty means <attestor.data.dir>/fido2.")
    String directory() default "";
}
