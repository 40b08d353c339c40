package org.vigil.cib;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The bytes the XML parser gets, bounded as they stream past, so a hostile input is refused while it is
 * being read rather than after it has been held: the document (counted after decompression, so a gzip bomb
 * stops at the cap) and the longest run of bytes without a '<' (the most the parser buffers at once: one tag
 * with its attributes, or one text run).
 */
final class BoundedXmlInput extends FilterInputStream {
    /** Thrown from inside the stream so the parser stops at once; its message is the one-line reason. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final long maxBytes;
    private final int maxRun;
    private final boolean compressed;
    private long count;
    private long run;

    BoundedXmlInput(InputStream in, long maxBytes, int maxRun) {
        super(in);
        this.maxBytes = maxBytes;
        this.maxRun = maxRun;
        this.compressed = in instanceof Gunzip;
    }

    /** Gzip whose end-of-data problems say what they are (not the parser's "Premature end of file"). */
    static InputStream gunzip(InputStream in) throws IOException {
        try {
            return new Gunzip(in);
        } catch (EOFException e) {
            throw new Refused("truncated gzip file: it ends inside the gzip header");
        } catch (ZipException e) {
            throw new Refused("damaged gzip file: " + e.getMessage());
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            see(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            see(buf, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(n, 8192)]); // every byte is counted
    }

    private void see(byte[] buf, int off, int n) {
        count += n;
        if (count > maxBytes) {
            throw new Refused(tooLarge(maxBytes, compressed));
        }
        for (int i = off; i < off + n; i++) {
            if (buf[i] == '<') {
                run = 0;
            } else if (++run > maxRun) {
                throw new Refused("more than " + mib(maxRun) + " without markup near byte " + (count - n + i - off)
                        + " (a tag, attribute value or text that long is not a CIB)");
            }
        }
    }

    static String tooLarge(long maxBytes, boolean compressed) {
        return (compressed ? "inflates to more than" : "larger than") + " the " + mib(maxBytes) + " a CIB may have"
                + (compressed ? " (a gzip bomb?)" : "") + "; set -Dvigil.cib.max-bytes to raise the cap";
    }

    private static String mib(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }

    private static final class Gunzip extends GZIPInputStream {
        Gunzip(InputStream in) throws IOException {
            super(in, 64 * 1024);
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            try {
                return super.read(buf, off, len);
            } catch (EOFException e) {
                throw new Refused("truncated gzip file: it ends before its compressed data does (an interrupted "
                        + "copy or write?)");
            } catch (ZipException e) {
                throw new Refused("damaged gzip file: " + e.getMessage());
            }
        }
    }
}
