package org.stellaops.attestor.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.osgi.framework.BundleContext;

/**
 * Test support only (never deployed): just enough of the OSGi runtime to call a component's activation
 * constructor outside a framework, namely a bundle context that answers framework properties, and configuration
 * annotations built from their defaults plus overrides (as Declarative Services builds them). Behaviour inside a
 * real framework is covered by the Pax Exam suite in integration-tests/osgi.
 */
public final class Osgi {

    private Osgi() {
    }

    /**
     * @param frameworkProperties what {@code getProperty} answers
     * @return a bundle context that supports only {@code getProperty}
     */
    public static BundleContext context(Map<String, String> frameworkProperties) {
        return (BundleContext) Proxy.newProxyInstance(Osgi.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return frameworkProperties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /**
     * @param type the {@code @ObjectClassDefinition} annotation type
     * @param overrides values by attribute name; other attributes take their declared defaults
     * @param <A> the annotation type
     * @return a configuration instance
     */
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
}
