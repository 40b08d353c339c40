package org.vigil.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vigil.ipc.FenceOutcome;
import org.vigil.ipc.ServiceException;

/**
 * The node's copy of the cluster's fencing history, in {@code fencing.json} beside the CIB store: written
 * whole to a temporary file (mode 0600), synced and renamed over the old one, so a crash leaves the old
 * history or the new one, never half of either.
 */
final class FencingStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    FencingStore(Path dir) {
        this.file = dir.resolve("fencing.json");
    }

    Path file() {
        return file;
    }

    void save(List<FenceOutcome> history) throws IOException {
        ArrayNode a = JSON.createArrayNode();
        history.forEach(o -> a.add(o.toJson()));
        byte[] bytes = JSON.writeValueAsBytes(a);
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.WRITE))) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Durable.fsyncDirectory(file.getParent());
    }

    /** The stored history; empty when there is none. A damaged file is an IOException naming it. */
    List<FenceOutcome> load() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode a;
        try {
            a = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException(file + ": not a fencing history: " + e.getMessage());
        }
        if (a == null || !a.isArray()) {
            throw new IOException(file + ": not a fencing history (expected a JSON array)");
        }
        List<FenceOutcome> out = new ArrayList<>();
        for (JsonNode n : a) {
            try {
                out.add(FenceOutcome.fromJson(n));
            } catch (ServiceException e) {
                throw new IOException(file + ": entry " + (out.size() + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }
}
