package org.stellaops.attestor.predicate.sbom;

/** The names of the facts this bundle extracts (see docs/predicates/sbom.md). */
final class SbomFacts {

    /** {@code CycloneDX} or {@code SPDX}. */
    static final String FORMAT = "sbom.format";
    /** The format version the document was validated as: {@code 1.4}, {@code 1.5}, {@code 1.6}, {@code 2.2}, {@code 2.3}. */
    static final String SPEC_VERSION = "sbom.specVersion";
    /** CycloneDX: entries of {@code components}, nested ones included; SPDX: entries of {@code packages}. */
    static final String COMPONENTS = "sbom.components";
    /** SPDX only: entries of {@code files}. */
    static final String FILES = "sbom.files";
    /** The package URLs of the components (and of the CycloneDX root component). */
    static final String PURLS = "sbom.purls";
    /** Licence ids, {@code LicenseRef-…} and names of licences without an id that components name. */
    static final String LICENSES = "sbom.licenses";
    /** Compound licence expressions as written. */
    static final String LICENSE_EXPRESSIONS = "sbom.licenseExpressions";
    /** Components that name no licence. */
    static final String COMPONENTS_WITHOUT_LICENSE = "sbom.componentsWithoutLicense";
    /** CycloneDX only, when present: the BOM's {@code serialNumber}. */
    static final String SERIAL_NUMBER = "sbom.serialNumber";
    /** SPDX only: the document's {@code documentNamespace}. */
    static final String DOCUMENT_NAMESPACE = "sbom.documentNamespace";

    private SbomFacts() {
    }
}
