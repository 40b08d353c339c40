package org.vigil.node;

import java.io.IOException;
import java.io.InputStream;
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
    /** The trailer is about 130 bytes; this much of a file's end is searched for it. */
    private static final int TAIL_BYTES = 512;

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
            ByteBuffer[] parts = {ByteBuffer.wrap(body), ByteBuffer.wrap(trailer.getBytes(StandardCharsets.US_ASCII))};
            while (parts[1].hasRemaining()) {
                ch.write(parts);
            }
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        Durable.fsyncDirectory(dir);
        generation = next;
        prune();
        return target;
    }

    /** The newest intact CIB, if any file is intact. Files are streamed: a big CIB is never held as bytes. */
    public synchronized Optional<Loaded> load() throws IOException {
        List<String> rejected = new ArrayList<>();
        for (long gen : generations()) {
            Path file = dir.resolve(fileName(gen));
            String problem;
            try {
                Body body = verify(file, gen);
                problem = body.problem();
                if (problem == null) {
                    try (InputStream in = new BoundedInputStream(Files.newInputStream(file), body.length())) {
                        Cib cib = CibXml.standard().read(in, file.toString()).cib();
                        return Optional.of(new Loaded(cib, file, gen, rejected));
                    }
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

    /** The length of the CIB before the trailer, or what is wrong with the file. */
    private record Body(long length, String problem) {}

    private static Body verify(Path file, long gen) throws IOException {
        long size = Files.size(file);
        byte[] tail;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int n = (int) Math.min(size, TAIL_BYTES);
            ByteBuffer buf = ByteBuffer.allocate(n);
            ch.position(size - n);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read the whole tail
            }
            tail = buf.array();
        }
        int inTail = trailerStart(tail);
        if (inTail < 0) {
            return new Body(0, "no checksum trailer (torn write or not written by Vigil)");
        }
        long start = size - tail.length + inTail;
        Matcher m = TRAILER.matcher(new String(tail, inTail, tail.length - inTail, StandardCharsets.US_ASCII));
        if (!m.matches()) {
            return new Body(0, "damaged checksum trailer");
        }
        if (Long.parseLong(m.group(1)) != gen) {
            return new Body(0, "trailer says generation " + m.group(1) + ", the file name " + gen);
        }
        if (Long.parseLong(m.group(2)) != start) {
            return new Body(0, "length " + start + " where the trailer says " + m.group(2));
        }
        MessageDigest d = sha256();
        try (InputStream in = new BoundedInputStream(Files.newInputStream(file), start)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        if (!HexFormat.of().formatHex(d.digest()).equals(m.group(3))) {
            return new Body(0, "checksum mismatch: the content is corrupted");
        }
        return new Body(start, null);
    }

    /** The first {@code limit} bytes of a stream: the CIB without its trailer. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
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
        MessageDigest d = sha256();
        d.update(bytes, 0, length);
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
