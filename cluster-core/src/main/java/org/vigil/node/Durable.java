package org.vigil.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync for directories, so a rename survives a power cut. */
final class Durable {
    private Durable() {}

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open directories; the rename itself has happened.
            if (!e.getMessage().contains("Is a directory")) {
                throw e;
            }
        }
    }
}
