package org.stellaops.attestor.store;

import java.util.regex.Pattern;

/**
 * What a tenant name is. Every record, audit event and trusted key belongs to exactly one tenant (see
 * {@code docs/dev/tenancy.md}); a tenant is 1 to 128 characters of {@code [A-Za-z0-9._:@-]}. The empty string is
 * reserved for the {@linkplain #OPERATOR operator}: events that belong to the deployment rather than to a tenant,
 * such as refused anonymous requests, log health and audit anchoring.
 */
public final class Tenants {

    /** The tenant of events that belong to the deployment, not to a tenant. */
    public static final String OPERATOR = "";

    /**
     * The tenant of records and keys stored before tenants existed: a store reads a record or key without a tenant
     * as this tenant (the development issuer's default tenant, so an upgraded embedded deployment keeps its data).
     */
    public static final String LEGACY = "default";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private Tenants() {
    }

    /**
     * @param tenant a candidate name
     * @return whether it is a tenant name (the operator's empty name is not)
     */
    public static boolean isName(String tenant) {
        return tenant != null && NAME.matcher(tenant).matches();
    }

    /**
     * @param tenant a tenant name or {@link #OPERATOR}
     * @return {@code tenant}
     * @throws IllegalArgumentException if it is neither
     */
    public static String require(String tenant) {
        if (tenant == null || !(tenant.isEmpty() || isName(tenant))) {
            throw new IllegalArgumentException("not a tenant name: a tenant is 1 to 128 characters of "
                    + "[A-Za-z0-9._:@-]");
        }
        return tenant;
    }
}
