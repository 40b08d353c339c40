package org.vigil.cli.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;
import org.vigil.cib.ParsedCib;
import org.vigil.cli.CliException;

/**
 * Offline mode ({@code CIB_file}): the CIB lives in one XML file. Changes are written to a temporary file in
 * the same directory, forced to disk and renamed over the original, so readers see the old or the new CIB,
 * never half of one. A sidecar lock file serialises concurrent crm processes.
 */
public final class FileCibClient implements CibClient {
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path file;
    private final ChangeValidator validator;
    private final PrintWriter notices;

    public FileCibClient(Path file, ChangeValidator validator, PrintWriter notices) {
        this.file = file;
        this.validator = validator;
        this.notices = notices;
    }

    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    @Override
    public ParsedCib readParsed() {
        if (!Files.exists(file)) {
            throw new CliException("CIB_file " + file + " does not exist (a configure command creates it)");
        }
        return parse();
    }

    private ParsedCib parse() {
        try {
            return CibXml.standard().read(file);
        } catch (CibParseException e) {
            throw new CliException("cannot read the CIB: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new CliException("cannot read the CIB " + file + ": " + e.getMessage());
        }
    }

    @Override
    public Cib apply(CibChange change) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new CliException("the directory of CIB_file " + file + " does not exist");
        }
        Path lockFile = dir.resolve("." + file.getFileName() + ".lock");
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = lockChannel.lock()) {
            boolean created = !Files.exists(file);
            Cib before = created ? Cib.empty() : parse().cib();
            Cib after = change.apply(before);
            if (after.equals(before) && !created) {
                return before;
            }
            List<String> refusals = validator.refusals(before, after);
            if (!refusals.isEmpty()) {
                throw new CliException("change rejected, CIB unchanged: " + String.join("; ", refusals));
            }
            boolean configChanged = !after.configuration().equals(before.configuration());
            Cib stored = after.withVersion(
                    configChanged ? before.version().nextEpoch() : before.version().nextUpdate());
            write(dir, CibXml.write(stored));
            if (created) {
                notices.println("crm: CIB_file " + file + " did not exist; created a new CIB there");
                notices.flush();
            }
            return stored;
        } catch (IOException e) {
            throw new CliException("cannot write CIB_file " + file + ": " + e.getMessage());
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // file locks belong to the process: a second change from this JVM must wait for the first
            throw new CliException("another change to " + file + " is in progress in this process; try again");
        }
    }

    private void write(Path dir, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        if (file.getFileName().toString().endsWith(".gz")) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (OutputStream gz = new GZIPOutputStream(buf)) {
                gz.write(bytes);
            }
            bytes = buf.toByteArray();
        }
        removeLeftovers(dir);
        // a new file is private (it may hold fence passwords); an existing one keeps its mode, owner and group
        PosixFileAttributes before = Files.exists(file)
                ? Files.readAttributes(file, PosixFileAttributes.class) : null;
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", TEMP_SUFFIX,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            if (before != null) {
                keepOwnership(tmp, before);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot rename atomically in " + dir, e);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The new file gets the old one's owner, group and mode before it replaces it. Only root may give a file
     * away; anyone else keeps what they may (the group, if they are in it) and is told what changed.
     */
    private void keepOwnership(Path tmp, PosixFileAttributes before) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        PosixFileAttributes now = view.readAttributes();
        try {
            if (!now.owner().equals(before.owner())) {
                view.setOwner(before.owner());
            }
            if (!now.group().equals(before.group())) {
                view.setGroup(before.group());
            }
        } catch (FileSystemException e) {
            notices.println("crm: " + file + " was owned by " + before.owner().getName() + ":"
                    + before.group().getName() + "; the rewritten file is " + view.readAttributes().owner().getName()
                    + ":" + view.readAttributes().group().getName() + " (only root can keep another user's file)");
            notices.flush();
        }
        Files.setPosixFilePermissions(tmp, before.permissions());
    }

    /** Temporary files a crm killed in the middle of a write left behind; called under the lock, so none is live. */
    private void removeLeftovers(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "." + globEscape(file.getFileName().toString())
                + ".*" + TEMP_SUFFIX)) {
            for (Path p : s) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String globEscape(String name) {
        return name.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }

    /** Makes the rename itself durable; not every platform lets a directory be opened, which is harmless. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // best effort: the data itself is already forced
        }
    }

}
