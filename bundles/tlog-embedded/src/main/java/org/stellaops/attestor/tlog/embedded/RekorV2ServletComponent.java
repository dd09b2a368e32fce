package org.stellaops.attestor.tlog.embedded;

import jakarta.servlet.Servlet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.stellaops.attestor.sdk.rekor.RekorV2;
import org.stellaops.attestor.tlog.embedded.rekor.RekorV2Servlet;

/**
 * Serves the Rekor v2 write API of the embedded log at exactly {@value RekorV2#ENTRIES_PATH} on the servlet
 * whiteboard: an exact pattern, so it wins over the REST API's {@code /api/*}. It lives and dies with the log
 * component (a static reference), so it never answers for a log that is closed.
 */
@Component(service = Servlet.class, configurationPid = TlogConfig.PID)
@HttpWhiteboardServletPattern(RekorV2.ENTRIES_PATH)
@HttpWhiteboardServletName("attestor-rekor-v2")
@HttpWhiteboardServletAsyncSupported
public final class RekorV2ServletComponent extends RekorV2Servlet {

    private static final long serialVersionUID = 1L;

    /**
     * @param config the log configuration (request size limit and timeout)
     * @param log the embedded log component of this bundle
     */
    @Activate
    public RekorV2ServletComponent(TlogConfig config, @Reference(name = "log") EmbeddedTransparencyLogComponent log) {
        super(log.log(), config.rekorV2MaxRequestBytes(), config.rekorV2TimeoutMillis());
    }
}
