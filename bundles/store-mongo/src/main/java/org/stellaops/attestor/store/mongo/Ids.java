package org.stellaops.attestor.store.mongo;

/**
 * The {@code _id} of a document owned by a tenant ({@code entries}, {@code trust_keys}):
 * {@code <tenant>|<key>}. Tenant names are {@code [A-Za-z0-9._:@-]}, and the operator's is empty, so a tenant never
 * contains {@code |} and the first {@code |} separates: two (tenant, key) pairs never share an id. ({@code :} would
 * not do: tenants may contain it, and so do envelope digests.) The same character separates the tenant in the
 * shared search cursor ({@link org.stellaops.attestor.store.EntryCursor}).
 */
final class Ids {

    static final char SEPARATOR = '|';

    private Ids() {
    }

    /**
     * @param tenant the owning tenant
     * @param key an envelope digest or key id
     * @return the document id
     */
    static String of(String tenant, String key) {
        if (tenant == null || key == null) {
            throw new NullPointerException(tenant == null ? "tenant" : "key");
        }
        if (tenant.indexOf(SEPARATOR) >= 0) {
            // Tenants.isName never lets one through; checked here because the id's uniqueness rests on it
            throw new IllegalArgumentException("a tenant cannot contain '" + SEPARATOR + "'");
        }
        return tenant + SEPARATOR + key;
    }
}
