package org.stellaops.attestor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * Interprets an Attestor API response: a 2xx JSON body is the result, a 4xx RFC 9457 problem is a refusal (exit 1),
 * anything else means the service is unavailable or is not the Attestor API (exit 3).
 */
final class HttpResults {

    private HttpResults() {
    }

    /**
     * @param status the HTTP status code
     * @param body the response body
     * @param what the request, for messages (for example {@code POST http://…/api/v1/rekor/verify})
     * @return the JSON body of a 2xx response
     * @throws CliException exit 1 for a 4xx response, exit 3 for everything else that is not a 2xx JSON body
     */
    static JsonNode interpret(int status, byte[] body, String what) {
        if (status >= 200 && status < 300) {
            JsonNode json = parse(body);
            if (json == null) {
                throw new CliException("response.malformed", ExitCodes.UNAVAILABLE,
                        what + " answered HTTP " + status + " with a body that is not JSON");
            }
            return json;
        }
        JsonNode problem = parse(body);
        if (status >= 400 && status < 500) {
            // The problem's code becomes the error code stella prints in brackets; the message carries its detail.
            String detail = detail(problem);
            throw new CliException(problemCode(problem, "http." + status), ExitCodes.FAILED,
                    what + " was refused (HTTP " + status + ")" + (detail.isEmpty() ? "" : ": " + detail));
        }
        throw new CliException("http." + status, ExitCodes.UNAVAILABLE,
                what + " failed (HTTP " + status + ")" + describeProblem(problem));
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return StrictJson.parse(body, CliFiles.LARGE_JSON);
        } catch (AttestorException e) {
            // A proxy's HTML error page, for example: the caller reports the status without a problem.
            return null;
        }
    }

    private static String problemCode(JsonNode problem, String fallback) {
        return problem != null && problem.path("code").isTextual() ? problem.path("code").asText() : fallback;
    }

    /** @return the problem's {@code detail}, else its {@code title}, else "" */
    private static String detail(JsonNode problem) {
        if (problem == null || !problem.isObject()) {
            return "";
        }
        return problem.path("detail").asText(problem.path("title").asText(""));
    }

    /** @return {@code ": <code>: <detail>"} from an RFC 9457 problem, or "" when there is none */
    private static String describeProblem(JsonNode problem) {
        String code = problem != null && problem.isObject() ? problem.path("code").asText("") : "";
        String detail = detail(problem);
        if (code.isEmpty() && detail.isEmpty()) {
            return "";
        }
        return ": " + (code.isEmpty() ? detail : detail.isEmpty() ? code : code + ": " + detail);
    }
}
