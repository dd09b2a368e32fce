package org.stellaops.attestor.keys.pkcs11;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the PKCS#11 key driver (PID {@value Pkcs11KeyDriver#PID}). The driver exists only while this
 * configuration does. The user PIN is never part of it: name a file ({@link #pinFile()}) or an environment variable
 * ({@link #pinEnv()}) that holds it.
 */
@ObjectClassDefinition(name = "Attestor key driver (PKCS#11)",
        description = "Signing keys generated and kept on a PKCS#11 token (HSM), used through the JDK's SunPKCS11 "
                + "provider.")
public @interface Pkcs11KeyDriverConfig {

    /** @return the path of the token's PKCS#11 library */
    @AttributeDefinition(name = "Library", description = "Path of the PKCS#11 library (the HSM vendor's module).")
    String library() default "/usr/lib/softhsm/libsofthsm2.so";

    /** @return the label of the token to use, or empty when {@link #slotListIndex()} selects it */
    @AttributeDefinition(name = "Token label", required = false,
            description = "Label of the token. Set this or the slot list index, not both.")
    String tokenLabel() default "";

    /** @return the index of the token's slot in the library's list of slots with a token, or -1 (unset) */
    @AttributeDefinition(name = "Slot list index", required = false,
            description = "Index of the token's slot in the list of slots with a token present (0 is the first). "
                    + "-1 means unset; set this or the token label, not both.")
    int slotListIndex() default -1;

    /** @return the path of a file holding the user PIN, or empty */
    @AttributeDefinition(name = "PIN file", required = false,
            description = "File holding the token's user PIN (trailing newline ignored). Set this or the PIN "
                    + "environment variable, not both.")
    String pinFile() default "";

    /** @return the name of an environment variable holding the user PIN, or empty */
    @AttributeDefinition(name = "PIN environment variable", required = false,
            description = "Name of the environment variable holding the token's user PIN. Set this or the PIN "
                    + "file, not both.")
    String pinEnv() default "";

    /** @return how long a caller waits for one token call (sign, create, list, login) at most */
    @AttributeDefinition(name = "Timeout (ms)",
            description = "Longest wait for one token call; a slower call fails with key.driver_timeout.")
    long timeoutMillis() default 5000;

    /** @return the number of worker threads that talk to the token */
    @AttributeDefinition(name = "Concurrent token calls",
            description = "Size of the pool of threads that call the token; calls beyond it wait in a bounded "
                    + "queue.")
    int maxConcurrent() default 4;
}
