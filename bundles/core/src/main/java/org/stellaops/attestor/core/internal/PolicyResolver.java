package org.stellaops.attestor.core.internal;

import org.stellaops.attestor.policy.PolicyEngine;

/** Finds the stored policy a verification names. */
@FunctionalInterface
interface PolicyResolver {

    /**
     * @param tenant the tenant whose policy it is
     * @param policyId the policy's id
     * @param version a version, or null for the active one
     * @param engine the engine to validate the stored document with
     * @return the policy
     * @throws org.stellaops.attestor.sdk.AttestorException {@code policy.not_found}, {@code policy.not_active}
     */
    ResolvedPolicy resolve(String tenant, String policyId, Integer version, PolicyEngine engine);
}
