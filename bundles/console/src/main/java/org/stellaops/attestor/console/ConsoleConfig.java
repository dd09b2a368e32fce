package org.stellaops.attestor.console;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The Attestor pages of the web console (PID {@code org.stellaops.attestor.console}). */
@ObjectClassDefinition(name = "Attestor console", description = "The Attestor pages of the Felix web console")
public @interface ConsoleConfig {

    /** The PID. */
    String PID = "org.stellaops.attestor.console";

    /** @return the tenant the console is scoped to, or empty for every tenant */
    @AttributeDefinition(name = "Tenant", description = "Show only this tenant's attestations and audit events "
            + "(and write the console's own audit events as this tenant). Empty: every tenant's, with a tenant "
            + "column and a tenant filter; the console's own events are the operator's")
    String console_tenant() default "";
}
