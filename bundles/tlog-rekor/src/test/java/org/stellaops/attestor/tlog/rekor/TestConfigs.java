package org.stellaops.attestor.tlog.rekor;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds {@link RekorLogConfig} instances the way DS does: configured values by property name, else the attribute
 * defaults.
 */
final class TestConfigs {

    private TestConfigs() {
    }

    static RekorLogConfig of(Map<String, Object> values) {
        Map<String, Object> copy = new HashMap<>(values);
        return (RekorLogConfig) Proxy.newProxyInstance(RekorLogConfig.class.getClassLoader(),
                new Class<?>[] {RekorLogConfig.class}, (proxy, method, args) -> {
                    String property = method.getName().replace('_', '.');
                    if (copy.containsKey(property)) {
                        return copy.get(property);
                    }
                    if (method.getName().equals("annotationType")) {
                        return RekorLogConfig.class;
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(copy, args);
                    }
                    return null;
                });
    }
}
