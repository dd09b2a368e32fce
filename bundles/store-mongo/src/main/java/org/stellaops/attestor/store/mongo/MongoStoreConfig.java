package org.stellaops.attestor.store.mongo;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the MongoDB store (PID {@value MongoStore#PID}). Options set here win over the same options in
 * the uri.
 */
@ObjectClassDefinition(name = "Attestor MongoDB store",
        description = "Entries, outbox leases, the audit chain and trust roots in a MongoDB replica set or sharded "
                + "cluster. Configuring it switches the core over (it ranks above the embedded store).")
public @interface MongoStoreConfig {

    /** @return the connection string; may hold credentials, so it is never logged */
    @AttributeDefinition(name = "URI", description = "mongodb:// or mongodb+srv:// connection string "
            + "(never logged: it may hold credentials).")
    String uri();

    /**
     * @return the password of the user named in the uri; a private property (leading dot), so unlike the uri it is
     *         not copied into the service properties
     */
    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Password of the user named in the uri (mongodb://user@host/...). Kept out of the "
                    + "service registry, unlike a password inside the uri.")
    String _password() default "";

    /** @return the database name */
    @AttributeDefinition(name = "Database", description = "Database holding the Attestor collections.")
    String database() default "attestor";

    /** @return how long to wait for a suitable server before an operation fails */
    @AttributeDefinition(name = "Server selection timeout (ms)", min = "1")
    int serverSelectionTimeoutMillis() default 10000;

    /** @return TCP connect timeout */
    @AttributeDefinition(name = "Connect timeout (ms)", min = "0")
    int connectTimeoutMillis() default 10000;

    /** @return socket read timeout; 0 waits forever */
    @AttributeDefinition(name = "Socket timeout (ms)", min = "0",
            description = "Read timeout of one operation on the socket; 0 waits forever.")
    int socketTimeoutMillis() default 30000;

    /** @return {@code majority}, a number of members, or a tag-set name */
    @AttributeDefinition(name = "Write concern", description = "majority, a number of members, or a tag-set name.")
    String writeConcern() default "majority";

    /** @return whether writes wait for the journal */
    @AttributeDefinition(name = "Journaled writes")
    boolean journal() default true;

    /** @return the read concern level */
    @AttributeDefinition(name = "Read concern", description = "local, available, majority or linearizable.")
    String readConcern() default "majority";

    /** @return seconds between passes of the audit repair; 0 runs it only at start */
    @AttributeDefinition(name = "Audit repair interval (s)", min = "0",
            description = "How often records whose creation event is still unwritten (a worker crashed between "
                    + "the two writes) get their event appended; 0 only at start.")
    int auditRepairIntervalSeconds() default 60;

    /** @return the service ranking; the core binds the highest-ranked store */
    @AttributeDefinition(name = "Ranking (service.ranking)",
            description = "The core binds the highest-ranked store greedily; the embedded store ranks 0.")
    int service_ranking() default MongoStore.DEFAULT_RANKING;
}
