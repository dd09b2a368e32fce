package org.stellaops.attestor.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.store.Provenance;

/**
 * The Felix web console's login, in place of the console's own basic authentication: the same user and password hash
 * (framework properties {@code felix.webconsole.username} and {@code felix.webconsole.password}, set by the
 * launcher), compared in constant time, and every refused login written to the audit trail (action
 * {@code console.authenticate}, never the password). The launcher names this provider in
 * {@code felix.webconsole.security.providers}, so the console refuses every request until it is registered.
 * Refused logins are the operator's events, or the scoped tenant's when {@code console.tenant} is set. An address
 * refused {@code console.maxFailedLoginsPerMinute} times in a minute gets 429 without being checked until the
 * minute is over ({@link LoginThrottle}); that is audited once per minute as {@code auth.console_throttled}.
 */
@Component(service = SecurityProvider.class, configurationPid = ConsoleConfig.PID,
        property = SecurityProvider.PROPERTY_ID + "=" + ConsoleLogin.ID)
public class ConsoleLogin implements SecurityProvider {

    /** The provider id the launcher requires. */
    static final String ID = "attestor";
    static final String REALM = "StellaOps Attestor console";
    private static final String SHA_256 = "{sha-256}";

    /** The outcome of a refused login. */
    static final String DENIED = "auth.console_denied";
    /** The outcome recorded when an address used up its failed logins of the minute. */
    static final String THROTTLED = "auth.console_throttled";

    /** Where a refused login goes. */
    @FunctionalInterface
    interface Refusals {
        /**
         * @param target method and path of the refused request
         * @param who the user name that was tried
         * @param address the client address
         * @param outcome {@link #DENIED} or {@link #THROTTLED}
         */
        void refused(String target, String who, String address, String outcome);
    }

    private final Refusals refusals;
    private final String user;
    private final byte[] passwordHash;
    private final LoginThrottle throttle;

    /**
     * @param audit where refused logins go
     * @param context the framework properties holding the credentials
     * @param config the console's tenant scope, which owns the refusal events
     */
    @Activate
    public ConsoleLogin(@Reference AttestationService audit, BundleContext context, ConsoleConfig config) {
        this(refusalsTo(audit, new ConsoleScope(config.console_tenant()).provenanceTenant()),
                context.getProperty("felix.webconsole.username"), context.getProperty("felix.webconsole.password"),
                new LoginThrottle(Clock.systemUTC(), config.console_maxFailedLoginsPerMinute()));
    }

    /** @return refusals written to the audit trail as events of {@code tenant} */
    static Refusals refusalsTo(AttestationService audit, String tenant) {
        return (target, who, address, outcome) -> audit.recordSecurityEvent("console.authenticate", target,
                outcome, THROTTLED.equals(outcome) ? "too many refused logins from this address; refused unchecked "
                        + "for the rest of the minute" : "wrong console user or password",
                new Provenance("console", "console:" + who, address, tenant));
    }

    /**
     * @param refusals where refused logins go
     * @param user the user name (default {@code admin})
     * @param storedHash {@code {sha-256}<base64>}, as the launcher stores it; anything else admits nobody
     * @param throttle the failed-login limit per address
     */
    ConsoleLogin(Refusals refusals, String user, String storedHash, LoginThrottle throttle) {
        this.refusals = refusals;
        this.throttle = throttle;
        this.user = user == null || user.isEmpty() ? "admin" : user;
        this.passwordHash = storedHash != null && storedHash.toLowerCase(Locale.ROOT).startsWith(SHA_256)
                ? decode(storedHash.substring(SHA_256.length())) : null;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String address = String.valueOf(request.getRemoteAddr());
        if (!throttle.allows(address)) {
            response.setHeader("Retry-After", String.valueOf(throttle.retryAfterSeconds(address)));
            response.setStatus(429);
            return null;
        }
        String[] given = basic(request.getHeader("Authorization"));
        if (given != null && passwordHash != null && matches(given[0], given[1])) {
            return user;
        }
        if (given != null) {
            // no password or hash in the event: only who tried, from where
            String target = request.getMethod() + " " + request.getRequestURI();
            refusals.refused(target, truncate(given[0]), address, DENIED);
            if (throttle.failed(address)) {
                refusals.refused(target, truncate(given[0]), address, THROTTLED);
            }
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        response.setStatus(401);
        return null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return this.user.equals(user);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // basic authentication has no server-side session to end
    }

    private boolean matches(String givenUser, String givenPassword) {
        boolean userMatches = MessageDigest.isEqual(givenUser.getBytes(StandardCharsets.UTF_8),
                user.getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = MessageDigest.isEqual(sha256(givenPassword), passwordHash);
        return userMatches & passwordMatches;
    }

    /** @return user and password of a Basic authorization header, or null */
    static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static byte[] sha256(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String truncate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
