package org.vigil.agents;

/** An agent's meta-data could not be read or is malformed; the message names the agent. */
public final class MetadataException extends Exception {
    private static final long serialVersionUID = 1L;

    public MetadataException(String message) {
        super(message);
    }

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
