package org.stellaops.attestor.predicate.slsa;

/**
 * The SLSA provenance predicate types this bundle handles, each with the schema shipped in the bundle.
 */
enum ProvenanceVersion {
    /** SLSA v1.0 provenance ({@code buildDefinition} / {@code runDetails}). */
    V1("https://slsa.dev/provenance/v1", "v1", "/schemas/slsa-provenance-v1.schema.json"),
    /** SLSA v0.2 provenance ({@code builder}, {@code buildType}, {@code invocation}, {@code materials}). */
    V0_2("https://slsa.dev/provenance/v0.2", "v0.2", "/schemas/slsa-provenance-v0.2.schema.json");

    private final String predicateType;
    private final String label;
    private final String schemaResource;

    ProvenanceVersion(String predicateType, String label, String schemaResource) {
        this.predicateType = predicateType;
        this.label = label;
        this.schemaResource = schemaResource;
    }

    /** @return the predicate type URI, compared by exact string equality */
    String predicateType() {
        return predicateType;
    }

    /** @return the value of the {@code slsa.version} fact */
    String label() {
        return label;
    }

    /** @return the class-path location of the JSON Schema inside this bundle */
    String schemaResource() {
        return schemaResource;
    }
}
