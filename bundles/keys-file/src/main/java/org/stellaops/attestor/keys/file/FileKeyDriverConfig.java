package org.stellaops.attestor.keys.file;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the file key driver (PID {@value FileKeyDriver#PID}).
 */
@ObjectClassDefinition(name = "Attestor key driver (file)",
        description = "Signing keys generated in-process and stored encrypted at rest in a local directory.")
public @interface FileKeyDriverConfig {

    /**
     * @return the key directory; empty means {@code <attestor.data.dir>/keys}
     */
    @AttributeDefinition(name = "Directory", description = "Key directory. Empty means <attestor.data.dir>/keys.")
    String directory() default "";

    /**
     * The passphrase the key-encryption key is derived from. The property is private ({@code .passphrase}) so that
     * Declarative Services never publishes it as a service property.
     *
     * @return the passphrase, or empty
     */
    @AttributeDefinition(name = "Passphrase", type = AttributeType.PASSWORD, required = false,
            description = "Passphrase protecting the keys (scrypt). Prefer the environment variable. Empty: use the "
                    + "environment variable, else a generated key file <directory>/kek.")
    String _passphrase() default "";

    /**
     * @return the name of the environment variable holding the passphrase, used when {@code .passphrase} is empty
     */
    @AttributeDefinition(name = "Passphrase environment variable",
            description = "Environment variable holding the passphrase when the passphrase property is empty.")
    String passphraseEnv() default "ATTESTOR_KEY_PASSPHRASE";
}
