package org.stellaops.attestor.predicate.sbom;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateHandler;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.DigestClaim;
import org.stellaops.attestor.predicate.support.PredicateHandlerBase;
import org.stellaops.attestor.predicate.support.PredicateSchema;
import org.stellaops.attestor.predicate.support.Predicates;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.predicate.support.Subjects;

/**
 * Validates SBOM predicates, CycloneDX 1.4–1.6 JSON ({@code https://cyclonedx.org/bom} and its {@code /v1.4},
 * {@code /v1.5}, {@code /v1.6} forms) and SPDX 2.2/2.3 JSON ({@code https://spdx.dev/Document} and its {@code /v2.2},
 * {@code /v2.3} forms), against the official JSON Schemas shipped in this bundle; the document's own version member
 * decides which schema applies, and a versioned predicate type must agree with it. Then the format's rules that a
 * schema cannot express (unique {@code bom-ref} / {@code SPDXID}), then the described artifact's digests against the
 * statement's subjects; and extracts {@code sbom.*} facts: format, version, component count, package URLs, licences.
 *
 * <p>Configuration PID {@value #PID}, optional: {@code subjectPolicy} = {@code error} (default), {@code warning} or
 * {@code off}; {@code maxComponents} (default {@value #DEFAULT_MAX_COMPONENTS}) caps the inventory of one SBOM. An
 * invalid value fails activation, so a typo can never weaken a check. A configuration change re-creates the
 * component. Immutable, so one instance serves any number of concurrent validations.
 */
@Component(service = PredicateHandler.class, configurationPid = SbomPredicateHandler.PID)
@Designate(ocd = SbomPredicateHandler.Config.class)
public final class SbomPredicateHandler extends PredicateHandlerBase<SbomPredicateType> {

    /** The configuration PID. */
    public static final String PID = "org.stellaops.attestor.predicate.sbom";

    /** The default cap on the components (CycloneDX) or packages and files (SPDX) of one SBOM. */
    public static final int DEFAULT_MAX_COMPONENTS = 100_000;

    /** Pointer of the predicate inside the statement; every error pointer in it starts with this. */
    static final String PREDICATE_POINTER = Predicates.POINTER;

    /** The handler's configuration. */
    @ObjectClassDefinition(name = "StellaOps SBOM predicate handler",
            description = "Validates CycloneDX 1.4-1.6 and SPDX 2.2/2.3 JSON SBOM predicates.")
    public @interface Config {
        /**
         * @return error, warning or off
         */
        @AttributeDefinition(name = "Subject policy",
                description = "What to do when the artifact an SBOM describes (CycloneDX metadata.component, SPDX "
                        + "described packages and files) has digests that no subject of its statement has: reject the "
                        + "statement (error), accept it with a warning (warning), or not compare (off).",
                options = {@Option(label = "error", value = "error"), @Option(label = "warning", value = "warning"),
                        @Option(label = "off", value = "off")})
        String subjectPolicy() default "error";

        /**
         * @return the cap, at least 1
         */
        @AttributeDefinition(name = "Maximum components",
                description = "The most components (CycloneDX, nested ones included) or packages and files (SPDX) one "
                        + "SBOM may have; a larger SBOM is refused before schema validation.", min = "1")
        int maxComponents() default DEFAULT_MAX_COMPONENTS;
    }

    private final Map<SbomSchema, PredicateSchema> schemas = new EnumMap<>(SbomSchema.class);
    private final Map<SbomFormat, SbomReader> readers = new EnumMap<>(SbomFormat.class);
    private final SubjectPolicy subjectPolicy;
    private final int maxComponents;

    /**
     * Activates the component with its configuration (or the defaults).
     *
     * @param config the configuration
     * @throws IllegalArgumentException if {@code subjectPolicy} is not error, warning or off, or
     *         {@code maxComponents} is below 1
     */
    @Activate
    public SbomPredicateHandler(Config config) {
        this(SubjectPolicy.parse(config.subjectPolicy()), config.maxComponents());
    }

