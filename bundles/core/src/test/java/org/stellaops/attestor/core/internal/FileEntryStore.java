package org.stellaops.attestor.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryRecord;

/**
 * A small durable entry store for tests: one JSON file per record, written to a temporary file and moved into
 * place atomically, so a new instance on the same directory (a "reopen") sees exactly what was stored. Leases are
 * kept in memory, as a single-process store may.
 */
final class FileEntryStore extends TestEntryStore {

    private final Path directory;
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new SimpleModule()
                    .addSerializer(Bytes.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Bytes v, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeString(v.base64());
                        }
                    })
                    .addDeserializer(Bytes.class, new JsonDeserializer<>() {
                        @Override
                        public Bytes deserialize(JsonParser p, DeserializationContext c) throws IOException {
                            return Bytes.fromBase64(p.getValueAsString());
                        }
                    })
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeString(v.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                            return Instant.parse(p.getValueAsString());
                        }
                    }))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    FileEntryStore(Path directory, AuditStore audit) {
        super(audit);
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Optional<EntryRecord> load(String key) {
        Path file = file(key);
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    @Override
    protected void save(EntryRecord record) {
        write(record);
    }

    @Override
    protected List<EntryRecord> loadAll() {
        return all();
    }

    private List<EntryRecord> all() {
        try (Stream<Path> files = Files.list(directory)) {
            List<EntryRecord> records = new ArrayList<>();
            files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> records.add(read(f)));
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(EntryRecord record) {
        Path target = file(key(record));
        try {
            Path temp = Files.createTempFile(directory, "record", ".tmp");
            Files.write(temp, json.writeValueAsBytes(record));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException(StorageException.FAILURE, "cannot write " + target, e);
        }
    }

    private EntryRecord read(Path file) {
        try {
            return json.readValue(file.toFile(), EntryRecord.class);
        } catch (IOException e) {
            throw new StorageException(StorageException.CORRUPT, "cannot read " + file, e);
        }
    }

    /** Tenant names are [A-Za-z0-9._:@-], so replacing ':' and '|' gives a safe, unique file name. */
    private Path file(String key) {
        return directory.resolve(key.replace(':', '-').replace('|', '~') + ".json");
    }
}
