package org.vigil.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
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
    public record User(String name, Role role, PasswordFile.Hashed password) {}

    private final Map<String, User> users;

    private ConsoleUsers(Map<String, User> users) {
        this.users = users;
    }

    public static ConsoleUsers read(Path file) throws IOException {
        Map<String, User> users = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return new ConsoleUsers(users);
        }
        for (PasswordFile.Record r : PasswordFile.records(file)) {
            String[] f = r.fields();
            users.put(f[0], PasswordFile.parse(file, r.line(), () -> new User(f[0],
                    Role.parse(f.length > 1 ? f[1] : ""), PasswordFile.Hashed.parse(f, 2, "NAME:ROLE:"))));
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
            PasswordFile.Hashed.unknown(password);
            return Optional.empty();
        }
        return u.password().matches(password) ? Optional.of(u.role()) : Optional.empty();
    }

    /** Adds or replaces a user. */
    public static void put(Path file, String name, Role role, String password, SecureRandom random) throws IOException {
        if (!name.matches("[A-Za-z0-9_.@-]{1,64}")) {
            throw new IOException("a user name is 1 to 64 letters, digits or _.@- ('" + name + "' is not)");
        }
        if (password.length() < 8) {
            throw new IOException("the password must have at least 8 characters");
        }
        read(file); // refuses to rewrite a file it cannot read
        List<String> out = PasswordFile.linesWithout(file, name);
        out.add(name + ":" + role.label() + ":" + PasswordFile.Hashed.of(password, random).format());
        write(file, out);
    }

    /** Removes a user; false when there was none of that name. */
    public static boolean delete(Path file, String name) throws IOException {
        if (!read(file).users.containsKey(name)) {
            return false;
        }
        write(file, PasswordFile.linesWithout(file, name));
        return true;
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        PasswordFile.writePrivate(file, lines);
    }
}
