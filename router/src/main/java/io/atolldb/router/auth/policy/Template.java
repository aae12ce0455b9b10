package io.atolldb.router.auth.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A value from a policy after its policy variables are substituted: pieces of policy text, where {@code *} and
 * {@code ?} are wildcards, and literal pieces (a variable's value, or the escapes {@code ${*}}, {@code ${?}},
 * {@code ${$}}), where they are not. Keeping the two apart is what makes {@code ${*}} match a literal star and a
 * user named {@code a*} match only itself.
 */
record Template(List<Segment> segments) {
    /** A piece of the value; in a literal piece wildcard characters stand for themselves. */
    record Segment(String text, boolean literal) {}

    Template {
        segments = List.copyOf(segments);
    }

    /** A value taken as written, with no variables: what 2008-10-17 policies and non-string operators use. */
    static Template plain(String text) {
        return new Template(List.of(new Segment(text, false)));
    }

    /**
     * Substitutes {@code ${key}} (or {@code ${key, 'default'}}) from {@code variables}; empty when a variable has
     * no value and no default, which makes the value match nothing, as in IAM.
     */
    static Optional<Template> resolve(String text, boolean substitute, Function<String, Optional<String>> variables) {
        if (!substitute || !text.contains("${")) {
            return Optional.of(plain(text));
        }
        List<Segment> segments = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("${", at);
            int close = open < 0 ? -1 : text.indexOf('}', open);
            if (open < 0 || close < 0) {
                segments.add(new Segment(text.substring(at), false));
                break;
            }
            segments.add(new Segment(text.substring(at, open), false));
            Optional<String> value = variable(text.substring(open + 2, close).trim(), variables);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            segments.add(new Segment(value.get(), true));
            at = close + 1;
        }
        return Optional.of(new Template(segments));
    }

    private static Optional<String> variable(String body, Function<String, Optional<String>> variables) {
        if (body.equals("*") || body.equals("?") || body.equals("$")) {
            return Optional.of(body);
        }
        int comma = body.indexOf(',');
        if (comma < 0) {
            return variables.apply(body);
        }
        String fallback = body.substring(comma + 1).trim();
        Optional<String> value = variables.apply(body.substring(0, comma).trim());
        if (value.isPresent() || fallback.length() < 2 || !fallback.startsWith("'") || !fallback.endsWith("'")) {
            return value;
        }
        return Optional.of(fallback.substring(1, fallback.length() - 1));
    }

    /** The value as text, wildcards not interpreted (for the Equals operators). */
    String text() {
        StringBuilder text = new StringBuilder();
        segments.forEach(segment -> text.append(segment.text()));
        return text.toString();
    }

    /**
     * Whether the ARN {@code arn} matches this ARN pattern the way the Arn operators compare: each of the six
     * colon-separated parts on its own, so a wildcard never spans a colon before the resource part.
     */
    boolean matchesArn(String arn) {
        String[] actual = arn.split(":", 6);
        List<Template> parts = arnParts();
        if (actual.length != 6 || parts.size() != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!parts.get(i).matches(actual[i], false)) {
                return false;
            }
        }
        return true;
    }

    /** This pattern cut at its first five colons, wherever they are (a variable's value may hold some). */
    private List<Template> arnParts() {
        List<Template> parts = new ArrayList<>();
        List<Segment> current = new ArrayList<>();
        for (Segment segment : segments) {
            String text = segment.text();
            int colon;
            while (parts.size() < 5 && (colon = text.indexOf(':')) >= 0) {
                current.add(new Segment(text.substring(0, colon), segment.literal()));
                parts.add(new Template(current));
                current = new ArrayList<>();
                text = text.substring(colon + 1);
            }
            current.add(new Segment(text, segment.literal()));
        }
        parts.add(new Template(current));
        return parts;
    }

    /** Whether {@code value} matches, {@code *} standing for any run of characters and {@code ?} for one. */
    boolean matches(String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (Segment segment : segments) {
            if (segment.literal()) {
                regex.append(Pattern.quote(segment.text()));
                continue;
            }
            StringBuilder run = new StringBuilder();
            for (char c : segment.text().toCharArray()) {
                if (c == '*' || c == '?') {
                    if (!run.isEmpty()) {
                        regex.append(Pattern.quote(run.toString()));
                        run.setLength(0);
                    }
                    regex.append(c == '*' ? ".*" : ".");
                } else {
                    run.append(c);
                }
            }
            if (!run.isEmpty()) {
                regex.append(Pattern.quote(run.toString()));
            }
        }
        int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags).matcher(value).matches();
    }
}
