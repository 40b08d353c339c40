package org.vigil.agents;

/** OCF return codes (DESIGN.md §5), the contract between an agent and the cluster. */
public enum OcfStatus {
    SUCCESS(0),
    ERR_GENERIC(1),
    ERR_ARGS(2),
    ERR_UNIMPLEMENTED(3),
    ERR_PERM(4),
    ERR_INSTALLED(5),
    ERR_CONFIGURED(6),
    NOT_RUNNING(7),
    RUNNING_PROMOTED(8),
    FAILED_PROMOTED(9);

    private final int code;

    OcfStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Maps an exit code; codes outside the OCF range are generic errors, as Pacemaker treats them. */
    public static OcfStatus fromExitCode(int exitCode) {
        for (OcfStatus s : values()) {
            if (s.code == exitCode) {
                return s;
            }
        }
        return ERR_GENERIC;
    }

    /**
     * How Pacemaker's tools name an agent's exit code (its services_ocf_exitcode_str), the degraded codes 190 and
     * 191 included, which have no constant here because the cluster treats them as their healthy twins.
     */
    public static String text(int rc) {
        return switch (rc) {
            case 0 -> "ok";
            case 1 -> "error";
            case 2 -> "invalid parameter";
            case 3 -> "unimplemented feature";
            case 4 -> "insufficient privileges";
            case 5 -> "not installed";
            case 6 -> "not configured";
            case 7 -> "not running";
            case 8 -> "promoted";
            case 9 -> "promoted (failed)";
            case 190 -> "OCF_DEGRADED";
            case 191 -> "promoted (degraded)";
            default -> "unknown";
        };
    }
}
