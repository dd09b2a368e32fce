package org.stellaops.attestor.predicate.sbom;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.stellaops.attestor.predicate.support.FactLists;

/**
 * Gathers the licence summary of an SBOM: the licences its components name (SPDX ids, {@code LicenseRef-…}
 * references, and names of licences given without an id), the compound licence expressions as written, and how many
 * components name no licence at all.
 */
final class Licenses {

    private static final Set<String> NO_LICENCE = Set.of("NOASSERTION", "NONE");

    private final Set<String> licenses = new HashSet<>();
    private final Set<String> expressions = new HashSet<>();
    private long componentsWithoutLicense;

    /** @param id an SPDX licence id or {@code LicenseRef-…} */
    void addId(String id) {
        licenses.add(id.strip());
    }

    /** @param name the name of a licence that has no SPDX id, as written */
    void addName(String name) {
        licenses.add(name.strip());
    }

    /**
     * Adds the licences of an SPDX licence expression ({@code MIT OR (Apache-2.0 WITH LLVM-exception)}): each licence
     * it names (exceptions after {@code WITH} are not licences), and the expression itself when it is compound.
     *
     * @param expression the expression as written
     * @return whether the expression names a licence ({@code NOASSERTION} and {@code NONE} name none)
     */
    boolean addExpression(String expression) {
        List<String> tokens = tokens(expression);
        boolean named = false;
        boolean exceptionNext = false;
        for (String token : tokens) {
            String upper = token.toUpperCase(Locale.ROOT);
            if (exceptionNext) {
                exceptionNext = false;
            } else if (upper.equals("WITH")) {
                exceptionNext = true;
            } else if (!upper.equals("AND") && !upper.equals("OR") && !NO_LICENCE.contains(upper)) {
                licenses.add(token);
                named = true;
            }
        }
        if (named && tokens.size() > 1) {
            expressions.add(expression.strip());
        }
        return named;
    }

    /** Counts one component that names no licence. */
    void addComponentWithoutLicense() {
        componentsWithoutLicense++;
    }

    /**
     * Puts {@code sbom.licenses}, {@code sbom.licenseExpressions} and {@code sbom.componentsWithoutLicense}.
     *
     * @param facts the facts to add to
     */
    void putFacts(Map<String, Object> facts) {
        FactLists.put(facts, SbomFacts.LICENSES, licenses);
        FactLists.put(facts, SbomFacts.LICENSE_EXPRESSIONS, expressions);
        facts.put(SbomFacts.COMPONENTS_WITHOUT_LICENSE, componentsWithoutLicense);
    }

    private static List<String> tokens(String expression) {
        String spaced = expression.replace("(", " ").replace(")", " ").strip();
        return spaced.isEmpty() ? List.of() : List.of(spaced.split("\\s+"));
    }
}
