package org.stellaops.attestor.console;

import java.io.IOException;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.stellaops.attestor.core.service.PolicyService;

/**
 * Felix web console page "Attestor → Policies": a tenant's verification policies with every version, its state
 * (active, pending, superseded, deleted) and its approvals. The scoped tenant's when {@code console.tenant} is set,
 * else the tenant named by {@code ?tenant=}. Reads the console's configuration PID (designated by
 * {@link AttestationsPlugin}).
 */
@Component(service = Servlet.class, configurationPid = ConsoleConfig.PID, property = {
        ServletConstants.PLUGIN_LABEL + "=attestor-policies",
        ServletConstants.PLUGIN_TITLE + "=Policies",
        ServletConstants.PLUGIN_CATEGORY + "=Attestor"})
public class PoliciesPlugin extends AbstractServlet {

    private static final long serialVersionUID = 1L;

    @Reference
    private transient PolicyService policies;

    private transient volatile ConsoleScope scope = new ConsoleScope("");

    @Activate
    @Modified
    void activate(ConsoleConfig config) {
        scope = new ConsoleScope(config.console_tenant());
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        new PoliciesPage(policies).render(response.getWriter(), scope, request.getParameter("tenant"),
                request.getRequestURI());
    }
}
