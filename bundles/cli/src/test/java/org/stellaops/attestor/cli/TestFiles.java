package org.stellaops.attestor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A realistic in-toto statement to sign. */
final class TestFiles {

    static final String STATEMENT = """
            {
              "_type": "https://in-toto.io/Statement/v1",
              "subject": [
                {"name": "ghcr.io/stellaops/attestor", "digest": {"sha256": "7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730"}}
              ],
              "predicateType": "https://slsa.dev/provenance/v1",
              "predicate": {
                "buildDefinition": {
                  "buildType": "https://actions.github.io/buildtypes/workflow/v1",
                  "externalParameters": {"workflow": {"ref": "refs/tags/v1.4.2", "repository": "https://github.com/stellaops/attestor", "path": ".github/workflows/release.yml"}}
                },
                "runDetails": {"builder": {"id": "https://github.com/stellaops/attestor/.github/workflows/release.yml@refs/tags/v1.4.2"}}
              }
            }
            """;

    private TestFiles() {
    }

    static Path statement(Path dir) throws IOException {
        return Files.writeString(dir.resolve("statement.json"), STATEMENT);
    }
}
