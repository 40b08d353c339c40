package org.vigil.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Who may read {@code /metrics}: one line per user, {@code NAME:pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and
 * hash in base64), written by {@code vigild passwd}. Passwords are kept only as PBKDF2-HMAC-SHA256 hashes and
 * compared in constant time.
 */
public final class PasswordFile {
    public static final int ITERATIONS = 210_000;
    private static final String SCHEME = "pbkdf2-sha256";

    /**
     * One password as kept: {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and hash in base64). The web
     * console's users file keeps the same after its own fields.
     */
    public record Hashed(int iterations, byte[] salt, byte[] hash) {
        public static Hashed of(String password, SecureRandom random) {
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            return new Hashed(ITERATIONS, salt, PasswordFile.hash(password, salt, ITERATIONS));
        }

        /** The four fields from {@code f[from]} on; IllegalArgumentException saying what is expected. */
        public static Hashed parse(String[] f, int from, String expected) {
            if (f.length != from + 4 || !f[from].equals(SCHEME)) {
                throw new IllegalArgumentException("expected " + expected + SCHEME + ":ITERATIONS:SALT:HASH");
            }
            return new Hashed(Integer.parseInt(f[from + 1]), Base64.getDecoder().decode(f[from + 2]),
                    Base64.getDecoder().decode(f[from + 3]));
        }

        public String format() {
            return SCHEME + ":" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                    + Base64.getEncoder().encodeToString(hash);
        }

        /** Compared in constant time. */
        public boolean matches(String password) {
            return MessageDigest.isEqual(hash, PasswordFile.hash(password, salt, iterations));
        }

        /** The work of a check for a name that has no password, so timing does not tell which names exist. */
        public static boolean unknown(String password) {
            PasswordFile.hash(password, new byte[16], ITERATIONS);
            return false;
        }
    }

    private final Map<String, Hashed> users;

    private PasswordFile(Map<String, Hashed> users) {
        this.users = users;
    }

    /** Reads the file; a bad line is an error naming the file and line. */
    public static PasswordFile read(Path file) throws IOException {
        Map<String, Hashed> users = new LinkedHashMap<>();
        for (Record r : records(file)) {
            users.put(r.fields()[0], parse(file, r.line(), () -> Hashed.parse(r.fields(), 1, "NAME:")));
        }
        return new PasswordFile(users);
    }

    /** One line of a colon-separated users file: its index (0-based) and its fields. */
    public record Record(int line, String[] fields) {}

    /** The file's records: every line that is neither blank nor a {@code #} comment, split at ':'. */
    public static List<Record> records(Path file) throws IOException {
        List<Record> out = new java.util.ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.add(new Record(i, l.split(":")));
            }
        }
        return out;
    }

    /** Runs {@code p} for line {@code index} of {@code file}, turning a bad field into an error naming both. */
    public static <T> T parse(Path file, int index, java.util.function.Supplier<T> p) throws IOException {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ":" + (index + 1) + ": " + (e instanceof NumberFormatException
                    ? "the iteration count is not a number" : e.getMessage()));
        }
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }

    public boolean check(String user, String password) {
        Hashed h = users.get(user);
        return h == null ? Hashed.unknown(password) : h.matches(password);
    }

    /** Adds or replaces {@code user} in {@code file} (created 0600 when absent), atomically. */
    public static void put(Path file, String user, String password, SecureRandom random) throws IOException {
        if (user.isEmpty() || user.contains(":") || user.chars().anyMatch(Character::isWhitespace)) {
            throw new IOException("a user name must be non-empty, without ':' or blanks");
        }
        if (password.isEmpty()) {
            throw new IOException("the password is empty");
        }
        if (Files.exists(file)) {
            read(file); // refuses to rewrite a file it cannot read
        }
        List<String> out = linesWithout(file, user);
        out.add(user + ":" + Hashed.of(password, random).format());
        writePrivate(file, out);
    }

    /** The file's lines except {@code user}'s (none when the file does not exist). */
    public static List<String> linesWithout(Path file, String user) throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.startsWith(user + ":")) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** Replaces {@code file} by {@code lines} atomically, the new file 0600. */
    public static void writePrivate(Path file, List<String> lines) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, (lines.isEmpty() ? "" : String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static byte[] hash(String password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17", e);
        }
    }
}
