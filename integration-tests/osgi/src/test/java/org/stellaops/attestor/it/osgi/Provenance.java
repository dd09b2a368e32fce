package org.stellaops.attestor.it.osgi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A P-256 signer that produces DSSE envelopes of valid SLSA v1 provenance, one per artifact name. */
final class Provenance {

    private final StatementSigner signer;

    private Provenance(StatementSigner signer) {
        this.signer = signer;
    }

    static Provenance newSigner() {
        return new Provenance(StatementSigner.p256());
    }

    String publicKeyPem() {
        return signer.publicKeyPem();
    }

    /** @return the JSON of a signed envelope whose statement names {@code artifactName} as its subject */
    byte[] signedEnvelope(String artifactName) {
        ObjectNode predicate = HttpApi.JSON.createObjectNode();
        ObjectNode build = predicate.putObject("buildDefinition");
        build.put("buildType", "https://actions.github.io/buildtypes/workflow/v1");
        build.putObject("externalParameters").put("workflow", ".github/workflows/release.yml");
        predicate.putObject("runDetails").putObject("builder").put("id", "https://github.com/stellaops/attestor/builder");
        return signer.sign(artifactName, "https://slsa.dev/provenance/v1", predicate);
    }
}
