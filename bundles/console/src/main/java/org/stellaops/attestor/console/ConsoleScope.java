package org.stellaops.attestor.console;

import org.stellaops.attestor.store.Tenants;

/**
 * Which tenants the console shows (docs/dev/tenancy.md): every tenant, optionally filtered by the page's
 * {@code ?tenant=} parameter, unless {@code console.tenant} scopes it to one. The web console's administrator can
 * install bundles, so hiding tenants from them would protect nothing; the scope is for deployments that give one
 * tenant's staff the console.
 */
final class ConsoleScope {

    private final String tenant;
    private final boolean misconfigured;

    /**
     * @param configured {@code console.tenant}: a tenant name, or empty (or null) for every tenant
     */
    ConsoleScope(String configured) {
        String value = configured == null ? "" : configured.strip();
        this.misconfigured = !value.isEmpty() && !Tenants.isName(value);
        this.tenant = value.isEmpty() || misconfigured ? null : value;
    }

    /** @return whether {@code console.tenant} is set but is not a tenant name (the console then shows nothing) */
    boolean misconfigured() {
        return misconfigured;
    }

    /** @return the tenant the console is scoped to, or null when it shows every tenant */
    String tenant() {
        return tenant;
    }

    /** @return the tenant of the console's own audit events: the scoped tenant, else the operator */
    String provenanceTenant() {
        return tenant == null ? Tenants.OPERATOR : tenant;
    }

    /**
     * What one page shows.
     *
     * @param tenant the tenant whose data is shown, or null for every tenant's
     * @param filter whether the page may offer the tenant filter (the console is not scoped)
     * @param error why nothing is shown, or null
     */
    record Selection(String tenant, boolean filter, String error) {
    }

    /**
     * @param requested the page's {@code tenant} parameter, or null
     * @return what to show: a scoped console ignores the parameter
     */
    Selection select(String requested) {
        if (misconfigured) {
            return new Selection(null, false, "console.tenant (PID " + ConsoleConfig.PID + ") is not a tenant name; "
                    + "nothing is shown until it is corrected or emptied");
        }
        if (tenant != null) {
            return new Selection(tenant, false, null);
        }
        if (requested == null || requested.isEmpty()) {
            return new Selection(null, true, null);
        }
        if (!Tenants.isName(requested)) {
            return new Selection(null, true, "not a tenant name: a tenant is 1 to 128 characters of "
                    + "A-Z a-z 0-9 . _ : @ -");
        }
        return new Selection(requested, true, null);
    }
}
