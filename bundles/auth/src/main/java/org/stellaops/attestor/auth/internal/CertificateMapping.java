package org.stellaops.attestor.auth.internal;

import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.stellaops.attestor.auth.Principal;
import org.stellaops.attestor.auth.Scope;
import org.stellaops.attestor.store.Tenants;

/**
 * Who a request is when a valid client certificate is its only credential: the certificate's subject DN, the
 * configured scopes, and a tenant that is either fixed or read from a subject attribute (such as O or OU).
 */
final class CertificateMapping {

    /** The issuer name of certificate-only principals. */
    static final String ISSUER = "mtls";
    private static final System.Logger LOG = System.getLogger(CertificateMapping.class.getName());

    private final Set<Scope> scopes;
    private final String tenant;
    private final String tenantAttribute;

    /**
     * @param scopes configured scope names (unknown ones are ignored, with a warning)
     * @param tenant a fixed tenant, or empty
     * @param tenantAttribute a subject DN attribute naming the tenant, or empty
     */
    CertificateMapping(List<String> scopes, String tenant, String tenantAttribute) {
        Set<Scope> parsed = EnumSet.noneOf(Scope.class);
        for (String s : scopes) {
            Optional<Scope> scope = Scope.parse(s.strip());
            if (scope.isPresent()) {
                parsed.add(scope.get());
            } else {
                LOG.log(Level.WARNING, "mtls.scopes: ignoring " + s + ", which is not an attestor scope");
            }
        }
        this.scopes = parsed;
        this.tenant = tenant == null ? "" : tenant.strip();
        this.tenantAttribute = tenantAttribute == null ? "" : tenantAttribute.strip();
    }

    /**
     * @param cert the validated certificate
     * @return the principal
     * @throws AuthFailure 403 {@code auth.tenant_missing} when no tenant can be determined
     */
    Principal principal(ValidCertificate cert) {
        String t = !tenant.isEmpty() ? tenant : attribute(cert.subject());
        if (t == null || t.isEmpty()) {
            throw AuthFailure.forbidden(AuthCodes.TENANT_MISSING,
                    "no tenant is configured for client certificates (mtls.tenant or mtls.tenantAttribute)");
        }
        if (!Tenants.isName(t)) {
            throw AuthFailure.forbidden(AuthCodes.TENANT_MISSING,
                    "the client certificate's tenant is not a tenant name (1 to 128 of [A-Za-z0-9._:@-])");
        }
        return new Principal(cert.subject(), ISSUER, t, scopes, Principal.Method.CLIENT_CERTIFICATE,
                cert.thumbprint());
    }

    /** The most specific (leftmost) value of the attribute in the DN. */
    private String attribute(String subject) {
        if (tenantAttribute.isEmpty()) {
            return null;
        }
        try {
            List<Rdn> rdns = new LdapName(subject).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase(tenantAttribute)) {
                    return String.valueOf(rdns.get(i).getValue());
                }
            }
            return null;
        } catch (InvalidNameException e) {
            throw AuthFailure.credentials(AuthCodes.CLIENT_CERTIFICATE_INVALID,
                    "the client certificate's subject cannot be parsed");
        }
    }
}
