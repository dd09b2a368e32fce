package org.stellaops.attestor.it.e2e;

import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generated npm components for the CycloneDX 1.6 statement, with a licence pattern whose facts are known in
 * advance: every tenth component names no licence, every 250th (offset 1) a compound expression, the others
 * {@code Apache-2.0} (index divisible by 3) or {@code MIT}.
 */
final class CycloneDxBom {

    /** The compound licence expression some components carry. */
    static final String EXPRESSION = "MIT OR Apache-2.0";
    /** The purl of the component the BOM describes ({@code metadata.component}). */
    static final String ROOT_PURL = "pkg:npm/e2e-storefront@4.2.0";

    private CycloneDxBom() {
    }

    /** The name prefix of generated components unless a test chooses another. */
    static final String PREFIX = "e2e-lib";

    /** Replaces the statement's {@code predicate.components} with {@code count} generated components. */
    static void addComponents(ObjectNode statement, int count) {
        addComponents(statement, count, PREFIX);
    }

    /**
     * Replaces the statement's {@code predicate.components} with {@code count} generated components named
     * {@code <prefix>-<index>}, so that two generated BOMs of one test share no component.
     */
    static void addComponents(ObjectNode statement, int count, String prefix) {
        ArrayNode components = ((ObjectNode) statement.path("predicate")).putArray("components");
        for (int i = 0; i < count; i++) {
            ObjectNode component = components.addObject();
            component.put("type", "library");
            component.put("bom-ref", name(prefix, i) + "@" + version(i));
            component.put("name", name(prefix, i));
            component.put("version", version(i));
            component.put("description", "generated component " + i);
            component.put("purl", purl(prefix, i));
            if (withoutLicense(i)) {
                continue;
            }
            ObjectNode choice = component.putArray("licenses").addObject();
            if (i % 250 == 1) {
                choice.put("expression", EXPRESSION);
            } else {
                choice.putObject("license").put("id", i % 3 == 0 ? "Apache-2.0" : "MIT");
            }
        }
    }

    /** @return the purl of generated component {@code i} */
    static String purl(int i) {
        return purl(PREFIX, i);
    }

    static String purl(String prefix, int i) {
        return "pkg:npm/" + name(prefix, i) + "@" + version(i);
    }

    /** @return every purl of a BOM with {@code count} generated components, metadata component included, sorted */
    static Set<String> purls(int count) {
        return purls(PREFIX, count);
    }

    static Set<String> purls(String prefix, int count) {
        Set<String> purls = new TreeSet<>();
        purls.add(ROOT_PURL);
        for (int i = 0; i < count; i++) {
            purls.add(purl(prefix, i));
        }
        return purls;
    }

    /** @return how many of {@code count} generated components name no licence */
    static long componentsWithoutLicense(int count) {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += withoutLicense(i) ? 1 : 0;
        }
        return n;
    }

    private static boolean withoutLicense(int i) {
        return i % 10 == 0;
    }

    private static String name(String prefix, int i) {
        return String.format("%s-%04d", prefix, i);
    }

    private static String version(int i) {
        return "1." + (i / 100) + "." + (i % 100);
    }
}
