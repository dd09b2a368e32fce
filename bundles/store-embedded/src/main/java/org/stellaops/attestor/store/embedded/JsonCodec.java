package org.stellaops.attestor.store.embedded;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.cas.StorageException;

/**
 * JSON form of the stored records. Records map through their canonical constructors; {@link Instant} is an ISO-8601
 * string and {@link Bytes} a standard base64 string. Decimal numbers in derived facts read back as
 * {@link java.math.BigDecimal} so they keep their exact value.
 */
final class JsonCodec {

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new SimpleModule("attestor-store")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer())
                    .addSerializer(Bytes.class, new BytesSerializer())
                    .addDeserializer(Bytes.class, new BytesDeserializer()))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StorageException(StorageException.FAILURE,
                    "cannot serialize a " + value.getClass().getSimpleName(), e);
        }
    }

    <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StorageException(StorageException.CORRUPT,
                    "stored " + type.getSimpleName() + " cannot be read back", e);
        }
    }

    private static final class InstantSerializer extends StdScalarSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return Instant.parse(p.getValueAsString());
            } catch (DateTimeParseException | NullPointerException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), "not an ISO-8601 instant");
            }
        }
    }

    private static final class BytesSerializer extends StdScalarSerializer<Bytes> {
        private static final long serialVersionUID = 1L;

        BytesSerializer() {
            super(Bytes.class);
        }

        @Override
        public void serialize(Bytes value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.base64());
        }
    }

    private static final class BytesDeserializer extends StdScalarDeserializer<Bytes> {
        private static final long serialVersionUID = 1L;

        BytesDeserializer() {
            super(Bytes.class);
        }

        @Override
        public Bytes deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return Bytes.fromBase64(p.getValueAsString());
            } catch (IllegalArgumentException | NullPointerException e) {
                return (Bytes) ctxt.handleWeirdStringValue(Bytes.class, p.getText(), "not base64");
            }
        }
    }
}
