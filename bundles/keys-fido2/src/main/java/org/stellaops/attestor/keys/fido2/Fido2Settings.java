package org.stellaops.attestor.keys.fido2;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;

/**
 * The resolved settings of the driver and the verifier.
 *
 * @param rpId the WebAuthn relying party id
 * @param rpName the relying party name shown by browsers
 * @param origins the allowed origins, exact {@code scheme://host[:port]}
 * @param requireUserVerification whether the UV flag is required (else preferred)
 * @param ceremonyTimeout how long a ceremony stays open
 * @param directory the state directory
 */
public record Fido2Settings(String rpId, String rpName, Set<String> origins, boolean requireUserVerification,
                            Duration ceremonyTimeout, Path directory) {

    /** The framework property naming the data directory. */
    public static final String DATA_DIR_PROPERTY = "attestor.data.dir";

    /**
     * Validates and copies.
     *
     * @param rpId not blank
     * @param rpName not blank
     * @param origins at least one
     * @param requireUserVerification flag
     * @param ceremonyTimeout positive
     * @param directory not null
     * @throws IllegalArgumentException for an unusable value
     */
    public Fido2Settings {
        if (rpId == null || rpId.isBlank() || rpId.contains("/") || rpId.contains(":")) {
            throw new IllegalArgumentException("rpId must be a host name without scheme or port: " + rpId);
        }
        if (rpName == null || rpName.isBlank()) {
            throw new IllegalArgumentException("rpName must not be blank");
        }
        Objects.requireNonNull(origins, "origins");
        if (origins.isEmpty() || origins.stream().anyMatch(o -> o == null || o.isBlank())) {
            throw new IllegalArgumentException("at least one non-blank origin is needed");
        }
        origins = Set.copyOf(origins);
        if (ceremonyTimeout == null || ceremonyTimeout.isNegative() || ceremonyTimeout.isZero()) {
            throw new IllegalArgumentException("the ceremony timeout must be positive");
        }
        directory = directory.toAbsolutePath().normalize();
    }

    /**
     * Reads the component configuration.
     *
     * @param context the bundle context, for {@value #DATA_DIR_PROPERTY}
     * @param config the configuration
     * @return the settings
     */
    public static Fido2Settings from(BundleContext context, Fido2Config config) {
        Path directory;
        if (config.directory() != null && !config.directory().isBlank()) {
            directory = Paths.get(config.directory());
        } else {
            String dataDir = context.getProperty(DATA_DIR_PROPERTY);
            directory = Paths.get(dataDir == null || dataDir.isBlank() ? "./data" : dataDir, "fido2");
        }
        String[] origins = config.origins() == null ? new String[0] : config.origins();
        Set<String> originSet = Arrays.stream(origins).filter(Objects::nonNull).map(String::trim)
                .collect(Collectors.toSet());
        return new Fido2Settings(config.rpId(), config.rpName(), originSet,
                config.requireUserVerification(), Duration.ofSeconds(config.ceremonyTimeoutSeconds()), directory);
    }
}
