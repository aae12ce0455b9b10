package io.atolldb.router.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TagResource, UntagResource and ListTagsOfResource on tables, addressed by their ARN; tags checked by {@link TagRules}. */
final class TagHandlers {
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

    record Tagging(String tableName, Map<String, String> tags) {}

    record Untagging(String tableName, List<String> keys) {}

    static final class Tag implements OperationHandler<Tagging, Void> {
        @Override
        public Tagging parse(JsonFields request) {
            Violations violations = new Violations();
            String table = tableOf(request.string("ResourceArn"), violations);
            List<JsonFields> tags = request.objects("Tags");
            violations.requirePresent(tags, "tags");
            Map<String, String> parsed = TagRules.parse(tags, "tags", violations);
            violations.throwIfAny();
            TagRules.checkNotReserved(parsed);
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
                String key = parsed.get(i);
                violations.checkSize(key, key.codePointCount(0, key.length()), "tagKeys." + (i + 1) + ".member", 1, 128);
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
