package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.auth.Principal;
import org.stellaops.attestor.auth.Scope;
import org.stellaops.attestor.sdk.AttestorException;

class TenancyTest {

    private static Principal of(String tenant) {
        return new Principal("alice", "test", tenant, Set.of(Scope.READ), Principal.Method.BEARER, null);
    }

    @Test
    void nobodyIsTheOperatorWhenNoOperatorTenantIsConfigured() {
        Tenancy tenancy = new Tenancy("");
        assertFalse(tenancy.hasOperator());
        assertFalse(tenancy.isOperator(of("ops")));
        assertFalse(new Tenancy(null).isOperator(of("ops")));
    }

    @Test
    void principalsOfTheOperatorTenantAreTheOperatorAndNobodyElse() {
        Tenancy tenancy = new Tenancy("ops");
        assertTrue(tenancy.isOperator(of("ops")));
        assertFalse(tenancy.isOperator(of("OPS")));
        assertFalse(tenancy.isOperator(of("ops2")));
        assertFalse(tenancy.isOperator(null));
        assertEquals(new Tenancy.Caller("default", false), tenancy.caller(of("default")));
    }

    @Test
    void ignoresWhitespaceAroundTheConfiguredOperatorTenant() {
        assertTrue(new Tenancy(" ops\n").isOperator(of("ops")));
    }

    @Test
    void flagsAnOperatorTenantThatNoPrincipalCanHave() {
        assertFalse(new Tenancy("two words").configuredValidly());
        assertTrue(new Tenancy("ops").configuredValidly());
        assertTrue(new Tenancy("").configuredValidly());
    }

    @Test
    void refusesAnOperatorOnlyActionToOtherCallersWithA403Code() {
        AttestorException e = assertThrows(AttestorException.class,
                () -> new Tenancy.Caller("default", false).requireOperator("adding a shared key"));
        assertEquals(Tenancy.OPERATOR_ONLY, e.code());
        assertEquals(403, Problems.status(e.code()));
        new Tenancy.Caller("ops", true).requireOperator("adding a shared key");
    }
}
