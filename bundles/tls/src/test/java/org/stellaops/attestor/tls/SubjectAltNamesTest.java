package org.stellaops.attestor.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SubjectAltNamesTest {

    @Test
    void alwaysHoldsTheLoopbackNames() {
        assertEquals(Set.of("DNS:localhost", "IP:127.0.0.1", "IP:0:0:0:0:0:0:0:1"),
                SubjectAltNames.withDefaults(null).entries());
    }

    @Test
    void normalisesCaseBracketsAndIpv6Spelling() {
        assertEquals(SubjectAltNames.withDefaults("API.Example.COM,[FD00::1], ,0:0:0:0:0:0:0:1"),
                SubjectAltNames.withDefaults("api.example.com,fd00:0::1"));
    }

    @Test
    void acceptsAWildcardInTheFirstLabel() {
        assertEquals(true, SubjectAltNames.withDefaults("*.svc.cluster.local").entries()
                .contains("DNS:*.svc.cluster.local"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "10.01.2.3", "under_score.example", "-leading.example", "a..b", "fd00::zz",
        "http://host", "host:8443"})
    void refusesWhatIsNeitherAHostNameNorAnIpLiteral(String name) {
        TlsException failure = assertThrows(TlsException.class, () -> SubjectAltNames.withDefaults(name));
        assertEquals(TlsException.BAD_CONFIGURATION, failure.code());
    }
}
