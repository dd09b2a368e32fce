package org.stellaops.attestor.cli;

import java.util.regex.Pattern;

/**
 * The entry identifiers the API accepts in {@code --uuid}: an entry uuid (lowercase hex RFC 6962 leaf hash) or an
 * envelope digest {@code sha256:<hex>}.
 */
final class EntryIds {

    private static final Pattern ID = Pattern.compile("(sha256:)?[0-9a-f]{64}");

    private EntryIds() {
    }

    /**
     * @param id the value given on the command line
     * @return the id, unchanged
     * @throws CliException {@code usage.bad_uuid}, exit code 2
     */
    static String check(String id) {
        if (!ID.matcher(id).matches()) {
            throw CliException.usage("usage.bad_uuid",
                    "--uuid must be 64 lowercase hex characters (an entry uuid) or sha256:<64 hex> (an envelope digest): "
                            + id, null);
        }
        return id;
    }
}
