package org.vigil.cib;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Big and hostile CIB files, generated on the fly (nothing big is committed): streamed to disk, so the
 * generator's own memory stays small. Also a command for measuring the reader's peak memory:
 * {@code java -cp ... org.vigil.cib.LargeCibs bomb|big|read FILE [MB]}.
 */
final class LargeCibs {
    static final String HEAD = "<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\" validate-with=\"pacemaker-3.0\">"
            + "<configuration><crm_config/><nodes><node id=\"1\" uname=\"node1\"/></nodes><resources>";
    static final String TAIL = "</resources><constraints/></configuration><status/></cib>\n";

    /** What a bomb is made of between the head and the tail. */
    enum Filler { WHITESPACE, ATTRIBUTE, ELEMENTS }

    private LargeCibs() {}

    /** A gzipped CIB that inflates to about {@code inflatedBytes} of {@code filler}. */
    static void gzipBomb(Path file, long inflatedBytes, Filler filler) throws IOException {
        try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), 1 << 16)) {
            out.write(HEAD.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 16];
            switch (filler) {
                case WHITESPACE -> Arrays.fill(chunk, (byte) ' ');
                case ATTRIBUTE -> {
                    Arrays.fill(chunk, (byte) 'x');
                    out.write("<primitive id=\"p\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\" description=\""
                            .getBytes(StandardCharsets.US_ASCII));
                }
                case ELEMENTS -> {
                    byte[] e = "<a/>".getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < chunk.length; i++) {
                        chunk[i] = e[i % e.length];
                    }
                    out.write("<primitive id=\"p\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                            .getBytes(StandardCharsets.US_ASCII));
                }
            }
            for (long n = 0; n < inflatedBytes; n += chunk.length) {
                out.write(chunk);
            }
            if (filler == Filler.ATTRIBUTE) {
                out.write("\"/>".getBytes(StandardCharsets.US_ASCII));
            } else if (filler == Filler.ELEMENTS) {
                out.write("</primitive>".getBytes(StandardCharsets.US_ASCII));
            }
            out.write(TAIL.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A plausible CIB of about {@code bytes}: primitives with parameters, meta attributes and operations. */
    static void big(Path file, long bytes) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(HEAD.getBytes(StandardCharsets.US_ASCII));
            long written = HEAD.length();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; written < bytes; i++) {
                sb.setLength(0);
                String id = "vm" + i;
                sb.append("\n  <primitive id=\"").append(id).append("\" class=\"ocf\" provider=\"heartbeat\" type=\"Xen\">")
                        .append("\n    <instance_attributes id=\"").append(id).append("-ia\">")
                        .append("<nvpair id=\"").append(id).append("-xmfile\" name=\"xmfile\" value=\"/etc/xen/cluster/")
                        .append(id).append(".cfg\"/><nvpair id=\"").append(id)
                        .append("-name\" name=\"name\" value=\"").append(id).append("\"/></instance_attributes>")
                        .append("\n    <meta_attributes id=\"").append(id).append("-meta\"><nvpair id=\"").append(id)
                        .append("-ar\" name=\"allow-migrate\" value=\"true\"/></meta_attributes>")
                        .append("\n    <operations><op id=\"").append(id)
                        .append("-monitor-10s\" name=\"monitor\" interval=\"10s\" timeout=\"30s\"/><op id=\"").append(id)
                        .append("-start-0\" name=\"start\" interval=\"0\" timeout=\"90s\"/></operations>")
                        .append("\n  </primitive>");
                byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
                out.write(b);
                written += b.length;
            }
            out.write(TAIL.getBytes(StandardCharsets.US_ASCII));
        }
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "bomb" -> gzipBomb(file, Long.parseLong(args[2]) << 20, Filler.valueOf(args.length > 3 ? args[3] : "WHITESPACE"));
            case "big" -> big(file, Long.parseLong(args[2]) << 20);
            case "read" -> {
                long t0 = System.nanoTime();
                try {
                    Cib cib = CibXml.standard().read(file).cib();
                    System.out.println("read " + cib.configuration().resources().size() + " resources in "
                            + (System.nanoTime() - t0) / 1_000_000 + " ms");
                } catch (CibParseException e) {
                    System.out.println("refused in " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + e.getMessage());
                }
            }
            case "measure" -> {
                // heap held once read (tree and model), for calibrating XmlTreeReader's cost estimate
                XmlTreeReader.Parsed tree;
                try (var in = Files.newInputStream(file)) {
                    tree = new XmlTreeReader(1L << 50, Long.MAX_VALUE).read(in, file.toString());
                }
                Runtime rt = Runtime.getRuntime();
                System.gc();
                long treeOnly = rt.totalMemory() - rt.freeMemory();
                Cib cib = new TreeToCib(file.toString(), tree.lines()).cib(tree.root());
                System.gc();
                long both = rt.totalMemory() - rt.freeMemory();
                System.out.println("tree " + (treeOnly >> 20) + " MiB, tree and model " + (both >> 20) + " MiB, "
                        + cib.configuration().resources().size() + " resources");
            }
            default -> throw new IllegalArgumentException("bomb|big|read|measure FILE [MB]");
        }
    }
}
