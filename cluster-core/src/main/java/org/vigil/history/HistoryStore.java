package org.vigil.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;

/**
 * A DC's transition history on disk, as Pacemaker keeps its scheduler inputs: {@code pe-input-N.xml.gz} (the
 * CIB the scheduler read, with {@code execution-date} set to the time it ran, so {@code crm simulate -x}
 * replays it exactly) and {@code pe-input-N.json} (the {@link TransitionRecord}). Files are 0600 in a 0700
 * directory and written atomically (temporary file, rename). The newest {@code keep} inputs are kept.
 * Thread-safe: the daemon writes on its event thread while crm reads from the IPC threads.
 */
public final class HistoryStore {
    private static final Pattern RECORD = Pattern.compile("pe-input-(\\d+)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private long next;

    public HistoryStore(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".tmp")).forEach(p -> p.toFile().delete());
        }
        this.next = numbers().stream().mapToLong(Long::longValue).max().orElse(-1) + 1;
    }

    public Path directory() {
        return dir;
    }

    /** Stores the scheduler's input under the next number and returns that number. */
    public synchronized long saveInput(Cib input, long executionEpochSeconds) throws IOException {
        long n = next++;
        Cib stamped = input.withAttribute("execution-date", Long.toString(executionEpochSeconds));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(CibXml.write(stamped).getBytes(StandardCharsets.UTF_8));
        }
        write(dir.resolve("pe-input-" + n + ".xml.gz"), bytes.toByteArray());
        return n;
    }

    public synchronized void save(TransitionRecord r) throws IOException {
        write(dir.resolve("pe-input-" + r.number() + ".json"), JSON.writeValueAsBytes(r));
    }

    /** Every record kept, oldest first; unreadable ones are skipped (and named in {@code problems}). */
    public synchronized List<TransitionRecord> list(List<String> problems) {
        List<TransitionRecord> out = new ArrayList<>();
        for (long n : numbers()) {
            Path f = dir.resolve("pe-input-" + n + ".json");
            try {
                out.add(JSON.readValue(f.toFile(), TransitionRecord.class));
            } catch (IOException e) {
                problems.add(f + ": unreadable record: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return out;
    }

    /** The input stored under {@code number}, as the scheduler read it. */
    public synchronized Optional<Cib> input(long number) throws IOException {
        Path f = dir.resolve("pe-input-" + number + ".xml.gz");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
            return Optional.of(CibXml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (CibParseException e) {
            throw new IOException(f + ": " + e.getMessage());
        }
    }

    /** Keeps the newest {@code keep} transitions (negative: all), as pe-input-series-max. */
    public synchronized void prune(long keep) throws IOException {
        if (keep < 0) {
            return;
        }
        List<Long> all = numbers();
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(dir.resolve("pe-input-" + all.get(i) + ".json"));
            Files.deleteIfExists(dir.resolve("pe-input-" + all.get(i) + ".xml.gz"));
        }
    }

    private List<Long> numbers() {
        TreeMap<Long, Path> found = new TreeMap<>();
        try (var s = Files.list(dir)) {
            s.forEach(p -> {
                Matcher m = RECORD.matcher(p.getFileName().toString());
                if (m.matches()) {
                    found.put(Long.parseLong(m.group(1)), p);
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        return new ArrayList<>(found.keySet());
    }

    private void write(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
