package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MongoTestServerOptionsTest {

    @Test
    void withoutOptionsItKeepsDataInMemoryOnAnyFreePort() {
        assertEquals(new MongoTestServerOptions(0, Optional.empty()), MongoTestServerOptions.parse());
    }

    @Test
    void takesAPortAndAnH2FileMadeAbsolute() {
        MongoTestServerOptions o = MongoTestServerOptions.parse("--h2", "target/mongo.mv", "--port", "27017");
        assertEquals(27017, o.port());
        assertEquals(Path.of("target/mongo.mv").toAbsolutePath(), o.h2File().orElseThrow());
    }

    @Test
    void refusesPortsOutsideTheTcpRange() {
        for (String port : new String[] {"-1", "65536", "http"}) {
            UsageException e = assertThrows(UsageException.class, () -> MongoTestServerOptions.parse("--port", port));
            assertTrue(e.getMessage().startsWith("--port"), e.getMessage());
        }
    }

    @Test
    void refusesUnknownOptionsAndOptionsWithoutValue() {
        assertThrows(UsageException.class, () -> MongoTestServerOptions.parse("--bind", "0.0.0.0"));
        assertThrows(UsageException.class, () -> MongoTestServerOptions.parse("--h2"));
        assertThrows(UsageException.class, () -> MongoTestServerOptions.parse("--h2", " "));
    }
}
