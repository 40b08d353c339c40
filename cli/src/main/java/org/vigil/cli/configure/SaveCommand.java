package org.vigil.cli.configure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import org.vigil.cib.Cib;
import org.vigil.cib.CibXml;
import org.vigil.cli.CibCommand;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.shell.ConfigPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code crm configure save [xml] FILE}: the whole configuration written to FILE, as crmsh's save does. */
@Command(name = "save", mixinStandardHelpOptions = true,
        description = {"Write the configuration to FILE in the configure language ('crm configure load replace FILE'",
            "reads it back), or as Pacemaker XML with 'xml'. FILE '-' is standard output. The file is written",
            "atomically with mode 0600 (a configuration may hold fence-device passwords)."},
        footer = {"", "Examples:", "  crm configure save /root/cluster.crm", "  crm configure save xml /root/cib.xml",
            "", "Exit codes: 0 ok, 1 error (FILE not written), 2 usage error."})
final class SaveCommand extends CibCommand implements Callable<Integer> {
    @Parameters(arity = "1..2", paramLabel = "[xml] FILE")
    java.util.List<String> args;

    SaveCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        boolean xml = args.size() == 2;
        if (xml && !args.get(0).equals("xml")) {
            throw new CliException("expected 'save [xml] FILE', got '" + String.join(" ", args) + "'",
                    ExitCodes.USAGE);
        }
        String target = args.get(args.size() - 1);
        Cib cib = client().read();
        String text;
        if (xml) {
            text = CibXml.write(CibXml.toTree(cib).child("configuration").orElseThrow());
        } else {
            StringBuilder sb = new StringBuilder();
            ConfigPrinter.objects(cib.configuration()).forEach(p -> sb.append(p.text()).append('\n'));
            text = sb.toString();
        }
        if (target.equals("-")) {
            ctx.out().print(text);
            return ExitCodes.OK;
        }
        Path file = ctx.resolve(target);
        try {
            write(file, text);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage());
        }
        ctx.err().println("INFO: configuration saved to " + file);
        return ExitCodes.OK;
    }

    private static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
