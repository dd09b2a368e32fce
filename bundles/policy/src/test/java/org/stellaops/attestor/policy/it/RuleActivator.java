package org.stellaops.attestor.policy.it;

import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.stellaops.attestor.api.policy.PolicyRule;

/** Registers {@link AlwaysPassRule} while its bundle is active. */
public final class RuleActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(PolicyRule.class, new AlwaysPassRule(), new Hashtable<>());
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service when the bundle stops
    }
}
