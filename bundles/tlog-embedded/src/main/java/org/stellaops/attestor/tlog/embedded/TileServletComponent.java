package org.stellaops.attestor.tlog.embedded;

import jakarta.servlet.Servlet;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves the embedded log's checkpoint and tiles read-only under {@code /tlog/*} on the servlet whiteboard.
 */
@Component(service = Servlet.class, configurationPid = TlogConfig.PID)
@HttpWhiteboardServletPattern("/tlog/*")
@HttpWhiteboardServletName("attestor-tlog-tiles")
public final class TileServletComponent extends TileServlet {

    private static final long serialVersionUID = 1L;

    /**
     * @param context for the data directory
     * @param config the log configuration (only the directory is used)
     */
    @Activate
    public TileServletComponent(BundleContext context, TlogConfig config) {
        super(TlogDirectories.resolve(context, config.directory()));
    }
}
