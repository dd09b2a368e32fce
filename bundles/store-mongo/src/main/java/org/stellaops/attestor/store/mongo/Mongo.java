package org.stellaops.attestor.store.mongo;

import java.util.function.Supplier;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import org.stellaops.attestor.cas.StorageException;

/** Turns driver failures into {@link StorageException}s with the stable code {@code storage.failure}. */
final class Mongo {

    private Mongo() {
    }

    /**
     * @param what the operation, for the message
     * @param operation the database work
     * @param <T> the result
     * @return the result
     * @throws StorageException {@code storage.failure} if the driver fails
     */
    static <T> T call(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (MongoException e) {
            throw new StorageException(StorageException.FAILURE, what + " failed: " + e.getMessage(), e);
        }
    }

    /** @see #call(String, Supplier) */
    static void run(String what, Runnable operation) {
        call(what, () -> {
            operation.run();
            return null;
        });
    }

    /** @return whether the driver refused a write because a unique index already holds the key */
    static boolean duplicateKey(MongoException e) {
        return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
