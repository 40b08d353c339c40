package org.vigil.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The cluster key, like corosync's authkey: random bytes every node holds, readable by its owner only.
 * Whoever has it may join the cluster; the transport derives its TLS identity from it.
 */
public final class ClusterKey {
    /** corosync-keygen's default size. */
    public static final int SIZE = 256;
    static final int MIN_SIZE = 32;

    private ClusterKey() {}

    /**
     * Writes a new key with mode 0400. Without {@code force} an existing file is left alone; with it the
     * old key is replaced atomically (a reader sees the old or the new key, never half of one).
     */
    public static void generate(Path file, boolean force, SecureRandom random) throws IOException {
        Path target = file.toAbsolutePath();
        if (!force && Files.exists(target)) {
            throw new FileAlreadyExistsException(target + ": a key exists already (use --force to replace it)");
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        byte[] key = new byte[SIZE];
        random.nextBytes(key);
        Path temp = dir.resolve("." + target.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.deleteIfExists(temp);
        try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--------")))) {
            ch.write(ByteBuffer.wrap(key));
            ch.force(true);
        }
        try {
            if (force) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // a link fails if somebody created the file meanwhile, where a rename would replace it
                Files.createLink(target, temp);
                Files.delete(temp);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        Durable.fsyncDirectory(dir);
    }

    /**
     * The key a configuration names, checked as the daemon needs it; the same one line for the daemon's refusal
     * and for {@code vigild --check-config}.
     */
    static byte[] forConfig(String keyFile) throws org.vigil.node.config.ConfigException {
        try {
            return read(Path.of(keyFile));
        } catch (IOException e) {
            throw new org.vigil.node.config.ConfigException("cannot read the cluster key " + keyFile + ": "
                    + e.getMessage() + " (make it with 'vigild keygen' and copy it to every node)");
        }
    }

    /** Reads a key, refusing one that is too short to be a key or readable by others; messages omit the file. */
    public static byte[] read(Path file) throws IOException {
        byte[] key;
        try {
            key = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("permission denied");
        }
        if (key.length < MIN_SIZE) {
            throw new IOException("a cluster key has at least " + MIN_SIZE + " bytes, this file has " + key.length);
        }
        try {
            var perms = Files.getPosixFilePermissions(file);
            for (var p : perms) {
                if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                    throw new IOException("mode " + PrivateFiles.mode(perms)
                            + ": the cluster key must be readable by its owner only (chmod 0400)");
                }
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
        return key;
    }
}
