package org.stellaops.attestor.store.mongo;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.mongodb.AuthenticationMechanism;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ReadConcern;
import com.mongodb.ReadConcernLevel;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.stellaops.attestor.cas.StorageException;

/**
 * Opens the client and proves the server answers. Messages name the hosts of the uri, never the uri itself (it may
 * hold credentials).
 */
final class Connection {

    private Connection() {
    }

    /** What a connection needs, from either configuration of this bundle. */
    record Settings(String uri, String password, int serverSelectionTimeoutMillis, int connectTimeoutMillis,
                    int socketTimeoutMillis, String writeConcern, boolean journal, String readConcern) {
    }

    /** @return a client of the record store's database, whose server answered a ping */
    static MongoClient open(MongoStoreConfig c) {
        return open(new Settings(c.uri(), c._password(), c.serverSelectionTimeoutMillis(), c.connectTimeoutMillis(),
                c.socketTimeoutMillis(), c.writeConcern(), c.journal(), c.readConcern()));
    }

    /** @return a client of the envelope archive's database, whose server answered a ping */
    static MongoClient open(GridFsConfig c) {
        return open(new Settings(c.uri(), c._password(), c.serverSelectionTimeoutMillis(), c.connectTimeoutMillis(),
                c.socketTimeoutMillis(), c.writeConcern(), c.journal(), c.readConcern()));
    }

    /**
     * @param config the connection settings
     * @return a client whose server answered a ping
     * @throws StorageException {@code storage.failure} if the uri is malformed or no server answers in time
     */
    static MongoClient open(Settings config) {
        ConnectionString uri = parse(config.uri());
        String hosts = String.join(",", uri.getHosts());
        MongoClientSettings.Builder builder = MongoClientSettings.builder().applyConnectionString(uri);
        if (config.password() != null && !config.password().isEmpty()) {
            builder.credential(credential(uri, config.password().toCharArray()));
        }
        MongoClientSettings settings = builder
                .applicationName("stellaops-attestor")
                .applyToClusterSettings(b -> b.serverSelectionTimeout(
                        Math.max(1, config.serverSelectionTimeoutMillis()), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b
                        .connectTimeout(Math.max(0, config.connectTimeoutMillis()), TimeUnit.MILLISECONDS)
                        .readTimeout(Math.max(0, config.socketTimeoutMillis()), TimeUnit.MILLISECONDS))
                .writeConcern(writeConcern(config.writeConcern(), config.journal()))
                .readConcern(readConcern(config.readConcern()))
                .build();
        MongoClient client = MongoClients.create(settings);
        try {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
            return client;
        } catch (MongoTimeoutException e) {
            client.close();
            throw new StorageException(StorageException.FAILURE, "MongoDB at " + hosts + " is unreachable: no "
                    + "server answered within " + config.serverSelectionTimeoutMillis() + " ms", e);
        } catch (MongoSecurityException e) {
            client.close();
            throw new StorageException(StorageException.FAILURE, "MongoDB at " + hosts
                    + " refused the credentials of the configured uri", e);
        } catch (MongoException e) {
            client.close();
            throw new StorageException(StorageException.FAILURE, "MongoDB at " + hosts + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** @return the hosts of the uri, for messages */
    static List<String> hosts(String uri) {
        return parse(uri).getHosts();
    }

    private static ConnectionString parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new StorageException(StorageException.FAILURE, "no MongoDB uri is configured", null);
        }
        try {
            return new ConnectionString(uri.trim());
        } catch (IllegalArgumentException e) {
            // the driver's message may quote the uri, credentials included: keep only the fact
            throw new StorageException(StorageException.FAILURE, "the configured MongoDB uri is malformed "
                    + "(details withheld: the uri may hold credentials)", null);
        }
    }

    /** The user, source and mechanism of the uri with the separately configured password. */
    private static MongoCredential credential(ConnectionString uri, char[] password) {
        MongoCredential named = uri.getCredential();
        if (named == null || named.getUserName() == null) {
            throw new StorageException(StorageException.FAILURE, "a MongoDB password is configured but the uri "
                    + "names no user (mongodb://user@host/...)", null);
        }
        String user = named.getUserName();
        String source = named.getSource();
        AuthenticationMechanism mechanism = named.getAuthenticationMechanism();
        if (mechanism == null) {
            return MongoCredential.createCredential(user, source, password);
        }
        return switch (mechanism) {
            case SCRAM_SHA_1 -> MongoCredential.createScramSha1Credential(user, source, password);
            case SCRAM_SHA_256 -> MongoCredential.createScramSha256Credential(user, source, password);
            case PLAIN -> MongoCredential.createPlainCredential(user, source, password);
            default -> throw new StorageException(StorageException.FAILURE, "authMechanism " + mechanism
                    + " takes no password; remove the configured password", null);
        };
    }

    static WriteConcern writeConcern(String value, boolean journal) {
        String w = value == null || value.isBlank() ? "majority" : value.trim();
        WriteConcern concern;
        if (w.equalsIgnoreCase("majority")) {
            concern = WriteConcern.MAJORITY;
        } else if (w.chars().allMatch(Character::isDigit)) {
            concern = new WriteConcern(Integer.parseInt(w));
        } else {
            concern = new WriteConcern(w);
        }
        return concern.withJournal(journal);
    }

    static ReadConcern readConcern(String value) {
        String level = value == null || value.isBlank() ? "majority" : value.trim().toLowerCase(Locale.ROOT);
        try {
            return new ReadConcern(ReadConcernLevel.fromString(level));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("readConcern must be local, available, majority or linearizable, "
                    + "not " + value, e);
        }
    }

    /** @return the database with the client's concerns */
    static MongoDatabase database(MongoClient client, String name) {
        return client.getDatabase(name == null || name.isBlank() ? "attestor" : name.trim());
    }
}
