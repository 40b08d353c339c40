package org.vigil.cli.shell;

import java.util.List;

/** Position in one statement's tokens, with errors that point at the current line. */
final class Cursor {
    private final List<Token> tokens;
    private final int statementLine;
    private int pos;

    Cursor(List<Token> tokens) {
        this.tokens = tokens;
        this.statementLine = tokens.isEmpty() ? 0 : tokens.get(0).line();
    }

    boolean atEnd() {
        return pos >= tokens.size();
    }

    Token peek() {
        return atEnd() ? null : tokens.get(pos);
    }

    /** The next token's text, or null at the end. */
    String peekText() {
        return atEnd() ? null : tokens.get(pos).text();
    }

    boolean peekIs(String word) {
        return !atEnd() && tokens.get(pos).is(word);
    }

    boolean peekIsPair() {
        if (atEnd()) {
            return false;
        }
        String t = tokens.get(pos).text();
        int eq = t.indexOf('=');
        return eq > 0;
    }

    Token next(String expected) {
        if (atEnd()) {
            throw error("unexpected end of statement (expected " + expected + ")");
        }
        return tokens.get(pos++);
    }

    String nextText(String expected) {
        return next(expected).text();
    }

    void expect(String word) {
        Token t = next("'" + word + "'");
        if (!t.is(word)) {
            throw error("expected '" + word + "' but found '" + t.text() + "'");
        }
    }

    int line() {
        if (atEnd()) {
            return tokens.isEmpty() ? statementLine : tokens.get(tokens.size() - 1).line();
        }
        return tokens.get(pos).line();
    }

    ShellSyntaxException error(String message) {
        return new ShellSyntaxException(line(), message);
    }

    ShellSyntaxException errorAtPrevious(String message) {
        int l = pos > 0 ? tokens.get(pos - 1).line() : statementLine;
        return new ShellSyntaxException(l, message);
    }
}
