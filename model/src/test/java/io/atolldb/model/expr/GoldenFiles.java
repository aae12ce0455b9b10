package io.atolldb.model.expr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and rewrites the golden files under {@code src/test/resources/expr}. A file is a list of
 * cases: an {@code expr:} line (the rest of the line verbatim, blanks included) followed by a
 * {@code tree:} line (the printed result) or an {@code error:} line (the message). Lines starting with
 * '#' and blank lines are comments and separators. Run the tests with {@code -Dexpr.golden.update=true}
 * to rewrite the expected lines from the actual results, then review the diff by eye.
 */
final class GoldenFiles {
    static final boolean UPDATE = Boolean.getBoolean("expr.golden.update");

    private GoldenFiles() {
    }

    /** One case: the expression and what is expected of it ("tree: ..." or "error: ..."). */
    record Case(int line, String expression, String expected) {
    }

    static Path file(String name) {
        return Path.of("src/test/resources/expr", name);
    }

    static List<Case> read(String name) {
        List<String> lines = lines(name);
        var cases = new ArrayList<Case>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("expr: ")) {
                String expected = i + 1 < lines.size() ? lines.get(i + 1) : "";
                cases.add(new Case(i + 1, lines.get(i).substring("expr: ".length()), expected));
            }
        }
        return cases;
    }

    /** Rewrites the line after each {@code expr:} line with the actual outcome, keeping everything else. */
    static void rewrite(String name, java.util.function.Function<String, String> outcome) {
        List<String> lines = lines(name);
        var out = new ArrayList<String>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(lines.get(i));
            if (lines.get(i).startsWith("expr: ")) {
                out.add(outcome.apply(lines.get(i).substring("expr: ".length())));
                if (i + 1 < lines.size() && (lines.get(i + 1).startsWith("tree: ") || lines.get(i + 1).startsWith("error: "))) {
                    i++;
                }
            }
        }
        try {
            Files.write(file(name), out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String name) {
        try {
            return Files.readAllLines(file(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
