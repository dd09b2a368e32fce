package org.stellaops.attestor.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.core.service.PolicyInvalidException;
import org.stellaops.attestor.core.service.PolicyService.PolicyDraft;
import org.stellaops.attestor.core.service.PolicyService.StarterResult;
import org.stellaops.attestor.store.PolicyVersion;
import org.stellaops.attestor.store.Provenance;

/**
 * The starter policies of docs/policies (packed into this bundle as {@code starter-policies/<id>.json}): stored in a
 * tenant as version 1 when the tenant never had a policy of that id and the document validates against the tenant's
 * keys, key sets, logs and witnesses — the starters name key sets such as {@code trusted-signers}, so they load once
 * those exist ({@code policyKeySets}). A starter that does not validate is skipped and tried again at the next
 * start (or the next explicit load); one the tenant has or had is never touched.
 */
final class StarterPolicies {

    /** The starter policies, by id (each is {@code starter-policies/<id>.json}). */
    static final List<String> IDS = List.of("signed-by-trusted-key", "release-2-of-3", "fresh-scan-no-criticals",
            "witnessed-2-of-3");
    /** Starter loaded. */
    static final String LOADED = "loaded";
    /** The tenant has or had a policy of that id. */
    static final String EXISTS = "exists";
    /** The starter does not validate in the tenant. */
    static final String INVALID = "invalid";

    private static final Logger LOG = LoggerFactory.getLogger(StarterPolicies.class);

    private final PolicyAuthoring authoring;

    StarterPolicies(PolicyAuthoring authoring) {
        this.authoring = authoring;
    }

    /**
     * @param who the author of what is loaded, and the tenant
     * @return one result per starter
     */
    List<StarterResult> load(Provenance who) {
        List<StarterResult> results = new ArrayList<>();
        for (String id : IDS) {
            results.add(loadOne(id, who));
        }
        return results;
    }

    private StarterResult loadOne(String id, Provenance who) {
        if (authoring.policy(who.tenant(), id).isPresent()) {
            return new StarterResult(id, EXISTS, List.of());
        }
        PolicyDraft draft = new PolicyDraft(document(id), PolicyVersion.JSON, "starter policy docs/policies/" + id
                + ".json");
        try {
            // validated first: a starter the tenant cannot use yet is skipped without an audit event at every start
            authoring.validate(draft, who.tenant());
        } catch (PolicyInvalidException e) {
            LOG.info("starter policy {} not loaded in tenant {} (it names what the tenant does not have yet): {}", id,
                    who.tenant(), e.getMessage());
            return new StarterResult(id, INVALID, e.problems());
        }
        authoring.create(draft, who);
        return new StarterResult(id, LOADED, List.of());
    }

    static byte[] document(String id) {
        try (InputStream in = StarterPolicies.class.getResourceAsStream("/starter-policies/" + id + ".json")) {
            if (in == null) {
                throw new IllegalStateException("starter policy " + id + " is not packed into the core bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading starter policy " + id, e);
        }
    }
}
