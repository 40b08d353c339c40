package org.vigil.cli;

/** How two tools' answers (exit code and output) first differ, for the differential tests' reports. */
public final class FirstDifference {
    private FirstDifference() {}

    /** Appends the exit codes when they differ and the first differing line, if any. */
    public static void append(int wantCode, String wantOut, int gotCode, String gotOut, StringBuilder report) {
        if (wantCode != gotCode) {
            report.append("  exit: want ").append(wantCode).append(", got ").append(gotCode).append('\n');
        }
        String[] w = wantOut.split("\n", -1);
        String[] g = gotOut.split("\n", -1);
        for (int j = 0; j < Math.max(w.length, g.length); j++) {
            String a = j < w.length ? w[j] : "<none>";
            String b = j < g.length ? g[j] : "<none>";
            if (!a.equals(b)) {
                report.append("  line ").append(j + 1).append("\n  want: ").append(a).append("\n  got:  ").append(b)
                        .append('\n');
                return;
            }
        }
    }
}
