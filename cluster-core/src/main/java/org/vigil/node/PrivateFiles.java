package org.vigil.node;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The modes of a daemon's state: directories 0700 and files 0600, or 0750/0640 owned by a configured group
 * (Pacemaker's hacluster:haclient layout). The CIB holds fence-device passwords, so nobody else may read it.
 * Existing state that is more open is tightened at start-up, with one log line saying what was found.
 */
final class PrivateFiles {
    private final GroupPrincipal group;

    private PrivateFiles(GroupPrincipal group) {
        this.group = group;
    }

    /** Owner only; with {@code groupName}, the group may read too. */
    static PrivateFiles forGroup(Path anywhere, String groupName) throws IOException {
        if (groupName == null) {
            return new PrivateFiles(null);
        }
        try {
            return new PrivateFiles(anywhere.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(groupName));
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("group " + groupName + " does not exist");
        }
    }

    Set<PosixFilePermission> fileMode() {
        return PosixFilePermissions.fromString(group == null ? "rw-------" : "rw-r-----");
    }

    Set<PosixFilePermission> directoryMode() {
        return PosixFilePermissions.fromString(group == null ? "rwx------" : "rwxr-x---");
    }

    /** For creating a file that is private from its first byte (CREATE_NEW with this attribute). */
    FileAttribute<Set<PosixFilePermission>> fileAttribute() {
        return PosixFilePermissions.asFileAttribute(fileMode());
    }

    /** After creating a file with {@link #fileAttribute()}: hands it to the group, if one is configured. */
    void adopt(Path file) throws IOException {
        if (group != null) {
            Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(group);
            // the umask may have taken the group's read bit at creation
            Files.setPosixFilePermissions(file, fileMode());
        }
    }

    /**
     * Makes {@code dir} a private directory: created (with any missing parents, each private) when absent;
     * when present and more open than allowed, it and the regular files directly in it are tightened and
     * {@code log} gets one line. A directory that cannot be tightened (owned by another user) is refused.
     */
    void secureDirectory(Path dir, Consumer<String> log) throws IOException {
        Objects.requireNonNull(log, "log");
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            create(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class);
        List<String> found = new ArrayList<>();
        if (!allowed(attrs.permissions(), directoryMode()) || !groupMatches(attrs)) {
            found.add("the directory " + mode(attrs.permissions()));
        }
        List<Path> open = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                PosixFileAttributes fa = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!allowed(fa.permissions(), fileMode()) || !groupMatches(fa)) {
                    open.add(p);
                }
            }
        }
        if (!open.isEmpty()) {
            found.add(open.size() + " file" + (open.size() == 1 ? "" : "s") + " such as " + open.get(0).getFileName()
                    + " " + mode(Files.getPosixFilePermissions(open.get(0), LinkOption.NOFOLLOW_LINKS)));
        }
        if (found.isEmpty()) {
            return;
        }
        try {
            tighten(dir, directoryMode());
            for (Path p : open) {
                tighten(p, fileMode());
            }
        } catch (FileSystemException e) {
            throw new IOException(dir + " is open to other users (" + String.join(", ", found)
                    + ") and cannot be made private: " + e.getMessage());
        }
        log.accept("state directory " + dir + " was open to other users (" + String.join(", ", found)
                + "); tightened to " + mode(directoryMode()) + " and files " + mode(fileMode()));
    }

    private void create(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p, PosixFilePermissions.asFileAttribute(directoryMode()));
            tighten(p, directoryMode());
        }
    }

    private void tighten(Path p, Set<PosixFilePermission> mode) throws IOException {
        if (group != null) {
            Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(group);
        }
        Files.setPosixFilePermissions(p, mode);
    }

    /** More restrictive than {@code max} is fine (an operator may have made a file 0400). */
    private static boolean allowed(Set<PosixFilePermission> actual, Set<PosixFilePermission> max) {
        for (PosixFilePermission p : actual) {
            if (!max.contains(p) && !p.name().startsWith("OWNER")) {
                return false;
            }
        }
        return true;
    }

    /** Group bits are only right when the group is the configured one. */
    private boolean groupMatches(PosixFileAttributes attrs) {
        boolean groupBits = attrs.permissions().stream().anyMatch(p -> p.name().startsWith("GROUP"));
        return !groupBits || group != null && group.equals(attrs.group());
    }

    static String mode(Set<PosixFilePermission> perms) {
        int m = 0;
        for (PosixFilePermission p : perms) {
            m |= 1 << (8 - p.ordinal());
        }
        return String.format("0%o", m);
    }
}
