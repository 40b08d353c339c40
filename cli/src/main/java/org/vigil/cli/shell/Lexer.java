package org.vigil.cli.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits configure-language text into statements of tokens: a statement ends at a newline unless the line
 * ends with a backslash; lines starting with {@code #} are comments; double quotes group words (with
 * backslash escapes), single quotes are literal; brackets are tokens of their own.
 */
public final class Lexer {
    private Lexer() {}

    /** Statements of text (a file or an editor buffer). */
    public static List<List<Token>> statements(String text) {
        List<List<Token>> out = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quotedWord = false;
        int wordLine = 0;
        int line = 1;
        boolean lineStart = true;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (lineStart && current.isEmpty() && !inWord) {
                int j = i;
                while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                    j++;
                }
                if (j < n && text.charAt(j) == '#') {
                    while (j < n && text.charAt(j) != '\n') {
                        j++;
                    }
                    i = j;
                    continue;
                }
                lineStart = false;
                if (text.startsWith("xml", j) && j + 3 < n && Character.isWhitespace(text.charAt(j + 3))) {
                    int end = j + 3;
                    StringBuilder raw = new StringBuilder();
                    int startLine = line;
                    while (end < n && text.charAt(end) != '\n') {
                        if (text.charAt(end) == '\\' && end + 1 < n && text.charAt(end + 1) == '\n') {
                            raw.append(' ');
                            end += 2;
                            line++;
                            continue;
                        }
                        raw.append(text.charAt(end));
                        end++;
                    }
                    out.add(List.of(new Token("xml", startLine, false), new Token(raw.toString().trim(), startLine,
                            true)));
                    i = end;
                    continue;
                }
            }
            if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == '\n'
                    || (text.charAt(i + 1) == '\r' && i + 2 < n && text.charAt(i + 2) == '\n'))) {
                if (inWord) {
                    current.add(new Token(word.toString(), wordLine, quotedWord));
                    word.setLength(0);
                    inWord = false;
                    quotedWord = false;
                }
                i += text.charAt(i + 1) == '\r' ? 3 : 2;
                line++;
                continue;
            }
            if (c == '\n') {
                if (inWord) {
                    current.add(new Token(word.toString(), wordLine, quotedWord));
                    word.setLength(0);
                    inWord = false;
                    quotedWord = false;
                }
                if (!current.isEmpty()) {
                    out.add(current);
                    current = new ArrayList<>();
                }
                line++;
                lineStart = true;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    current.add(new Token(word.toString(), wordLine, quotedWord));
                    word.setLength(0);
                    inWord = false;
                    quotedWord = false;
                }
                i++;
                continue;
            }
            if (!inWord && isBracket(c)) {
                current.add(new Token(String.valueOf(c), line, false));
                i++;
                continue;
            }
            if (inWord && isCloser(c) && endsWord(text, i + 1) && !quotedWord
                    && word.indexOf("=") < 0 && word.indexOf(String.valueOf(opener(c))) < 0) {
                current.add(new Token(word.toString(), wordLine, false));
                word.setLength(0);
                inWord = false;
                continue;
            }
            if (!inWord) {
                inWord = true;
                wordLine = line;
            }
            if (c == '"') {
                int start = line;
                i++;
                boolean closed = false;
                while (i < n) {
                    char q = text.charAt(i);
                    if (q == '\\' && i + 1 < n) {
                        char e = text.charAt(i + 1);
                        word.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                        if (e == '\n') {
                            line++;
                        }
                        i += 2;
                        continue;
                    }
                    if (q == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    }
                    word.append(q);
                    i++;
                }
                if (!closed) {
                    throw new ShellSyntaxException(start, "unterminated double quote (expected a closing \")");
                }
                quotedWord = true;
                continue;
            }
            if (c == '\'') {
                int start = line;
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new ShellSyntaxException(start, "unterminated single quote (expected a closing ')");
                }
                String s = text.substring(i + 1, end);
                line += (int) s.chars().filter(ch -> ch == '\n').count();
                word.append(s);
                quotedWord = true;
                i = end + 1;
                continue;
            }
            word.append(c);
            i++;
        }
        if (inWord) {
            current.add(new Token(word.toString(), wordLine, quotedWord));
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /**
     * Command-line arguments, already split by the shell: each is one token, except that brackets
     * standing alone or glued to the ends of a resource id are split off.
     */
    public static List<Token> arguments(List<String> args) {
        List<Token> out = new ArrayList<>();
        for (String a : args) {
            String s = a;
            if (s.isEmpty() || s.contains("=") || s.contains(" ")) {
                out.add(new Token(s, 0, !s.isEmpty() && s.contains(" ")));
                continue;
            }
            while (s.length() > 1 && isOpener(s.charAt(0))) {
                out.add(new Token(s.substring(0, 1), 0, false));
                s = s.substring(1);
            }
            List<Token> tail = new ArrayList<>();
            while (s.length() > 1 && isCloser(s.charAt(s.length() - 1))
                    && s.indexOf(opener(s.charAt(s.length() - 1))) < 0) {
                tail.add(0, new Token(s.substring(s.length() - 1), 0, false));
                s = s.substring(0, s.length() - 1);
            }
            out.add(new Token(s, 0, false));
            out.addAll(tail);
        }
        return out;
    }

    private static boolean endsWord(String text, int i) {
        return i >= text.length() || Character.isWhitespace(text.charAt(i)) || isCloser(text.charAt(i));
    }

    private static boolean isBracket(char c) {
        return isOpener(c) || isCloser(c);
    }

    private static boolean isOpener(char c) {
        return c == '(' || c == '[' || c == '{';
    }

    private static boolean isCloser(char c) {
        return c == ')' || c == ']' || c == '}';
    }

    private static char opener(char closer) {
        return closer == ')' ? '(' : closer == ']' ? '[' : '{';
    }
}
