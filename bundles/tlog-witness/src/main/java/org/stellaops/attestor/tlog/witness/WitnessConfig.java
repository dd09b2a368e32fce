package org.stellaops.attestor.tlog.witness;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the witness endpoint (ConfigAdmin PID {@value #PID}).
 */
@ObjectClassDefinition(id = WitnessConfig.PID, name = "Attestor transparency-log witness",
        description = "C2SP tlog-witness endpoint: cosigns checkpoints of known logs that are consistent with the "
                + "latest checkpoint it cosigned for them.")
public @interface WitnessConfig {

    /** The ConfigAdmin PID. */
    String PID = "org.stellaops.attestor.tlog.witness";

    /** @return the cosigner name */
    @AttributeDefinition(name = "Name", description = "The witness's cosigner name (key name of its cosignatures; "
            + "no spaces, no '+'), preferably a schema-less URL.")
    String name() default "attestor-witness.local";

    /** @return the known logs' verifier keys */
    @AttributeDefinition(name = "Logs", required = false, description = "One verifier key per known log key: "
            + "<origin>+<hex key ID>+<base64(type || key)>, type 0x01 (Ed25519) or 0x02 (ECDSA, DER SPKI). The key "
            + "name is the log's origin.")
    String[] logs() default {};

    /** @return the state directory; empty means {@code <attestor.data.dir>/witness} */
    @AttributeDefinition(name = "Directory", required = false, description = "Where the latest cosigned checkpoint "
            + "of each log is kept. Empty: <attestor.data.dir>/witness.")
    String directory() default "";

    /** @return whether the endpoint answers */
    @AttributeDefinition(name = "Enabled", description = "When false every /witness path answers 404 and nothing is cosigned.")
    boolean enabled() default true;

    /** @return the largest accepted request body */
    @AttributeDefinition(name = "Max body bytes", min = "256", description = "Largest add-checkpoint body accepted (413 above).")
    int maxBodyBytes() default 65536;

    /** @return the name of the witness key in the key driver */
    @AttributeDefinition(name = "Key name", description = "Name of the Ed25519 witness key in the key driver; created "
            + "there on first start.")
    String keyName() default "witness";

    /** @return LDAP filter selecting the key driver */
    @AttributeDefinition(name = "Key driver", description = "LDAP filter selecting the KeyDriver service that holds the "
            + "witness key (it must support ED25519).")
    String keyDriver_target() default "(attestor.key.driver=file)";
}
