package org.stellaops.attestor.store.mongo;

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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Provenance;

/**
 * The JSON form of a record body, the same as store-embedded's (whose older format, too, is read, for imports): records map through their canonical constructors,
 * {@link Instant} is an ISO-8601 string, {@link Bytes} standard base64, decimals in derived facts read back as
 * {@link java.math.BigDecimal}. Deterministic: record components keep their declaration order and map entries are
 * sorted by key, so one record always encodes to the same text.
 */
final class JsonCodec {

    private static final AsString<Instant> INSTANT = new AsString<>(Instant.class, Instant::toString, Instant::parse);
    private static final AsString<Bytes> BYTES = new AsString<>(Bytes.class, Bytes::base64, Bytes::fromBase64);

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new SimpleModule("attestor-store-mongo")
                    .addSerializer(Instant.class, INSTANT.serializer())
                    .addDeserializer(Instant.class, INSTANT.deserializer())
                    .addSerializer(Bytes.class, BYTES.serializer())
                    .addDeserializer(Bytes.class, BYTES.deserializer()))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // reading goes through a tree (to tell formats apart), whose default would turn 0.250 into 0.25
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    String write(EntryRecord record) {
        try {
            return mapper.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new StorageException(StorageException.FAILURE, "cannot serialize record "
                    + record.envelopeDigest(), e);
        }
    }

    EntryRecord read(String json, String id) {
        try {
            JsonNode tree = mapper.readTree(json);
            EntryRecord record = tree.has("logs") ? mapper.treeToValue(tree, EntryRecord.class)
                    : legacy(mapper.treeToValue(tree, LegacyRecord.class));
            if (!record.envelopeDigest().equals(id)) {
                throw new StorageException(StorageException.CORRUPT, "the record stored under " + id
                        + " holds envelope " + record.envelopeDigest(), null);
            }
            return record;
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new StorageException(StorageException.CORRUPT, "stored record " + id + " cannot be read back", e);
        }
    }

    /**
     * A record in store-embedded's format from before per-log targets existed ({@code logEntries} instead of
     * {@code signatures}, {@code logs} and {@code receipts}), as an import may bring: its entries become one logged
     * target per log.
     */
    private static EntryRecord legacy(LegacyRecord old) {
        return new EntryRecord(old.envelopeDigest(), old.uuid(), old.status(), old.casDigest(), old.payloadType(),
                old.statementType(), old.predicateType(), old.subjects(), old.signerKeyIds(),
                old.logEntries() == null ? List.of() : old.logEntries(), old.facts(), old.derivedBy(),
                old.createdAt(), old.provenance());
    }

    /** The record as store-embedded stored it before per-log targets existed. */
    record LegacyRecord(String envelopeDigest, String uuid, String status, String casDigest, String payloadType,
                        String statementType, String predicateType, List<Subject> subjects,
                        List<String> signerKeyIds, List<LogEntry> logEntries, Map<String, Object> facts,
                        String derivedBy, Instant createdAt, Provenance provenance) {
    }

    /** A value stored as one JSON string. */
    private static final class AsString<T> {
        private final Class<T> type;
        private final Function<T, String> format;
        private final Function<String, T> parse;

        AsString(Class<T> type, Function<T, String> format, Function<String, T> parse) {
            this.type = type;
            this.format = format;
            this.parse = parse;
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
                        return type.cast(ctxt.handleWeirdStringValue(type, p.getText(), "not a valid "
                                + type.getSimpleName()));
                    }
                }
            };
        }
    }
}
