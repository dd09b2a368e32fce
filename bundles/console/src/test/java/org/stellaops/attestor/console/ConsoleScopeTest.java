package org.stellaops.attestor.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.Tenants;

class ConsoleScopeTest {

    @Test
    void showsEveryTenantWithAFilterWhenNotScoped() {
        ConsoleScope scope = new ConsoleScope("");
        assertEquals(new ConsoleScope.Selection(null, true, null), scope.select(null));
        assertEquals(new ConsoleScope.Selection(null, true, null), scope.select(""));
        assertEquals(new ConsoleScope.Selection("tenant-a", true, null), scope.select("tenant-a"));
        assertEquals(Tenants.OPERATOR, scope.provenanceTenant());
    }

    @Test
    void refusesAFilterThatIsNotATenantName() {
        ConsoleScope.Selection selection = new ConsoleScope(null).select("<b>");
        assertNull(selection.tenant());
        assertNotNull(selection.error());
    }

    @Test
    void showsOnlyTheScopedTenantAndIgnoresTheFilter() {
        ConsoleScope scope = new ConsoleScope(" tenant-a ");
        assertEquals(new ConsoleScope.Selection("tenant-a", false, null), scope.select("tenant-b"));
        assertEquals("tenant-a", scope.provenanceTenant());
    }

    @Test
    void showsNothingWhenTheScopeIsNotATenantName() {
        ConsoleScope scope = new ConsoleScope("two words");
        assertTrue(scope.misconfigured());
        ConsoleScope.Selection selection = scope.select("tenant-a");
        assertNull(selection.tenant());
        assertNotNull(selection.error());
        assertEquals(Tenants.OPERATOR, scope.provenanceTenant());
    }
}