    /**
     * Loads and compiles every schema.
     *
     * @param subjectPolicy what a subject mismatch does
     * @param maxComponents the cap on the inventory of one SBOM, at least 1
     */
    SbomPredicateHandler(SubjectPolicy subjectPolicy, int maxComponents) {
        super("an SBOM predicate type", byUri(SbomPredicateType.values(), SbomPredicateType::uri));
        this.subjectPolicy = Objects.requireNonNull(subjectPolicy, "subjectPolicy");
        if (maxComponents < 1) {
            throw new IllegalArgumentException("maxComponents must be at least 1, not " + maxComponents);
        }
        this.maxComponents = maxComponents;
        for (SbomSchema schema : SbomSchema.values()) {
            PredicateSchema loaded = PredicateSchema.load(SbomPredicateHandler.class, schema.resource(),
                    schema.references());
            schemas.put(schema, schema.format() == SbomFormat.CYCLONEDX ? LicenceIds.explained(loaded) : loaded);
        }
        readers.put(SbomFormat.CYCLONEDX, new CycloneDxReader());
        readers.put(SbomFormat.SPDX, new SpdxReader());
    }

    /**
     * {@inheritDoc}
     *
     * <p>A versioned type gets its version's schema; an unversioned type gets its format's newest schema (CycloneDX
     * 1.6, SPDX 2.3), although an older document sent under it is validated against its own version's schema.
     */
    @Override
    protected String schemaText(SbomPredicateType type) {
        return schemas.get(type.publishedSchema()).text();
    }

    @Override
    protected Optional<ValidationError> refuse(Statement statement) {
        return TreeDepth.tooDeep(statement.predicate(), PREDICATE_POINTER).map(pointer -> new ValidationError(pointer,
                "is nested deeper than " + TreeDepth.MAX + " levels of objects and arrays, more than any SBOM needs: "
                        + "flatten the document"));
    }

    @Override
    protected PredicateResult validate(Statement statement, SbomPredicateType type, JsonNode predicate) {
        SbomReader reader = readers.get(type.format());
        VersionCheck.Outcome version = VersionCheck.check(type, predicate);
        List<ValidationError> errors = new ArrayList<>(VersionCheck.errors(version));
        long size = reader.size(predicate);
        if (size > maxComponents) {
            // The cap bounds the work: an SBOM over it is not schema-validated at all.
            errors.add(reader.tooLarge(size, maxComponents));
            return PredicateResult.invalid(errors);
        }
        if (version.stop()) {
            return PredicateResult.invalid(errors);
        }
        if (version.schema().isPresent()) {
            errors.addAll(schemaErrors(version, predicate));
        }
        errors.addAll(reader.rules(predicate));
        // without a usable version there is always a version error, so facts are only read with a schema
        return subjectPolicy.result(errors, () -> reader.facts(predicate, version.schema().orElseThrow()), List::of,
                () -> mismatches(statement, reader.described(predicate), errors));
    }

    private List<ValidationError> schemaErrors(VersionCheck.Outcome version, JsonNode predicate) {
        // The version finding already speaks for the version member; the schema's own word on it would repeat it.
        Optional<String> versionPointer = version.error().map(ValidationError::pointer);
        return schemas.get(version.schema().get()).validate(predicate, PREDICATE_POINTER).stream()
                .filter(error -> versionPointer.isEmpty() || !versionPointer.get().equals(error.pointer()))
                .toList();
    }

    /**
     * Subject findings, except at members another finding already names: a root digest the schema refuses (not hex,
     * say) is one problem for the producer to fix, not a second "no subject has this digest".
     */
    private static List<ValidationError> mismatches(Statement statement, List<DigestClaim> claims,
                                                    List<ValidationError> reported) {
        Set<String> named = reported.stream().map(ValidationError::pointer).collect(Collectors.toSet());
        return Subjects.unmatched(statement, claims).stream().filter(claim -> !named.contains(claim.pointer()))
                .map(claim -> new ValidationError(claim.pointer(),
                "the SBOM gives " + claim.digest() + " for " + claim.artifactLabel() + ", the artifact it describes, "
                        + "but no statement subject has this digest (" + Subjects.describe(statement) + "); attest "
                        + "the SBOM for the artifact it describes, or correct the digest")).toList();
    }
}
