package org.stellaops.attestor.store.mongo;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the GridFS content store (PID {@value GridFsContentStore#PID}). Options set here win over the
 * same options in the uri.
 */
@ObjectClassDefinition(name = "Attestor content store (MongoDB GridFS)",
        description = "Content-addressed archive of envelope bytes in a MongoDB GridFS bucket, for clustered "
                + "deployments. Configuring it switches the core over (it ranks above the file-system store).")
public @interface GridFsConfig {

    /** @return the connection string; may hold credentials, so it is never logged */
    @AttributeDefinition(name = "URI", description = "mongodb:// or mongodb+srv:// connection string "
            + "(never logged: it may hold credentials).")
    String uri();

    /** @return the password of the user named in the uri, kept out of the service properties */
    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Password of the user named in the uri (mongodb://user@host/...). Kept out of the "
                    + "service registry, unlike a password inside the uri.")
    String _password() default "";

    /** @return the database name */
    @AttributeDefinition(name = "Database")
    String database() default "attestor";

    /** @return the GridFS bucket: collections {@code <bucket>.files} and {@code <bucket>.chunks} */
    @AttributeDefinition(name = "Bucket", description = "GridFS bucket name (collections <bucket>.files and "
            + "<bucket>.chunks).")
    String bucket() default "envelopes";

    /** @return how long to wait for a suitable server before an operation fails */
    @AttributeDefinition(name = "Server selection timeout (ms)", min = "1")
    int serverSelectionTimeoutMillis() default 10000;

    /** @return TCP connect timeout */
    @AttributeDefinition(name = "Connect timeout (ms)", min = "0")
    int connectTimeoutMillis() default 10000;

    /** @return socket read timeout; 0 waits forever */
    @AttributeDefinition(name = "Socket timeout (ms)", min = "0")
    int socketTimeoutMillis() default 30000;

    /** @return {@code majority}, a number of members, or a tag-set name */
    @AttributeDefinition(name = "Write concern")
    String writeConcern() default "majority";

    /** @return whether writes wait for the journal */
    @AttributeDefinition(name = "Journaled writes")
    boolean journal() default true;

    /** @return the read concern level */
    @AttributeDefinition(name = "Read concern", description = "local, available, majority or linearizable.")
    String readConcern() default "majority";

    /** @return the service ranking; the core binds the highest-ranked content store */
    @AttributeDefinition(name = "Ranking (service.ranking)",
            description = "The core binds the highest-ranked content store greedily; cas-fs ranks 0.")
    int service_ranking() default GridFsContentStore.DEFAULT_RANKING;
}
