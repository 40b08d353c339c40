package org.vigil.cib;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Pacemaker CIB XML: reading (1.0 to 3.x schemas, plain or gzipped) and canonical writing. */
public final class CibXml {
    private final long maxBytes;

    private CibXml(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The codec with the size limit from {@code -Dvigil.cib.max-bytes} or the default. */
    public static CibXml standard() {
        String prop = System.getProperty("vigil.cib.max-bytes");
        long max = XmlTreeReader.DEFAULT_MAX_BYTES;
        if (prop != null) {
            try {
                max = Long.parseLong(prop.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("vigil.cib.max-bytes must be a number of bytes, got " + prop, e);
            }
        }
        return new CibXml(max);
    }

    public static CibXml withMaxBytes(long maxBytes) {
        return new CibXml(maxBytes);
    }

    public ParsedCib read(Path file) throws CibParseException {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            if (Files.isRegularFile(file) && Files.size(file) > maxBytes && !gzipped(file)) {
                // refused before a byte is parsed; a gzip file is measured as it inflates
                throw new CibParseException(source, 0, BoundedXmlInput.tooLarge(maxBytes, false));
            }
            return read(in, source);
        } catch (NoSuchFileException e) {
            throw new CibParseException(source, 0, "no such file");
        } catch (IOException e) {
            throw new CibParseException(source, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    private static boolean gzipped(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    public ParsedCib read(String xml, String source) throws CibParseException {
        return read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), source);
    }

    public ParsedCib read(InputStream in, String source) throws CibParseException {
        try {
            XmlTreeReader.Parsed tree = new XmlTreeReader(maxBytes).read(in, source);
            TreeToCib mapper = new TreeToCib(source, tree.lines());
            Cib cib = mapper.cib(tree.root());
            return new ParsedCib(cib, source, mapper.idLines(), mapper.warnings());
        } catch (OutOfMemoryError e) {
            // the reader's budget should refuse first; if the rest of the process left too little, the partial
            // tree is garbage by now and the caller gets one line instead of a dying thread
            throw new CibParseException(source, 0, "not enough memory to read this CIB (heap "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); give java more (-Xmx in VIGIL_JAVA_OPTS)");
        }
    }

    /** Reads XML that must be a CIB; convenience for tests and tools that do not need line numbers. */
    public static Cib parse(String xml) throws CibParseException {
        return standard().read(xml, "<input>").cib();
    }

    /** The canonical XML text: same model, same bytes. */
    public static String write(Cib cib) {
        return XmlTreeWriter.write(CibToTree.cib(cib));
    }

    /** The CIB as a generic tree, for diffs and for writing single objects. */
    public static XmlElement toTree(Cib cib) {
        return CibToTree.cib(cib);
    }

    public static String write(XmlElement element) {
        return XmlTreeWriter.write(element);
    }

    /** One resource as Pacemaker XML (e.g. for {@code crm configure show xml ID}). */
    public static XmlElement toTree(Resource r) {
        return CibToTree.resource(r);
    }

    public static XmlElement toTree(Constraint c) {
        return CibToTree.constraint(c);
    }

    /** One attribute set as the element {@code name} ({@code instance_attributes}, ...), e.g. inside an alert. */
    public static XmlElement toTree(String name, NvSet set) {
        return CibToTree.nvSet(name, set);
    }

    /** An attribute set element read back into the model (what the model cannot hold is dropped). */
    public static NvSet nvSetOf(XmlElement element) {
        return new TreeToCib("xml", new java.util.IdentityHashMap<>()).nvSet(element);
    }
}
