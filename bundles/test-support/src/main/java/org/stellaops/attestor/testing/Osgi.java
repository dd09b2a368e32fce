package org.stellaops.attestor.testing;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Test support only (never deployed). Just enough of the OSGi runtime to call a component's activation constructor outside a framework: a bundle
 * context that answers framework properties and records service registrations, and configuration annotations
 * built from their defaults plus overrides (as Declarative Services builds them).
 */
public final class Osgi {

    /** A service registration made through {@link #context}. */
    public static final class Registration {
        public final Class<?> type;
        public final Object service;
        public final Dictionary<String, ?> properties;
        public boolean unregistered;

        Registration(Class<?> type, Object service, Dictionary<String, ?> properties) {
            this.type = type;
            this.service = service;
            this.properties = properties;
        }
    }

    private Osgi() {
    }

    public static BundleContext context(Map<String, String> frameworkProperties, List<Registration> registrations) {
        return (BundleContext) Proxy.newProxyInstance(Osgi.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return frameworkProperties.get((String) args[0]);
                    }
                    if (method.getName().equals("registerService") && method.getParameterTypes()[0] == Class.class) {
                        @SuppressWarnings("unchecked")
                        Registration r = new Registration((Class<?>) args[0], args[1], (Dictionary<String, ?>) args[2]);
                        registrations.add(r);
                        return registration(r);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ServiceRegistration<?> registration(Registration r) {
        return (ServiceRegistration<?>) Proxy.newProxyInstance(Osgi.class.getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        r.unregistered = true;
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    public static <A> A config(Class<A> type, Map<String, Object> overrides) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    public static List<Registration> newRegistrations() {
        return new ArrayList<>();
    }
}
