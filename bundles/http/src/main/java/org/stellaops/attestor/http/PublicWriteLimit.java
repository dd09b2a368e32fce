package org.stellaops.attestor.http;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.stellaops.attestor.core.service.AttestationService;

/**
 * The rate limit of the public write endpoint of the embedded log ({@code POST /api/v2/log/entries}, the Rekor v2
 * API): like a public Rekor it takes entries without a token (cosign cannot send one), so callers are told apart by
 * address. A caller over its rate gets a 429 problem with {@code Retry-After}, audited like every other refusal.
 */
@Component(service = Filter.class, configurationPid = PublicWriteLimit.PID)
@HttpWhiteboardFilterPattern("/api/v2/*")
@Designate(ocd = PublicWriteLimit.Config.class)
public class PublicWriteLimit implements Filter {

    static final String PID = "org.stellaops.attestor.http.public";

    /** Limits of the endpoints that take writes without a token. */
    @ObjectClassDefinition(name = "Attestor public write limits")
    public @interface Config {
        /** @return the sustained rate of one address */
        @AttributeDefinition(name = "Writes per second per address", description = "Sustained rate of log entries "
                + "one address may send to POST /api/v2/log/entries; more is refused with 429. 0 turns it off")
        double writesPerSecond() default 200;

        /** @return the burst of one address */
        @AttributeDefinition(name = "Burst per address", description = "Writes an address may send at once after "
                + "being idle")
        double burst() default 400;
    }

    private final AttestationService audit;
    private volatile RateLimiter limiter;

    /**
     * @param audit where refusals are recorded
     * @param config the limits
     */
    @Activate
    public PublicWriteLimit(@Reference AttestationService audit, Config config) {
        this.audit = audit;
        modified(config);
    }

    @Modified
    void modified(Config config) {
        limiter = new RateLimiter(config.writesPerSecond(), config.burst(), 100_000, System::nanoTime);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest req && response instanceof HttpServletResponse resp
                && "POST".equals(req.getMethod())) {
            RateLimiter current = limiter;
            String key = "address:" + req.getRemoteAddr();
            long retryAfter = current.acquire(key);
            if (retryAfter > 0) {
                Gate.tooMany(req, resp, current, key, Gate.provenance(req, null), retryAfter, audit);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
