package org.stellaops.attestor.store.mongo;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.stellaops.attestor.store.EntryStore;

/**
 * Brings up {@link MongoStore} (declared disabled) once its MongoDB answers, and again whenever it is not up
 * ({@link StartWhenReachable}). It shares the store's PID, so a new configuration restarts the waiting with the new
 * settings.
 */
@Component(immediate = true, configurationPid = MongoStore.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class MongoStoreStarter {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(" + MongoStore.STORE_PROPERTY + "=" + MongoStore.STORE_NAME + ")")
    private volatile EntryStore started;

    private StartWhenReachable starter;

    @Activate
    void activate(ComponentContext context, MongoStoreConfig config) {
        starter = new StartWhenReachable("MongoDB record store", () -> Connection.open(config).close(),
                StartWhenReachable.component(context, MongoStore.class.getName(), () -> started != null),
                StartWhenReachable.MIN_DELAY, StartWhenReachable.MAX_DELAY,
                StartWhenReachable.grace(config.serverSelectionTimeoutMillis()));
    }

    @Deactivate
    void deactivate(ComponentContext context) {
        starter.close();
        context.disableComponent(MongoStore.class.getName());
    }
}
