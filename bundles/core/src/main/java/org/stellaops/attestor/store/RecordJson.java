package org.stellaops.attestor.store;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.cas.StorageException;

/**
 * The JSON form of stored records and the other store values, the same in every store (so records move between
 * stores, and an import reads what an export wrote). Records map through their canonical constructors;
 * {@link Instant} is an ISO-8601 string and {@link Bytes} a standard base64 string. Decimal numbers in derived facts
 * read back as {@link java.math.BigDecimal} with their exact value, so a record equals itself after a round trip
 * (which {@link EntryStore#replaceIf} relies on). Deterministic: record components keep their declaration order and
 * map entries are sorted by key. Thread-safe.
 */
public final class RecordJson {

    private static final AsString<Instant> INSTANT = new AsString<>(Instant.class, Instant::toString, Instant::parse,
            "not an ISO-8601 instant");
    private static final AsString<Bytes> BYTES = new AsString<>(Bytes.class, Bytes::base64, Bytes::fromBase64,
            "not base64");

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new SimpleModule("attestor-store")
                    .addSerializer(Instant.class, INSTANT.serializer())
                    .addDeserializer(Instant.class, INSTANT.deserializer())
                    .addSerializer(Bytes.class, BYTES.serializer())
                    .addDeserializer(Bytes.class, BYTES.deserializer()))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // 0.250 must come back as 0.250: a record must equal itself after a round trip, or replaceIf never matches
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * @param value a record, audit event, trusted key or other store value
     * @return its JSON text
     * @throws StorageException {@code storage.failure} if it cannot be serialized
     */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StorageException(StorageException.FAILURE,
                    "cannot serialize a " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * @param json text written by {@link #write}
     * @param type the value's type
     * @param <T> the value's type
     * @return the value
     * @throws StorageException {@code storage.corrupt} if the text is not such a value
     */
    public <T> T read(String json, Class<T> type) {
        try {
            JsonNode tree = mapper.readTree(json);
            fillTenant(tree, type);
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StorageException(StorageException.CORRUPT,
                    "stored " + type.getSimpleName() + " cannot be read back", e);
        }
    }

    /**
     * Reads an entry record, also in the format written before per-log targets existed (which has
     * {@code logEntries} instead of {@code signatures}, {@code logs} and {@code receipts}): its entries become one
     * logged target per log.
     *
     * @param json a record's JSON text
     * @return the record
     * @throws StorageException {@code storage.corrupt} if the text is not a record
     */
    public EntryRecord readRecord(String json) {
        try {
            JsonNode tree = mapper.readTree(json);
            fillTenant(tree, EntryRecord.class);
            if (tree.has("logs")) {
                return mapper.treeToValue(tree, EntryRecord.class);
            }
            LegacyRecord old = mapper.treeToValue(tree, LegacyRecord.class);
            return new EntryRecord(old.envelopeDigest(), old.uuid(), old.status(), old.casDigest(), old.payloadType(),
                    old.statementType(), old.predicateType(), old.subjects(), old.signerKeyIds(),
                    old.logEntries() == null ? List.of() : old.logEntries(), old.facts(), old.derivedBy(),
                    old.createdAt(), old.provenance());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StorageException(StorageException.CORRUPT, "stored EntryRecord cannot be read back", e);
        }
    }

    /**
     * Values stored before tenants existed have no tenant: records and trusted keys belong to
     * {@link Tenants#LEGACY}, audit events to {@link Tenants#OPERATOR} (so their chain hashes stay what they were).
     */
    private static void fillTenant(JsonNode tree, Class<?> type) {
        if (type == EntryRecord.class) {
            addTenant(tree.get("provenance"), Tenants.LEGACY);
        } else if (type == TrustedKey.class) {
            addTenant(tree, Tenants.LEGACY);
        } else if (type == AuditEvent.class) {
            addTenant(tree, Tenants.OPERATOR);
        } else if (type == ChainedAuditEvent.class) {
            addTenant(tree.get("event"), Tenants.OPERATOR);
        }
    }

    private static void addTenant(JsonNode node, String tenant) {
        if (node instanceof ObjectNode object && !object.hasNonNull("tenant")) {
            object.put("tenant", tenant);
        }
    }

    /** The record as stored before per-log targets existed. */
    private record LegacyRecord(String envelopeDigest, String uuid, String status, String casDigest,
                                String payloadType, String statementType, String predicateType,
                                List<Subject> subjects, List<String> signerKeyIds, List<LogEntry> logEntries,
                                Map<String, Object> facts, String derivedBy, Instant createdAt,
                                Provenance provenance) {
    }

    /** A value stored as one JSON string, for example an instant as ISO-8601 or bytes as base64. */
    private static final class AsString<T> {
        private final Class<T> type;
        private final Function<T, String> format;
        private final Function<String, T> parse;
        private final String expected;

        AsString(Class<T> type, Function<T, String> format, Function<String, T> parse, String expected) {
            this.type = type;
            this.format = format;
            this.parse = parse;
            this.expected = expected;
        }

        StdScalarSerializer<T> serializer() {
            return new StdScalarSerializer<>(type) {
                private static final long serialVersionUID = 1L;

                @Override
                public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                    gen.writeString(format.apply(value));
                }
            };
        }

        StdScalarDeserializer<T> deserializer() {
            return new StdScalarDeserializer<>(type) {
                private static final long serialVersionUID = 1L;

                @Override
                public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    try {
                        return parse.apply(p.getValueAsString());
                    } catch (RuntimeException e) {
                        return type.cast(ctxt.handleWeirdStringValue(type, p.getText(), expected));
                    }
                }
            };
        }
    }
}
