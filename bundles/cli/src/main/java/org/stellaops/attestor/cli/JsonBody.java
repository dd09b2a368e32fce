package org.stellaops.attestor.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * A JSON request body written member by member. A password is written straight from its characters, so it never
 * becomes a {@link String} on this side; absent (null) members are left out.
 */
final class JsonBody {

    private final ByteArrayOutputStream bytes;
    private final JsonGenerator generator;

    private JsonBody(int expectedBytes) {
        // sized up front, so that a body with a password is not copied into growing buffers
        bytes = new ByteArrayOutputStream(expectedBytes);
        try {
            generator = StrictJson.mapper().getFactory().createGenerator(bytes, JsonEncoding.UTF8);
            generator.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return an empty object body */
    static JsonBody object() {
        return new JsonBody(512);
    }

    /** @return an empty object body with room for about this many bytes */
    static JsonBody object(int expectedBytes) {
        return new JsonBody(expectedBytes + 512);
    }

    JsonBody text(String name, String value) {
        if (value != null) {
            write(() -> generator.writeStringField(name, value));
        }
        return this;
    }

    JsonBody flag(String name, boolean value) {
        write(() -> generator.writeBooleanField(name, value));
        return this;
    }

    /** Writes a secret from its characters (which the caller clears). */
    JsonBody secret(String name, char[] value) {
        if (value != null) {
            write(() -> {
                generator.writeFieldName(name);
                generator.writeString(value, 0, value.length);
            });
        }
        return this;
    }

    /** @return the UTF-8 body; the caller clears it once sent when it holds a secret */
    byte[] bytes() {
        write(() -> {
            generator.writeEndObject();
            generator.close();
        });
        return bytes.toByteArray();
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    private static void write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
    }
}
