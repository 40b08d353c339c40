package org.vigil.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;

/**
 * A node's CIB on disk. Every save is a new file {@code cib-<generation>.xml}: written to a temporary file in
 * the same directory, fsynced, renamed into place, and the directory fsynced, so a crash leaves either the
 * old or the new file, never half of one. Each file ends with a checksum trailer (an XML comment, so the file
 * stays a CIB Pacemaker's tools can read); a torn or corrupted file fails the check. The newest
 * {@code backups} older files are kept; loading takes the newest file that is intact.
 */
public final class CibStore {
    private static final Pattern FILE = Pattern.compile("cib-(\\d{10})\\.xml");
    private static final Pattern TRAILER = Pattern.compile(
            "<!-- vigil-cib generation=(\\d+) length=(\\d+) sha256=([0-9a-f]{64}) -->\n$");
    private static final String TEMP_SUFFIX = ".tmp";

    /** The CIB found on load, the file it came from, and every newer file that had to be passed over. */
    public record Loaded(Cib cib, Path file, long generation, List<String> rejected) {
        public Loaded {
            rejected = List.copyOf(rejected);
        }
    }

    private final Path dir;
    private final int backups;
    private final PrivateFiles modes;
    private long generation;

    /** A store readable by this user only; tightening of open state is logged nowhere (tests, tools). */
    public CibStore(Path dir, int backups) throws IOException {
        this(dir, backups, null, line -> { });
    }

    /**
     * Opens (creating, mode 0700) the directory; temporary files a crash left behind are removed. Files are
     * written 0600, or 0640 and the directory 0750 when {@code group} is given (then owned by that group).
     * A directory or file more open than that is tightened, and {@code log} gets one line saying so.
     *
     * @throws IOException also when the directory is open to others and cannot be tightened
     */
    public CibStore(Path dir, int backups, String group, java.util.function.Consumer<String> log) throws IOException {
        if (backups < 0) {
            throw new IllegalArgumentException("backups must not be negative");
        }
        this.dir = dir;
        this.backups = backups;
        this.modes = PrivateFiles.forGroup(dir, group);
        modes.secureDirectory(dir, log);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "." + "cib-*" + TEMP_SUFFIX)) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        }
        List<Long> gens = generations();
        generation = gens.isEmpty() ? 0 : gens.get(0);
    }

    public Path directory() {
        return dir;
    }

    /** Stores the CIB as the newest generation; returns the file written. */
    public synchronized Path save(Cib cib) throws IOException {
        long next = generation + 1;
        byte[] body = CibXml.write(cib).getBytes(StandardCharsets.UTF_8);
        String trailer = "<!-- vigil-cib generation=" + next + " length=" + body.length + " sha256=" + sha256(body, body.length)
                + " -->\n";
        Path target = dir.resolve(fileName(next));
        Path temp = dir.resolve("." + fileName(next) + TEMP_SUFFIX);
        Files.deleteIfExists(temp);
        try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                modes.fileAttribute())) {
            modes.adopt(temp);
            ByteBuffer buf = ByteBuffer.allocate(body.length + trailer.length());
            buf.put(body).put(trailer.getBytes(StandardCharsets.US_ASCII)).flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        Durable.fsyncDirectory(dir);
        generation = next;
        prune();
        return target;
    }

    /** The newest intact CIB, if any file is intact. */
    public synchronized Optional<Loaded> load() throws IOException {
        List<String> rejected = new ArrayList<>();
        for (long gen : generations()) {
            Path file = dir.resolve(fileName(gen));
            String problem;
            try {
                byte[] bytes = Files.readAllBytes(file);
                problem = verify(bytes, gen);
                if (problem == null) {
                    String xml = new String(bytes, 0, bodyLength(bytes), StandardCharsets.UTF_8);
                    Cib cib = CibXml.standard().read(xml, file.toString()).cib();
                    return Optional.of(new Loaded(cib, file, gen, rejected));
                }
            } catch (CibParseException e) {
                problem = e.getMessage();
            } catch (IOException e) {
                problem = "cannot read: " + e.getMessage();
            }
            rejected.add(file + ": " + problem);
        }
        return Optional.empty();
    }

    /** Null when the file is intact, else what is wrong with it. */
    private static String verify(byte[] bytes, long gen) {
        int start = trailerStart(bytes);
        if (start < 0) {
            return "no checksum trailer (torn write or not written by Vigil)";
        }
        Matcher m = TRAILER.matcher(new String(bytes, start, bytes.length - start, StandardCharsets.US_ASCII));
        if (!m.matches()) {
            return "damaged checksum trailer";
        }
        if (Long.parseLong(m.group(1)) != gen) {
            return "trailer says generation " + m.group(1) + ", the file name " + gen;
        }
        if (Long.parseLong(m.group(2)) != start) {
            return "length " + start + " where the trailer says " + m.group(2);
        }
        if (!sha256(bytes, start).equals(m.group(3))) {
            return "checksum mismatch: the content is corrupted";
        }
        return null;
    }

    private static int bodyLength(byte[] bytes) {
        return trailerStart(bytes);
    }

    private static int trailerStart(byte[] bytes) {
        byte[] marker = "<!-- vigil-cib ".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = bytes.length - marker.length; i >= 0; i--) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void prune() throws IOException {
        List<Long> gens = generations();
        for (int i = backups + 1; i < gens.size(); i++) {
            Files.deleteIfExists(dir.resolve(fileName(gens.get(i))));
        }
    }

    /** Generations on disk, newest first. */
    private List<Long> generations() throws IOException {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "cib-*.xml")) {
            for (Path p : s) {
                Matcher m = FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(Long.parseLong(m.group(1)));
                }
            }
        }
        out.sort(java.util.Comparator.reverseOrder());
        return out;
    }

    private static String fileName(long gen) {
        return String.format("cib-%010d.xml", gen);
    }

    private static String sha256(byte[] bytes, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes, 0, length);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
