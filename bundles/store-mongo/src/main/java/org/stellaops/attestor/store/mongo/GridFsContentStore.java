package org.stellaops.attestor.store.mongo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import com.mongodb.MongoException;
import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.cas.ContentStore;
import org.stellaops.attestor.cas.StorageException;

/**
 * A {@link ContentStore} in a MongoDB GridFS bucket ({@code envelopes.files} + {@code envelopes.chunks} unless
 * configured), for deployments whose workers share no file system. An object's GridFS filename is the lowercase hex
 * SHA-256 of its bytes, unique by index, so an address names at most one object. GridFS writes the chunks first and
 * the files document last, so a reader (who finds objects through the files document) never sees a partial object;
 * with the write concern majority + journal, a put that returned survives a crash and a fail-over. Every read is
 * re-hashed; bytes that no longer match their address are reported ({@code storage.corrupt}) and never returned.
 *
 * <p>Needs configuration (PID {@value #PID}, at least {@code uri}); registers with
 * {@value #CAS_PROPERTY}={@value #CAS_NAME} and {@code service.ranking} {@value #DEFAULT_RANKING}, above cas-fs.
 * Declared disabled: {@link GridFsStarter} enables it once MongoDB answers, and again when it fails.
 */
@Component(service = ContentStore.class, immediate = true, enabled = false, configurationPid = GridFsContentStore.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {GridFsContentStore.CAS_PROPERTY + "=" + GridFsContentStore.CAS_NAME,
                "service.ranking:Integer=" + GridFsContentStore.DEFAULT_RANKING})
@Designate(ocd = GridFsConfig.class)
public final class GridFsContentStore implements ContentStore, AutoCloseable {

    /** The ConfigAdmin PID. */
    public static final String PID = "org.stellaops.attestor.cas.gridfs";
    /** Service property naming the content store implementation. */
    public static final String CAS_PROPERTY = "attestor.cas";
    /** This implementation's {@value #CAS_PROPERTY} value. */
    public static final String CAS_NAME = "gridfs";
    /** The default service ranking (cas-fs ranks 0). */
    public static final int DEFAULT_RANKING = 100;

    private static final Logger LOG = LoggerFactory.getLogger(GridFsContentStore.class);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final MongoClient client;
    private final GridFSBucket bucket;
    private final MongoCollection<Document> files;
    private final MongoCollection<Document> chunks;

    /**
     * Activates the component: connects and makes sure the bucket's indexes exist.
     *
     * @param config the configuration
     * @throws StorageException {@code storage.failure} if MongoDB is unreachable, the uri is malformed or the
     *                          unique filename index cannot be created (e.g. the bucket holds duplicates)
     */
    @Activate
    public GridFsContentStore(GridFsConfig config) {
        this.client = Connection.open(config);
        try {
            MongoDatabase db = Connection.database(client, config.database());
            String name = config.bucket() == null || config.bucket().isBlank() ? "envelopes" : config.bucket().trim();
            this.bucket = GridFSBuckets.create(db, name);
            this.files = db.getCollection(name + ".files");
            this.chunks = db.getCollection(name + ".chunks");
            createIndexes(name);
            LOG.info("GridFS content store ready: hosts {}, database {}, bucket {}", Connection.hosts(config.uri()),
                    db.getName(), name);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private void createIndexes(String name) {
        try {
            // the names are the driver's defaults, so its own lazy index creation finds them and adds nothing
            files.createIndex(Indexes.ascending("filename"), new IndexOptions().unique(true));
            chunks.createIndex(Indexes.ascending("files_id", "n"), new IndexOptions().unique(true));
        } catch (MongoException e) {
            throw new StorageException(StorageException.FAILURE, "cannot create the indexes of GridFS bucket "
                    + name + " (does it hold two files with one name?): " + e.getMessage(), e);
        }
    }

    @Override
    public String put(byte[] content) {
        String hex = sha256Hex(content);
        if (contains(hex)) {
            return hex;
        }
        upload(hex, content);
        return hex;
    }

    /**
     * Uploads unconditionally; a concurrent upload of the same bytes that got its files document in first makes
     * ours a duplicate, whose chunks are then deleted. Either way the address holds exactly these bytes.
     */
    void upload(String hex, byte[] content) {
        BsonObjectId id = new BsonObjectId(new ObjectId());
        try {
            bucket.uploadFromStream(id, hex, new ByteArrayInputStream(content));
        } catch (MongoException e) {
            // the files document was refused or never written: our chunks are orphans either way
            deleteChunks(id, hex, e);
            if (duplicateKey(e)) {
                return;
            }
            throw new StorageException(StorageException.FAILURE, "cannot store object " + hex + ": "
                    + e.getMessage(), e);
        }
    }

    private void deleteChunks(BsonObjectId id, String hex, MongoException cause) {
        try {
            chunks.deleteMany(Filters.eq("files_id", id));
        } catch (MongoException e) {
            cause.addSuppressed(e);
            LOG.warn("could not delete the orphaned chunks of a failed upload of {} (files_id {}): {}", hex,
                    id.getValue(), e.getMessage());
        }
    }

    @Override
    public Optional<byte[]> get(String sha256Hex) {
        requireAddress(sha256Hex);
        Document file = find(sha256Hex);
        if (file == null) {
            return Optional.empty();
        }
        byte[] bytes = download(sha256Hex, file);
        if (!sha256Hex.equals(sha256Hex(bytes))) {
            throw corrupt(sha256Hex, "its bytes no longer hash to its address", null);
        }
        return Optional.of(bytes);
    }

    private byte[] download(String hex, Document file) {
        Object length = file.get("length");
        if (length instanceof Number n && n.longValue() > Integer.MAX_VALUE - 8) {
            throw new StorageException(StorageException.FAILURE, "object " + hex + " is too large to read into "
                    + "memory (" + n + " bytes)", null);
        }
        try (InputStream in = bucket.openDownloadStream(file.getObjectId("_id"))) {
            return in.readAllBytes();
        } catch (MongoGridFSException e) {
            // GridFS found chunks missing, out of order or of the wrong size
            throw corrupt(hex, e.getMessage(), e);
        } catch (MongoException | IOException e) {
            throw new StorageException(StorageException.FAILURE, "cannot read object " + hex + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean contains(String sha256Hex) {
        requireAddress(sha256Hex);
        return find(sha256Hex) != null;
    }

    private Document find(String hex) {
        try {
            return files.find(Filters.eq("filename", hex)).projection(Projections.include("_id", "length")).first();
        } catch (MongoException e) {
            throw new StorageException(StorageException.FAILURE, "cannot look up object " + hex + ": "
                    + e.getMessage(), e);
        }
    }

    private static StorageException corrupt(String hex, String why, Throwable cause) {
        LOG.error("content-store object {} is corrupt: {}", hex, why);
        return new StorageException(StorageException.CORRUPT, "object " + hex + " is corrupt: " + why, cause);
    }

    private static void requireAddress(String sha256Hex) {
        if (sha256Hex == null || !SHA256_HEX.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("a content address is 64 lowercase hex digits");
        }
    }

    private static boolean duplicateKey(MongoException e) {
        return e.getCode() == 11000 || e.getCode() == 11001;
    }

    static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Closes the client. */
    @Deactivate
    @Override
    public void close() {
        client.close();
    }
}
