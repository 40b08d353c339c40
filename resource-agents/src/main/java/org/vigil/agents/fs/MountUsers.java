package org.vigil.agents.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds the processes using a mount point by reading /proc ({@code force_unmount=safe}): links
 * {@code cwd}, {@code root}, {@code exe} and {@code fd/*} that point into the directory, and memory
 * maps of files under it. Unlike fuser this never stats the filesystem, so it cannot hang on a
 * dead NFS server.
 */
final class MountUsers {
    private MountUsers() {}

    static List<Long> find(Path procRoot, String directory) {
        TreeSet<Long> pids = new TreeSet<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(procRoot, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                if (uses(proc, directory)) {
                    pids.add(Long.parseLong(proc.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            // an unreadable /proc leaves nothing to kill; umount's failure will be reported
        }
        return new ArrayList<>(pids);
    }

    private static boolean uses(Path proc, String directory) {
        List<Path> links = new ArrayList<>(List.of(proc.resolve("cwd"), proc.resolve("root"), proc.resolve("exe")));
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            fds.forEach(links::add);
        } catch (IOException e) {
            // another user's process, or it exited: only what is readable counts
        }
        for (Path link : links) {
            try {
                if (under(Files.readSymbolicLink(link).toString(), directory)) {
                    return true;
                }
            } catch (IOException | UnsupportedOperationException e) {
                // not a link, gone, or not ours to read
            }
        }
        try (Stream<String> maps = Files.lines(proc.resolve("maps"))) {
            return maps.anyMatch(l -> l.contains(" " + directory + "/"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static boolean under(String target, String directory) {
        return target.equals(directory) || target.startsWith(directory + "/");
    }
}
