package org.vigil.cli;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills a command's {@code @Option} fields from plain command lines without building Picocli's model: Picocli is
 * compiled for Java 5, so its classes cannot go into the class-data archive and are verified the slow way, which
 * costs a read-only command like {@code crm_mon -1} about a third of its start-up; reading the {@code @Option}
 * annotations themselves (dynamic proxies, Picocli's jar opened) cost another quarter, so the command lists its
 * options ({@link QuickParsable}) and a test holds that list to the annotations. Anything beyond the simple forms
 * handled here (help, version, an unknown option, a value of another type, a positional argument) answers "no" and
 * the caller goes through Picocli, which also owns every error message.
 *
 * <p>Handled: boolean flags (also bundled, {@code -rf}), String and enum options ({@code --x=v}, {@code --x v},
 * {@code -xv}, {@code -x v}; with arity {@code 0..1} only attached values), {@code List<String>} options
 * (repeatable), and words that do not start with {@code -} into the command's one {@code List<String>}
 * {@code @Parameters} field (listed as a line holding only its name).
 */
final class QuickOptions {
    private QuickOptions() {}

    /** Sets {@code command}'s fields from {@code args}; false (fields partly set) when Picocli must parse instead. */
    static boolean populate(QuickParsable command, List<String> args) {
        Map<String, Field> byName = new HashMap<>();
        Set<Field> optional = new HashSet<>();
        Field positional = null;
        try {
            for (String line : command.quickOptions()) {
                String[] w = line.split(" ");
                if (w.length == 1) {
                    positional = command.getClass().getDeclaredField(w[0]);
                    continue;
                }
                boolean opt = w[0].endsWith("?");
                Field f = command.getClass().getDeclaredField(opt ? w[0].substring(0, w[0].length() - 1) : w[0]);
                if (opt) {
                    optional.add(f);
                }
                for (int i = 1; i < w.length; i++) {
                    byName.put(w[i], f);
                }
            }
        } catch (NoSuchFieldException e) {
            return false; // QuickOptionsTest catches a stale table; Picocli still parses correctly meanwhile
        }
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("--")) {
                    int eq = a.indexOf('=');
                    Field f = byName.get(eq < 0 ? a : a.substring(0, eq));
                    if (f == null) {
                        return false;
                    }
                    if (f.getType() == boolean.class) {
                        if (eq >= 0) {
                            return false;
                        }
                        set(command, f, null);
                    } else if (eq >= 0) {
                        set(command, f, a.substring(eq + 1));
                    } else if (optional.contains(f)) {
                        set(command, f, "");
                    } else if (i + 1 < args.size()) {
                        set(command, f, args.get(++i));
                    } else {
                        return false;
                    }
                } else if (a.startsWith("-") && a.length() > 1) {
                    for (int j = 1; j < a.length(); j++) {
                        Field f = byName.get("-" + a.charAt(j));
                        if (f == null) {
                            return false;
                        }
                        if (f.getType() == boolean.class) {
                            set(command, f, null);
                            continue;
                        }
                        String rest = a.substring(j + 1);
                        if (!rest.isEmpty()) {
                            set(command, f, rest.startsWith("=") ? rest.substring(1) : rest);
                        } else if (optional.contains(f)) {
                            set(command, f, "");
                        } else if (i + 1 < args.size()) {
                            set(command, f, args.get(++i));
                        } else {
                            return false;
                        }
                        break;
                    }
                } else if (positional != null) {
                    set(command, positional, a);
                } else {
                    return false;
                }
            }
        } catch (LeaveToPicocli e) {
            return false;
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static void set(Object command, Field f, String value) {
        try {
            f.setAccessible(true);
            if (f.getType() == boolean.class) {
                f.setBoolean(command, true);
            } else if (f.getType() == String.class) {
                f.set(command, value);
            } else if (f.getType().isEnum()) {
                // as Picocli with case-insensitive enum values; an unknown value is Picocli's to report
                Object match = null;
                for (Object c : f.getType().getEnumConstants()) {
                    if (((Enum<?>) c).name().equalsIgnoreCase(value)) {
                        match = c;
                    }
                }
                if (match == null) {
                    throw new LeaveToPicocli(value);
                }
                f.set(command, match);
            } else if (f.getType() == List.class && f.get(command) instanceof List<?> list) {
                ((List<String>) list).add(value);
            } else {
                throw new LeaveToPicocli(f.getName());
            }
        } catch (IllegalAccessException e) {
            throw new LeaveToPicocli(e.toString());
        }
    }

    /** An option this light parser does not handle: the command line goes to Picocli, which reports or handles it. */
    private static final class LeaveToPicocli extends RuntimeException {
        LeaveToPicocli(String what) {
            super(what, null, false, false);
        }
    }
}
