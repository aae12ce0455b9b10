package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TagResource, UntagResource and ListTagsOfResource on tables, addressed by their ARN. */
final class TagHandlers {
    static final int MAX_TAGS = 50;
    static final int MAX_KEY_CHARACTERS = 128;
    static final int MAX_VALUE_CHARACTERS = 256;
    /** Developer Guide, "Tagging restrictions": letters, white space, numbers and + - = . _ : / */
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}+\\-=._:/]*");
    private static final String RESERVED_PREFIX = "aws:";
    private static final Pattern TABLE_ARN = Pattern.compile("arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\\d{12}:table/([a-zA-Z0-9_.-]{3,255})");

    private TagHandlers() {
    }

    /** The table a resource ARN names; a ValidationException for anything else. */
    static String tableOf(String arn, Violations violations) {
        violations.requirePresent(arn, "resourceArn");
        violations.throwIfAny();
        Matcher matcher = TABLE_ARN.matcher(arn);
        if (!matcher.matches()) {
            throw DynamoException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        return matcher.group(1);
    }

    /**
     * A Tags list (TagResource, CreateTable) checked against DynamoDB's tagging restrictions: key 1-128 and
     * value 0-256 characters (Unicode characters, not UTF-16 units), only letters, white space, numbers and
     * {@code + - = . _ : /}, and no key with the {@code aws:} prefix, which DynamoDB keeps for its own tags. The
     * 50 tags a table may have are counted where the table's tags are known. Structural violations are
     * recorded in {@code violations}; the character and prefix rules throw.
     */
    static Map<String, String> tags(List<JsonFields> tags, String path, Violations violations) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (int i = 0; i < tags.size(); i++) {
            String at = path + "." + (i + 1) + ".member.";
            String key = tags.get(i).string("Key");
            String value = tags.get(i).string("Value");
            if (violations.requirePresent(key, at + "key")) {
                checkLength(key, at + "key", 1, MAX_KEY_CHARACTERS, violations);
            }
            if (violations.requirePresent(value, at + "value")) {
                checkLength(value, at + "value", 0, MAX_VALUE_CHARACTERS, violations);
            }
            if (key != null && value != null) {
                parsed.put(key, value);
            }
        }
        violations.throwIfAny();
        parsed.forEach((key, value) -> {
            if (!TAG_TEXT.matcher(key).matches() || !TAG_TEXT.matcher(value).matches()) {
                throw DynamoException.invalidParameter("Tag keys and values may only contain letters, white space, "
                        + "numbers and the characters + - = . _ : /");
            }
            if (key.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length())) {
                throw DynamoException.invalidParameter("The prefix aws: is reserved for tags that AWS assigns: " + key);
            }
        });
        return parsed;
    }

    /** A length in Unicode characters, as the tagging restrictions count it. */
    private static void checkLength(String text, String path, int min, int max, Violations violations) {
        violations.checkSize(text, text.codePointCount(0, text.length()), path, min, max);
    }

    record Tagging(String tableName, Map<String, String> tags) {}

    record Untagging(String tableName, List<String> keys) {}

    static final class Tag implements OperationHandler<Tagging, Void> {
        @Override
        public Tagging parse(JsonFields request) {
            Violations violations = new Violations();
            String table = tableOf(request.string("ResourceArn"), violations);
            List<JsonFields> tags = request.objects("Tags");
            violations.requirePresent(tags, "tags");
            violations.throwIfAny();
            Map<String, String> parsed = tags(tags, "tags", violations);
            violations.throwIfAny();
            return new Tagging(table, parsed);
        }

        @Override
        public Void call(DynamoService service, Tagging request) {
            service.tagResource(request.tableName(), request.tags());
            return null;
        }

        @Override
        public ObjectNode render(Void result) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    static final class Untag implements OperationHandler<Untagging, Void> {
        @Override
        public Untagging parse(JsonFields request) {
            Violations violations = new Violations();
            String table = tableOf(request.string("ResourceArn"), violations);
            List<String> parsed = request.strings("TagKeys");
            violations.requirePresent(parsed, "tagKeys");
            violations.throwIfAny();
            for (int i = 0; i < parsed.size(); i++) {
                checkLength(parsed.get(i), "tagKeys." + (i + 1) + ".member", 1, MAX_KEY_CHARACTERS, violations);
            }
            violations.throwIfAny();
            return new Untagging(table, parsed);
        }

        @Override
        public Void call(DynamoService service, Untagging request) {
            service.untagResource(request.tableName(), request.keys());
            return null;
        }

        @Override
        public ObjectNode render(Void result) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    static final class ListTags implements OperationHandler<String, Map<String, String>> {
        @Override
        public String parse(JsonFields request) {
            return tableOf(request.string("ResourceArn"), new Violations());
        }

        @Override
        public Map<String, String> call(DynamoService service, String tableName) {
            return service.listTags(tableName);
        }

        @Override
        public ObjectNode render(Map<String, String> tags) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            ArrayNode list = out.putArray("Tags");
            tags.forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
            return out;
        }
    }
}
