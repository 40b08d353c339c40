package org.vigil.cli.shell;

/**
 * One word of the configure language.
 *
 * @param line   1-based line in the source text, 0 for command-line arguments
 * @param quoted part of the word was quoted, so brackets in it are data, not syntax
 */
public record Token(String text, int line, boolean quoted) {
    public boolean is(String s) {
        return !quoted && text.equals(s);
    }
}
