package org.stellaops.attestor.predicate.vex;

import java.util.List;

/**
 * One VEX statement reduced to what the facts need: a vulnerability, the products it is about and their status.
 *
 * @param vulnerability the vulnerability id (OpenVEX {@code vulnerability.name}, CycloneDX {@code id})
 * @param products the product ids (inherited from the in-toto subjects when the statement names none)
 * @param status the status
 */
record VexStatement(String vulnerability, List<String> products, VexStatus status) {

    VexStatement {
        products = List.copyOf(products);
    }

    /** @return {@code vulnerability|product|status} for each product, the form of the {@code vex.statements} fact */
    List<String> triples() {
        return products.stream().map(product -> vulnerability + "|" + product + "|" + status.label()).toList();
    }
}
