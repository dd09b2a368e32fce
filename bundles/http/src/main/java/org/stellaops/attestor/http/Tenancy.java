package org.stellaops.attestor.http;

import org.stellaops.attestor.auth.Principal;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.Tenants;

/**
 * Who the operator is (docs/dev/tenancy.md). Every caller reads and writes its own tenant's data only; principals of
 * the configured {@code operatorTenant} are the operator, who may also name another tenant in a read, read every
 * tenant's audit trail, add shared keys and see deployment-wide figures. Without an operator tenant nobody is the
 * operator.
 */
final class Tenancy {

    /** The code of a refusal of something only the operator may do (403, audited). */
    static final String OPERATOR_ONLY = "auth.operator_only";
    /** The query parameter with which the operator names the tenant a read covers. */
    static final String TENANT = "tenant";
    /** The value of {@link #TENANT} that means every tenant (audit trail only). */
    static final String EVERY_TENANT = "*";

    /**
     * One caller as far as tenancy goes.
     *
     * @param tenant the caller's own tenant
     * @param operator whether the caller is the operator
     */
    record Caller(String tenant, boolean operator) {

        /**
         * @param what what the caller tried, for the refusal's detail
         * @throws AttestorException {@value #OPERATOR_ONLY} unless the caller is the operator
         */
        void requireOperator(String what) {
            if (!operator) {
                throw new AttestorException(OPERATOR_ONLY, what + " is for the operator only");
            }
        }
    }

    private final String operatorTenant;

    /**
     * @param operatorTenant the operator's tenant; empty (or null) means nobody is the operator
     */
    Tenancy(String operatorTenant) {
        this.operatorTenant = operatorTenant == null ? "" : operatorTenant.strip();
    }

    /** @return whether the configured operator tenant could ever match a principal (it is a tenant name) */
    boolean configuredValidly() {
        return operatorTenant.isEmpty() || Tenants.isName(operatorTenant);
    }

    /** @return whether an operator tenant is configured */
    boolean hasOperator() {
        return !operatorTenant.isEmpty();
    }

    /**
     * @param principal an authenticated caller, or null
     * @return whether it is the operator
     */
    boolean isOperator(Principal principal) {
        return principal != null && hasOperator() && operatorTenant.equals(principal.tenant());
    }

    /**
     * @param principal an authenticated caller
     * @return its tenant and whether it is the operator
     */
    Caller caller(Principal principal) {
        return new Caller(principal.tenant(), isOperator(principal));
    }
}
