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

    /** @return refused console logins allowed per client address and minute */
    @AttributeDefinition(name = "Failed logins per minute per address", description = "An address refused this "
            + "many times within a minute gets 429 without being checked for the rest of that minute (audited once "
            + "as auth.console_throttled). 0 turns the limit off")
    int console_maxFailedLoginsPerMinute() default 10;
}
