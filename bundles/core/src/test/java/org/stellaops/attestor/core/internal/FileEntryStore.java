package org.stellaops.attestor.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;

/**
 * A small durable entry store for tests: one JSON file per record, written to a temporary file and moved into
 * place atomically, so a new instance on the same directory (a "reopen") sees exactly what was stored.
 */
final class FileEntryStore implements EntryStore {

    private final Path directory;
    private final AuditStore audit;
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
        this.directory = directory;
        this.audit = audit;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Stored putIfAbsent(EntryRecord record) {
        Optional<EntryRecord> existing = byEnvelopeDigest(record.envelopeDigest());
        if (existing.isPresent()) {
            return new Stored(existing.get(), false);
        }
        write(record);
        return new Stored(record, true);
    }

    @Override
    public synchronized Stored putIfAbsent(EntryRecord record, AuditEvent createdEvent) {
        Stored stored = putIfAbsent(record);
        if (stored.created()) {
            audit.append(createdEvent);
        }
        return stored;
    }

    @Override
    public synchronized void replace(EntryRecord record) {
        if (byEnvelopeDigest(record.envelopeDigest()).isEmpty()) {
            throw new StorageException(StorageException.FAILURE, "no record " + record.envelopeDigest(), null);
        }
        write(record);
    }

    @Override
    public synchronized Optional<EntryRecord> byEnvelopeDigest(String envelopeDigest) {
        Path file = file(envelopeDigest);
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    @Override
    public synchronized Optional<EntryRecord> byUuid(String uuid) {
        return all().stream().filter(r -> r.uuid().equals(uuid)
                || r.signatures().stream().anyMatch(s -> s.uuid().equals(uuid))
                || r.logEntries().stream().anyMatch(e -> e.uuid().equals(uuid))).findFirst();
    }

    @Override
    public synchronized List<EntryRecord> pending(int limit) {
        return all().stream().filter(EntryRecord::pending).limit(limit).toList();
    }

    @Override
    public synchronized List<EntryRecord> recent(int limit) {
        return all().stream().sorted(Comparator.comparing(EntryRecord::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized long count() {
        return all().size();
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
        Path target = file(record.envelopeDigest());
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

    private Path file(String envelopeDigest) {
        return directory.resolve(envelopeDigest.replace(':', '-') + ".json");
    }
}
