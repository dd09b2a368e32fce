package org.stellaops.attestor.predicate.scan;

/**
 * The scan predicate types this bundle handles, each with the schema shipped in the bundle.
 */
enum ScanPredicateType {
    /** The StellaOps ScanResults predicate, whose schema StellaOps defines. */
    SCAN_RESULTS("https://stella-ops.org/attestation/scan-results/v1", "scan-results/v1",
            "/schemas/scan-results-v1.schema.json"),
    /** The cosign vulnerability scan record, with a schema written from its specification. */
    COSIGN_VULN("https://cosign.sigstore.dev/attestation/vuln/v1", "cosign-vuln/v1",
            "/schemas/cosign-vuln-v1.schema.json");

    private final String uri;
    private final String label;
    private final String schemaResource;

    ScanPredicateType(String uri, String label, String schemaResource) {
        this.uri = uri;
        this.label = label;
        this.schemaResource = schemaResource;
    }

    /** @return the predicate type URI, compared by exact string equality */
    String uri() {
        return uri;
    }

    /** @return the value of the {@code scan.format} fact */
    String label() {
        return label;
    }

    /** @return the class-path location of the JSON Schema inside this bundle */
    String schemaResource() {
        return schemaResource;
    }
}
