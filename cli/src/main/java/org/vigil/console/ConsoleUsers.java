package org.vigil.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.metrics.PasswordFile;

/**
 * The console's users: one line each, {@code NAME:ROLE:pbkdf2-sha256:ITERATIONS:SALT:HASH}, managed by
 * {@code crm console user add|delete|list}; the file is 0600 and replaced atomically. Passwords are hashed as
 * for /metrics ({@link PasswordFile}: PBKDF2-HMAC-SHA256), compared in constant time.
 */
public final class ConsoleUsers {
    private static final String SCHEME = "pbkdf2-sha256";

    public record User(String name, Role role, int iterations, byte[] salt, byte[] hash) {}

    private final Map<String, User> users;

    private ConsoleUsers(Map<String, User> users) {
        this.users = users;
    }

    public static ConsoleUsers read(Path file) throws IOException {
        Map<String, User> users = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return new ConsoleUsers(users);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split(":");
            try {
                if (f.length != 6 || !f[2].equals(SCHEME)) {
                    throw new IllegalArgumentException("expected NAME:ROLE:" + SCHEME + ":ITERATIONS:SALT:HASH");
                }
                users.put(f[0], new User(f[0], Role.parse(f[1]), Integer.parseInt(f[3]),
                        Base64.getDecoder().decode(f[4]), Base64.getDecoder().decode(f[5])));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + (i + 1) + ": " + (e instanceof NumberFormatException
                        ? "the iteration count is not a number" : e.getMessage()));
            }
        }
        return new ConsoleUsers(users);
    }

    public List<User> all() {
        return List.copyOf(users.values());
    }

    /** The user's role when the password is right; the same work for unknown names, so timing tells nothing. */
    Optional<Role> check(String name, String password) {
        User u = users.get(name);
        if (u == null) {
            PasswordFile.hash(password, new byte[16], PasswordFile.ITERATIONS);
            return Optional.empty();
        }
        return MessageDigest.isEqual(u.hash(), PasswordFile.hash(password, u.salt(), u.iterations()))
                ? Optional.of(u.role()) : Optional.empty();
    }

    /** Adds or replaces a user. */
    public static void put(Path file, String name, Role role, String password, SecureRandom random) throws IOException {
        if (!name.matches("[A-Za-z0-9_.@-]{1,64}")) {
            throw new IOException("a user name is 1 to 64 letters, digits or _.@- ('" + name + "' is not)");
        }
        if (password.length() < 8) {
            throw new IOException("the password must have at least 8 characters");
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String line = name + ":" + role.label() + ":" + SCHEME + ":" + PasswordFile.ITERATIONS + ":"
                + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(PasswordFile.hash(password, salt, PasswordFile.ITERATIONS));
        List<String> out = others(file, name);
        out.add(line);
        write(file, out);
    }

    /** Removes a user; false when there was none of that name. */
    public static boolean delete(Path file, String name) throws IOException {
        if (!Files.exists(file) || !read(file).users.containsKey(name)) {
            return false;
        }
        write(file, others(file, name));
        return true;
    }

    private static List<String> others(Path file, String name) throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.exists(file)) {
            read(file); // refuses to rewrite a file it cannot read
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.startsWith(name + ":")) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, (lines.isEmpty() ? "" : String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
