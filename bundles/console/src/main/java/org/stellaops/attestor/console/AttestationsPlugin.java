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
import org.osgi.service.metatype.annotations.Designate;
import org.stellaops.attestor.core.service.AttestationService;

/**
 * Felix web console page "Attestor → Attestations": the most recent attestations with their tenant, log position
 * and the outcome of a fresh verification of signatures, inclusion proofs and checkpoint signatures, and the most
 * recent audit events. Every tenant's, with a {@code ?tenant=} filter, unless {@code console.tenant} scopes the
 * console to one tenant ({@link ConsoleConfig}).
 */
@Component(service = Servlet.class, configurationPid = ConsoleConfig.PID, property = {
        ServletConstants.PLUGIN_LABEL + "=attestor-entries",
        ServletConstants.PLUGIN_TITLE + "=Attestations",
        ServletConstants.PLUGIN_CATEGORY + "=Attestor"})
@Designate(ocd = ConsoleConfig.class)
public class AttestationsPlugin extends AbstractServlet {

    private static final long serialVersionUID = 1L;

    @Reference
    private transient AttestationService service;

    private transient volatile ConsoleScope scope = new ConsoleScope("");

    @Activate
    @Modified
    void activate(ConsoleConfig config) {
        scope = new ConsoleScope(config.console_tenant());
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getRemoteUser() == null ? "console" : request.getRemoteUser();
        new AttestationsPage(service).render(response.getWriter(), scope, request.getParameter("tenant"),
                request.getRequestURI(), user, String.valueOf(request.getRemoteAddr()));
    }
}
