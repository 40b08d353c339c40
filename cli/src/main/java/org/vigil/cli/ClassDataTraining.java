package org.vigil.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Run at package time under {@code -XX:DumpLoadedClassList}: the read-only commands that scripts call in loops,
 * each once against a CIB file, so the class-data archive made from the list holds the classes they load
 * (docs/crm.md, "Start-up time"). Output is discarded; a command that fails only makes the archive smaller.
 * Next to the archive it writes the jar the archive is made for ({@code ARCHIVE.classpath}): an archive used
 * with another class path is refused whole by the JVM, so the launcher passes it only for that jar.
 */
public final class ClassDataTraining {
    private ClassDataTraining() {}

    static final List<List<String>> COMMANDS = List.of(
            List.of("crm_mon", "-1"),
            List.of("crm_mon", "-1", "-rfA", "-o", "-n"),
            List.of("crm_mon", "-1", "--output-as", "xml"),
            List.of("crm_mon", "-1", "--output-as", "json"),
            List.of("status"),
            List.of("configure", "show"),
            List.of("verify", "-L"),
            List.of("crm_resource", "--list"),
            List.of("crm_resource", "-l"),
            List.of("crm_resource", "-l", "--output-as", "xml"),
            List.of("crm_attribute", "-t", "crm_config", "-n", "stonith-enabled", "-G"),
            List.of("node", "list"),
            List.of("crm_node", "-l"),
            List.of("simulate", "-S", "-L"));

    /**
     * {@code args[0]}: the CIB file the commands read (they work on a copy of it); {@code args[1]}: the archive
     * made next (an older one is removed first, so that a failed run leaves none).
     */
    public static void main(String[] args) throws java.io.IOException {
        if (args.length != 2) {
            System.err.println("usage: ClassDataTraining CIB_FILE ARCHIVE");
            System.exit(2);
        }
        java.nio.file.Files.deleteIfExists(Path.of(args[1]));
        Map<String, String> env = new HashMap<>(System.getenv());
        Path copy = java.nio.file.Files.createTempFile("vigil-cds-training", ".xml");
        java.nio.file.Files.copy(Path.of(args[0]), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        env.put("CIB_file", copy.toString());
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
        CliContext ctx = new CliContext(env, InputStream.nullInputStream(), sink, sink, Clock.systemUTC(),
                Path.of("").toAbsolutePath());
        for (List<String> cmd : COMMANDS) {
            Main.run(ctx, cmd.toArray(new String[0]));
        }
        java.nio.file.Files.deleteIfExists(copy);
        Path jar = Path.of(ClassDataTraining.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        java.nio.file.Files.writeString(Path.of(args[1] + ".classpath"), jar.toAbsolutePath() + "\n");
        System.exit(0);
    }
}
