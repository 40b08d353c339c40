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

    private record Entry(int iterations, byte[] salt, byte[] hash) {}

    private final Map<String, Entry> users;

    private PasswordFile(Map<String, Entry> users) {
        this.users = users;
    }

    /** Reads the file; a bad line is an error naming the file and line. */
    public static PasswordFile read(Path file) throws IOException {
        Map<String, Entry> users = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split(":");
            try {
                if (f.length != 5 || !f[1].equals(SCHEME)) {
                    throw new IllegalArgumentException("expected NAME:" + SCHEME + ":ITERATIONS:SALT:HASH");
                }
                users.put(f[0], new Entry(Integer.parseInt(f[2]), Base64.getDecoder().decode(f[3]),
                        Base64.getDecoder().decode(f[4])));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + (i + 1) + ": " + (e instanceof NumberFormatException
                        ? "the iteration count is not a number" : e.getMessage()));
            }
        }
        return new PasswordFile(users);
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }

    public boolean check(String user, String password) {
        Entry e = users.get(user);
        if (e == null) {
            // the same work for unknown users, so timing does not tell which names exist
            hash(password, new byte[16], ITERATIONS);
            return false;
        }
        return MessageDigest.isEqual(e.hash(), hash(password, e.salt(), e.iterations()));
    }

    /** Adds or replaces {@code user} in {@code file} (created 0600 when absent), atomically. */
    public static void put(Path file, String user, String password, SecureRandom random) throws IOException {
        if (user.isEmpty() || user.contains(":") || user.chars().anyMatch(Character::isWhitespace)) {
            throw new IOException("a user name must be non-empty, without ':' or blanks");
        }
        if (password.isEmpty()) {
            throw new IOException("the password is empty");
        }
        List<String> out = new ArrayList<>();
        if (Files.exists(file)) {
            read(file); // refuses to rewrite a file it cannot read
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.startsWith(user + ":")) {
                    out.add(l);
                }
            }
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        out.add(user + ":" + SCHEME + ":" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash(password, salt, ITERATIONS)));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, (String.join("\n", out) + "\n").getBytes(StandardCharsets.UTF_8));
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
