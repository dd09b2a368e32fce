package org.stellaops.attestor.predicate.sbom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stellaops.attestor.testing.predicate.TestStatements;

/**
 * Generates large, valid SBOM statements deterministically (the same arguments give the same bytes): a Maven-style
 * inventory with real SHA-256 digests of the component names, licences given as ids, expressions and names, nested
 * components and a dependency graph.
 */
final class LargeSboms {

    /** Licence ids the generated components cycle through. */
    static final List<String> LICENSE_IDS = List.of("Apache-2.0", "MIT", "BSD-3-Clause", "EPL-2.0", "MPL-2.0");
    /** The compound expression every seventh component carries. */
    static final String EXPRESSION = "EPL-1.0 OR LGPL-2.1-only";

    private static final String ROOT_NAME = "pkg:oci/platform-monolith";

    private LargeSboms() {
    }

    /** @return the sha256 hex of the root artifact, which the statement's only subject carries */
    static String rootDigest() {
        return sha256(ROOT_NAME);
    }

    /** @return the purl of generated component {@code i} */
    static String purl(int i) {
        return "pkg:maven/org.example.group" + (i % 50) + "/lib-" + i + "@1." + (i % 7) + "." + i + "?type=jar";
    }

    /**
     * @param specVersion "1.4", "1.5" or "1.6"
     * @param components how many components, nested ones included (every tenth top-level component holds two)
     * @return a statement under {@code https://cyclonedx.org/bom}
     */
    static TestStatements cycloneDx(String specVersion, int components) {
        ObjectNode bom = TestStatements.MAPPER.createObjectNode();
        bom.put("bomFormat", "CycloneDX").put("specVersion", specVersion)
                .put("serialNumber", "urn:uuid:00000000-0000-4000-8000-" + String.format("%012d", components))
                .put("version", 1);
        ObjectNode metadata = bom.putObject("metadata").put("timestamp", "2024-07-01T12:00:00Z");
        ObjectNode tool = TestStatements.MAPPER.createObjectNode().put("name", "generator").put("version", "1.0.0");
        if (specVersion.equals("1.4")) {
            metadata.putArray("tools").add(tool.put("vendor", "StellaOps"));
        } else {
            metadata.putObject("tools").putArray("components").add(tool.put("type", "application"));
        }
        metadata.putObject("component").put("type", "container").put("bom-ref", "root").put("name", "platform-monolith")
                .put("purl", ROOT_NAME).putArray("hashes").addObject().put("alg", "SHA-256").put("content", rootDigest());
        ArrayNode list = bom.putArray("components");
        ArrayNode dependencies = bom.putArray("dependencies");
        ArrayNode rootDependsOn = dependencies.addObject().put("ref", "root").putArray("dependsOn");
        int made = 0;
        ObjectNode previous = null;
        while (made < components) {
            ObjectNode component = component(made++);
            list.add(component);
            rootDependsOn.add(component.get("bom-ref").asText());
            if (made % 10 == 0) {
                ArrayNode nested = component.putArray("components");
                for (int n = 0; n < 2 && made < components; n++) {
                    nested.add(component(made++));
                }
            }
            if (previous != null) {
                dependencies.addObject().put("ref", previous.get("bom-ref").asText()).putArray("dependsOn")
                        .add(component.get("bom-ref").asText());
            }
            previous = component;
        }
        return statement(bom, "https://cyclonedx.org/bom");
    }

    private static ObjectNode component(int i) {
        ObjectNode component = TestStatements.MAPPER.createObjectNode();
        component.put("type", "library").put("bom-ref", "c" + i).put("group", "org.example.group" + (i % 50))
                .put("name", "lib-" + i).put("version", "1." + (i % 7) + "." + i).put("purl", purl(i));
        component.putArray("hashes").addObject().put("alg", "SHA-256").put("content", sha256("lib-" + i));
        switch (i % 7) {
            case 5:
                component.putArray("licenses").addObject().put("expression", EXPRESSION);
                break;
            case 6:
                if (i % 14 == 6) {
                    component.putArray("licenses").addObject().putObject("license").put("name", "Vendor licence " + (i % 3));
                }
                break;
            default:
                component.putArray("licenses").addObject().putObject("license").put("id", LICENSE_IDS.get(i % 7));
        }
        return component;
    }

