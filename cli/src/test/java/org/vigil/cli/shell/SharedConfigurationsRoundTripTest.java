package org.vigil.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vigil.cib.CibXml;
import org.vigil.cib.Configuration;

/**
 * Every configuration of Pacemaker's own test cases, shown in the configure language and read back, prints
 * the same text again (so show | load replace keeps what the language can say, and xml for the rest).
 */
class SharedConfigurationsRoundTripTest {
    /** Raise when more cases round-trip; never lower. */
    static final int BASELINE = 597;

    @Test
    void showThenLoadPrintsTheSameText() throws Exception {
        String prop = System.getProperty("vigil.shared.dir");
        Path dir = Path.of(prop != null ? prop : "../../shared").toAbsolutePath().normalize()
                .resolve("conformance/pacemaker-scheduler");
        Assumptions.assumeTrue(Files.isDirectory(dir), "skipped: Pacemaker cases not found at " + dir);
        List<Path> inputs;
        try (Stream<Path> s = Files.list(dir)) {
            inputs = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        int same = 0;
        int xmlObjects = 0;
        int objects = 0;
        StringBuilder report = new StringBuilder();
        for (Path p : inputs) {
            Configuration c = CibXml.standard().read(p).cib().configuration();
            List<ConfigPrinter.Printed> printed = ConfigPrinter.objects(c);
            objects += printed.size();
            xmlObjects += (int) printed.stream().filter(x -> x.kind().equals("xml")).count();
            String text = ConfigPrinter.print(c);
            try {
                Configuration back = ConfigApplier.apply(Configuration.EMPTY, ConfigParser.parseText(text),
                        ConfigApplier.Mode.CREATE);
                String again = ConfigPrinter.print(back);
                if (again.equals(text)) {
                    same++;
                } else {
                    report.append("== ").append(p.getFileName()).append(": text differs at: ")
                            .append(firstDifference(text, again)).append('\n');
                }
            } catch (ShellSyntaxException e) {
                report.append("== ").append(p.getFileName()).append(": ").append(e.describe("shown")).append('\n');
            }
        }
        Path out = Path.of("target/configure-roundtrip.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println("configure show/load round trip: " + same + " of " + inputs.size()
                + " shared configurations; " + xmlObjects + " of " + objects + " objects shown as xml (details in "
                + out + ")");
        assertEquals(true, same >= BASELINE, "regressed: " + same + " < " + BASELINE);
    }

    private static String firstDifference(String a, String b) {
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            if (!x.get(i).equals(y.get(i))) {
                return x.get(i) + "  |  " + y.get(i);
            }
        }
        return "length " + x.size() + " vs " + y.size();
    }
}
