package org.stellaops.attestor.http;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stellaops.attestor.auth.Scope;

/**
 * One API operation: an HTTP method and a path pattern with capture groups for path parameters.
 *
 * @param method the HTTP method
 * @param pattern the path pattern, relative to {@code /api}
 * @param scope the scope a caller must hold (docs/security.md lists them per operation)
 * @param handler what to do
 */
record Route(String method, Pattern pattern, Scope scope, Handler handler) {

    /** Handles a matched request; {@code params} are the pattern's capture groups. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange, List<String> params) throws IOException;
    }

    static Route of(String method, String regex, Scope scope, Handler handler) {
        return new Route(method, Pattern.compile(regex), scope, handler);
    }

    /** @return the captured parameters if the path matches, else null */
    List<String> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return null;
        }
        return java.util.stream.IntStream.rangeClosed(1, m.groupCount()).mapToObj(m::group).toList();
    }
}