    /**
     * @param spdxVersion "SPDX-2.2" or "SPDX-2.3"
     * @param packages how many packages besides the described root package
     * @param files how many files
     * @return a statement under {@code https://spdx.dev/Document}
     */
    static TestStatements spdx(String spdxVersion, int packages, int files) {
        ObjectNode document = TestStatements.MAPPER.createObjectNode();
        document.put("spdxVersion", spdxVersion).put("dataLicense", "CC0-1.0").put("SPDXID", "SPDXRef-DOCUMENT")
                .put("name", "platform-monolith")
                .put("documentNamespace", "https://stella-ops.org/spdxdocs/platform-monolith-" + packages);
        ObjectNode creationInfo = document.putObject("creationInfo").put("created", "2024-07-01T12:00:00Z");
        creationInfo.putArray("creators").add("Tool: generator-1.0.0");
        ArrayNode list = document.putArray("packages");
        ArrayNode relationships = document.putArray("relationships");
        ObjectNode root = spdxPackage(list, "SPDXRef-Root", "platform-monolith", "NOASSERTION", ROOT_NAME);
        root.putArray("checksums").addObject().put("algorithm", "SHA256").put("checksumValue", rootDigest());
        relationships.addObject().put("spdxElementId", "SPDXRef-DOCUMENT").put("relationshipType", "DESCRIBES")
                .put("relatedSpdxElement", "SPDXRef-Root");
        for (int i = 0; i < packages; i++) {
            String license = i % 7 == 5 ? EXPRESSION : i % 7 == 6 ? "NOASSERTION" : LICENSE_IDS.get(i % 7);
            ObjectNode pkg = spdxPackage(list, "SPDXRef-Package-" + i, "lib-" + i, license, purl(i));
            pkg.put("versionInfo", "1." + (i % 7) + "." + i);
            pkg.putArray("checksums").addObject().put("algorithm", "SHA256").put("checksumValue", sha256("lib-" + i));
            relationships.addObject().put("spdxElementId", "SPDXRef-Root").put("relationshipType", "CONTAINS")
                    .put("relatedSpdxElement", "SPDXRef-Package-" + i);
        }
        ArrayNode fileList = document.putArray("files");
        for (int i = 0; i < files; i++) {
            ObjectNode file = fileList.addObject().put("SPDXID", "SPDXRef-File-" + i).put("fileName", "./lib/file-" + i)
                    .put("licenseConcluded", "NOASSERTION").put("copyrightText", "NOASSERTION");
            file.putArray("checksums").addObject().put("algorithm", "SHA1")
                    .put("checksumValue", sha256("file-" + i).substring(0, 40));
            file.putArray("licenseInfoInFiles").add("NOASSERTION");
        }
        return statement(document, "https://spdx.dev/Document");
    }

    private static ObjectNode spdxPackage(ArrayNode list, String id, String name, String license, String purl) {
        ObjectNode pkg = list.addObject().put("SPDXID", id).put("name", name).put("downloadLocation", "NOASSERTION")
                .put("filesAnalyzed", false).put("licenseConcluded", license).put("licenseDeclared", license)
                .put("copyrightText", "NOASSERTION");
        pkg.putArray("externalRefs").addObject().put("referenceCategory", "PACKAGE-MANAGER")
                .put("referenceType", "purl").put("referenceLocator", purl);
        return pkg;
    }

    private static TestStatements statement(ObjectNode predicate, String predicateType) {
        ObjectNode statement = TestStatements.MAPPER.createObjectNode();
        statement.put("_type", "https://in-toto.io/Statement/v1");
        statement.putArray("subject").addObject().put("name", "platform-monolith").putObject("digest")
                .put("sha256", rootDigest());
        statement.put("predicateType", predicateType);
        statement.set("predicate", predicate);
        return TestStatements.of(statement);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }
}
