package org.stellaops.attestor.store.mongo;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.stellaops.attestor.cas.ContentStore;

/**
 * Brings up {@link GridFsContentStore} (declared disabled) once its MongoDB answers, and again whenever it is not up
 * ({@link StartWhenReachable}). It shares the archive's PID, so a new configuration restarts the waiting.
 */
@Component(immediate = true, configurationPid = GridFsContentStore.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class GridFsStarter {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(" + GridFsContentStore.CAS_PROPERTY + "=" + GridFsContentStore.CAS_NAME + ")")
    private volatile ContentStore started;

    private StartWhenReachable starter;

    @Activate
    void activate(ComponentContext context, GridFsConfig config) {
        starter = new StartWhenReachable("GridFS envelope archive", () -> Connection.open(config).close(),
                StartWhenReachable.component(context, GridFsContentStore.class.getName(), () -> started != null),
                StartWhenReachable.MIN_DELAY, StartWhenReachable.MAX_DELAY,
                StartWhenReachable.grace(config.serverSelectionTimeoutMillis()));
    }

    @Deactivate
    void deactivate(ComponentContext context) {
        starter.close();
        context.disableComponent(GridFsContentStore.class.getName());
    }
}
