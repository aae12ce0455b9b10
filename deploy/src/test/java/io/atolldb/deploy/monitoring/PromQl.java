package io.atolldb.deploy.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * Just enough PromQL reading for tests: the alerting rules of a rules file, and the metric names an
 * expression selects (label matchers, ranges, strings, grouping clauses and function names removed).
 */
public final class PromQl {
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private PromQl() {
    }

    public static List<JsonNode> alerts(Path rules) throws IOException {
        JsonNode root = new YAMLMapper().readTree(rules.toFile());
        return root.path("groups").findValues("rules").stream().flatMap(list -> elements(list).stream())
                .filter(rule -> rule.has("alert")).toList();
    }

    /** The PromQL of a Grafana dashboard: every panel target's expression and every label_values() query's metric. */
    public static List<String> dashboardExpressions(Path dashboard) throws IOException {
        JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dashboard.toFile());
        List<String> expressions = new java.util.ArrayList<>(root.path("panels").findValuesAsText("expr"));
        for (JsonNode variable : elements(root.path("templating").path("list"))) {
            Matcher query = LABEL_VALUES.matcher(variable.path("query").path("query").asText());
            if (query.find()) {
                expressions.add(query.group(1));
            }
        }
        return expressions;
    }

    public static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** The metric names an expression reads. */
    public static Set<String> metricNames(String expression) {
        String stripped = expression
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ");
        stripped = GROUPING.matcher(stripped).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(stripped);
        while (matcher.find()) {
            String token = matcher.group();
            boolean isFunction = stripped.substring(matcher.end()).stripLeading().startsWith("(");
            boolean isNumberPart = matcher.start() > 0 && Character.isDigit(stripped.charAt(matcher.start() - 1));
            if (!isFunction && !isNumberPart && !KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }
}
