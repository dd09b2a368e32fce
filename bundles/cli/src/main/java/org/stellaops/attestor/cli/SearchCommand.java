package org.stellaops.attestor.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stella attest search}: the token's tenant's records that match every filter given, newest first
 * ({@code GET /api/v1/rekor/entries}), as a table, JSON or NDJSON.
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Search the records of the token's tenant (GET <url>/api/v1/rekor/entries), newest first; every filter "
                + "given must match. Needs the scope attestor.read.",
            "Without --all one page is written; when more records may match, standard error says which --cursor "
                + "continues. Nothing is written when a request fails."},
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE,
            ExitCodes.HELP_INTERNAL})
final class SearchCommand implements Callable<Integer> {

    /** The default of {@code --max-records}. */
    static final int DEFAULT_MAX_RECORDS = 10_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--subject", paramLabel = "<alg:hex>",
            description = "Records with a subject of this digest, e.g. sha256:<64 hex>.")
    String subject;

    @Option(names = "--predicate-type", paramLabel = "<uri>",
            description = "Records of exactly this predicate type, e.g. https://slsa.dev/provenance/v1.")
    String predicateType;

    @Option(names = "--signer", paramLabel = "<keyid>",
            description = "Records with a signature that verified with this key id (64 hex).")
    String signer;

    @Option(names = "--since", paramLabel = "<time>",
            description = "Records created at or after this RFC 3339 date-time, e.g. 2026-03-01T12:00:00Z.")
    String since;

    @Option(names = "--until", paramLabel = "<time>", description = "Records created before this date-time.")
    String until;

    @Option(names = "--fact", paramLabel = "<name>=<value>",
            description = "Records whose derived fact <name> equals <value> (a list fact: contains it), exactly "
                + "and case-sensitively, e.g. scan.severity.critical=0 or sbom.format=CycloneDX. Repeatable, up to "
                + "8 different names.")
    List<String> facts;

    @Option(names = "--limit", paramLabel = "<n>",
            description = "Records per page, 1-1000 (default: the service's, 100).")
    Integer limit;

    @Option(names = "--all", description = "Follow nextCursor to the last page (at most --max-records records).")
    boolean all;

    @Option(names = "--max-records", paramLabel = "<n>", defaultValue = "" + DEFAULT_MAX_RECORDS,
            description = "Write at most this many records in all (default: ${DEFAULT-VALUE}); standard error says "
                + "when it cut the output and which --cursor continues.")
    int maxRecords;

    @Option(names = "--cursor", paramLabel = "<cursor>",
            description = "Continue a search where it stopped: the nextCursor it gave, with the same filters.")
    String cursor;

    @Option(names = "--output", paramLabel = "table|json|ndjson", defaultValue = "table",
            description = "table (default): one line per record: uuid, created, predicate type, status, subject "
                + "digests; json: {\"entries\":[...],\"nextCursor\":...}; ndjson: one record per line.")
    String output;

    @Option(names = "--out", paramLabel = "<file>|-", defaultValue = CliFiles.STDOUT,
            description = "Where to write (default: - for standard output).")
    String out;

    @Override
    public Integer call() {
        String format = SearchArgs.output(output);
        SearchQuery query = new SearchQuery(SearchArgs.subject(subject),
                SearchArgs.text("--predicate-type", "usage.bad_predicate_type", predicateType),
                SearchArgs.signer(signer), KeyArgs.time("--since", since), KeyArgs.time("--until", until),
                SearchArgs.facts(facts), SearchArgs.limit(limit));
        int max = SearchArgs.maxRecords(maxRecords);
        String start = SearchArgs.text("--cursor", "usage.bad_cursor", cursor);
        AttestorClient client = Stella.options(spec).client(Stella.environment(spec), AttestorClient.READ_SCOPE);
        SearchPages.Result result = SearchPages.read(client, query, start, all, max);
        CliFiles.writeExactly(out, SearchOutput.render(format, result), spec.commandLine().getOut());
        note(result, max);
        return ExitCodes.OK;
    }

    /** Says on standard error where the output stopped while more records may match. */
    private void note(SearchPages.Result result, int max) {
        if (result.nextCursor() == null) {
            return;
        }
        String why = result.capped()
                ? "stopped after " + result.records().size() + " records (--max-records " + max + ")"
                : "this is one page (--all reads every page)";
        spec.commandLine().getErr().println("stella: note: " + why + "; more records may match: continue with "
                + "--cursor " + result.nextCursor());
        spec.commandLine().getErr().flush();
    }
}
