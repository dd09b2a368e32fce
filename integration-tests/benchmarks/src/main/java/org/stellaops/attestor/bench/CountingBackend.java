package org.stellaops.attestor.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.message.ClientRequest;

/**
 * Passes everything to a MongoDB backend and counts the client requests per database. A benchmark run "with
 * MongoDB" that never reached the database (a missing bundle, a configuration file in the wrong place) would
 * otherwise silently measure the embedded store; these counts show which databases were really used.
 *
 * <p>A dynamic proxy rather than a delegating class: {@link MongoBackend}'s signatures name Netty types that
 * mongo-java-server only has at run time, and a proxy needs none of them to compile.
 */
final class CountingBackend implements InvocationHandler {

    private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");

    private final MongoBackend delegate;
    private final AtomicLong requests = new AtomicLong();
    private final Set<String> databases = ConcurrentHashMap.newKeySet();
    private MongoBackend proxy;

    private CountingBackend(MongoBackend delegate) {
        this.delegate = delegate;
    }

    /**
     * @param delegate the backend that does the work
     * @return the counter; its {@link #backend()} is what the server is given
     */
    static CountingBackend wrap(MongoBackend delegate) {
        CountingBackend counting = new CountingBackend(delegate);
        counting.proxy = (MongoBackend) Proxy.newProxyInstance(MongoBackend.class.getClassLoader(),
                new Class<?>[] {MongoBackend.class}, counting);
        return counting;
    }

    /** @return the counting backend */
    MongoBackend backend() {
        return proxy;
    }

    /** @return client requests (messages, commands, legacy queries) handled so far */
    long requests() {
        return requests.get();
    }

    /** @return the non-system databases named by a request so far, sorted */
    Set<String> databases() {
        return new TreeSet<>(databases);
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "handleMessage", "handleQuery" -> count(((ClientRequest) args[0]).getDatabaseName());
            case "handleCommand" -> count((String) args[1]);
            default -> { }
        }
        Object result;
        try {
            result = method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            // The server maps the backend's own exceptions (MongoServerError …) to wire errors: pass them as thrown.
            throw e.getCause();
        }
        return result == delegate ? proxy : result;
    }

    private void count(String database) {
        requests.incrementAndGet();
        if (database != null && !SYSTEM_DATABASES.contains(database)) {
            databases.add(database);
        }
    }
}
