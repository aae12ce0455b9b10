package io.atolldb.compat;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The document paths an UpdateExpression writes, and a returned item cut down to them: what DynamoDB
 * answers for ReturnValues UPDATED_OLD and UPDATED_NEW when an update writes inside a map or list (only
 * the written part, wrapped in its parents; a list keeps the selected elements in index order).
 */
final class UpdatedPaths {
    private static final Pattern CLAUSE = Pattern.compile("(?i)\\b(SET|REMOVE|ADD|DELETE)\\b");
    private static final Pattern ELEMENT = Pattern.compile("\\.([#A-Za-z0-9_]+)|\\[(\\d+)]");

    /** One path element: a map key, or a list index. */
    record Element(String name, int index) {
    }

    private UpdatedPaths() {
    }

    /** The target paths of the expression, names resolved; null when one cannot be read. */
    static List<List<Element>> targets(String expression, Map<String, String> names) {
        List<List<Element>> targets = new ArrayList<>();
        Matcher clause = CLAUSE.matcher(expression);
        List<int[]> starts = new ArrayList<>();
        while (clause.find()) {
            starts.add(new int[] {clause.start(), clause.end()});
        }
        for (int i = 0; i < starts.size(); i++) {
            String keyword = expression.substring(starts.get(i)[0], starts.get(i)[1]).toUpperCase();
            String body = expression.substring(starts.get(i)[1], i + 1 < starts.size() ? starts.get(i + 1)[0] : expression.length());
            for (String action : splitTopLevel(body)) {
                String target = switch (keyword) {
                    case "SET" -> action.contains("=") ? action.substring(0, action.indexOf('=')) : null;
                    case "REMOVE" -> action;
                    default -> action.trim().split("\\s+")[0];
                };
                List<Element> path = target == null ? null : parse(target.trim(), names);
                if (path == null) {
                    return null;
                }
                targets.add(path);
            }
        }
        return targets;
    }

    static boolean nested(List<List<Element>> targets) {
        return targets != null && targets.stream().anyMatch(path -> path.size() > 1);
    }

    /** The item cut down to the paths; empty when none is present. */
    static Map<String, AttributeValue> project(Map<String, AttributeValue> item, List<List<Element>> paths) {
        Map<Object, Object> tree = new LinkedHashMap<>();
        for (List<Element> path : paths) {
            AttributeValue value = AttributeValue.fromM(item);
            boolean present = true;
            for (Element element : path) {
                if (element.name() != null && value.type() == AttributeValue.Type.M && value.m().containsKey(element.name())) {
                    value = value.m().get(element.name());
                } else if (element.name() == null && value.type() == AttributeValue.Type.L && element.index() < value.l().size()) {
                    value = value.l().get(element.index());
                } else {
                    present = false;
                    break;
                }
            }
            if (present) {
                insert(tree, path, 0, value);
            }
        }
        Map<String, AttributeValue> projected = new LinkedHashMap<>();
        tree.forEach((name, node) -> projected.put(name.toString(), build(node)));
        return projected;
    }

    @SuppressWarnings("unchecked")
    private static void insert(Map<Object, Object> node, List<Element> path, int depth, AttributeValue value) {
        Element element = path.get(depth);
        Object key = element.name() != null ? element.name() : (Object) element.index();
        if (depth == path.size() - 1) {
            node.put(key, value);
            return;
        }
        Object child = node.computeIfAbsent(key, k -> new java.util.TreeMap<Object, Object>(UpdatedPaths::compareKeys));
        if (child instanceof Map<?, ?> map) {
            insert((Map<Object, Object>) map, path, depth + 1, value);
        }
    }

    private static int compareKeys(Object a, Object b) {
        if (a instanceof Integer x && b instanceof Integer y) {
            return Integer.compare(x, y);
        }
        return a.toString().compareTo(b.toString());
    }

    /** A built node: map keys of Integer become a list in index order. */
    private static AttributeValue build(Object node) {
        if (node instanceof AttributeValue value) {
            return value;
        }
        Map<?, ?> map = (Map<?, ?>) node;
        if (!map.isEmpty() && map.keySet().iterator().next() instanceof Integer) {
            return AttributeValue.fromL(map.values().stream().map(UpdatedPaths::build).toList());
        }
        Map<String, AttributeValue> members = new LinkedHashMap<>();
        map.forEach((k, v) -> members.put(k.toString(), build(v)));
        return AttributeValue.fromM(members);
    }

    private static List<Element> parse(String text, Map<String, String> names) {
        Matcher first = Pattern.compile("^([#A-Za-z0-9_]+)").matcher(text);
        if (!first.find()) {
            return null;
        }
        List<Element> path = new ArrayList<>();
        path.add(new Element(resolve(first.group(1), names), -1));
        Matcher rest = ELEMENT.matcher(text);
        int at = first.end();
        while (at < text.length()) {
            if (!rest.find(at) || rest.start() != at) {
                return null;
            }
            path.add(rest.group(1) != null ? new Element(resolve(rest.group(1), names), -1) : new Element(null, Integer.parseInt(rest.group(2))));
            at = rest.end();
        }
        return path;
    }

    private static String resolve(String name, Map<String, String> names) {
        return name.startsWith("#") && names != null ? names.getOrDefault(name, name) : name;
    }

    private static List<String> splitTopLevel(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(body.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (!body.substring(start).isBlank()) {
            parts.add(body.substring(start).trim());
        }
        return parts;
    }
}
