package io.atolldb.router.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * DynamoDB's rules for table tags, shared by CreateTable and TagResource (Developer Guide, "Tagging
 * restrictions in DynamoDB"; API reference, Tag): a key of 1 to 128 Unicode characters, a value of 0 to
 * 256, both made of letters, white space, numbers and {@code + - = . _ : /}; at most {@value #MAX_TAGS}
 * tags on a table; the {@code aws:} prefix is AWS's own and cannot be assigned. A key given twice keeps
 * its last value, as adding an existing key updates its value.
 */
final class TagRules {
    static final int MAX_TAGS = 50;
    static final int MAX_KEY_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 256;
    static final String RESERVED_PREFIX = "aws:";
    static final String ALLOWED_CHARACTERS = "[\\p{L}\\p{Z}\\p{N}\\s+\\-=._:/]*";
    private static final Pattern ALLOWED = Pattern.compile(ALLOWED_CHARACTERS);

    /** One tag as sent; toString as DynamoDB shows list values in messages. */
    private record Tag(String key, String value) {
        @Override
        public String toString() {
            return "Tag(key=" + key + ", value=" + value + ")";
        }
    }

    private TagRules() {
    }

    /**
     * The tags of the list at {@code member} (e.g. "tags"), in order, recording each structural violation
     * (missing key or value, lengths, characters, more than {@value #MAX_TAGS} tags); null when absent.
     */
    static Map<String, String> parse(List<JsonFields> elements, String member, Violations violations) {
        if (elements == null) {
            return null;
        }
        List<Tag> tags = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            String path = member + "." + (i + 1) + ".member.";
            String key = elements.get(i).string("Key");
            String value = elements.get(i).string("Value");
            if (violations.requirePresent(key, path + "key")) {
                check(key, path + "key", 1, MAX_KEY_LENGTH, violations);
            }
            if (violations.requirePresent(value, path + "value")) {
                check(value, path + "value", 0, MAX_VALUE_LENGTH, violations);
            }
            tags.add(new Tag(key, value));
        }
        violations.checkSize(tags, tags.size(), member, 0, MAX_TAGS);
        Map<String, String> parsed = new LinkedHashMap<>();
        tags.stream().filter(tag -> tag.key() != null && tag.value() != null).forEach(tag -> parsed.put(tag.key(), tag.value()));
        return parsed;
    }

    /** Refuses keys in AWS's reserved namespace; call once the structure is known valid. */
    static void checkNotReserved(Map<String, String> tags) {
        for (String key : tags.keySet()) {
            if (key.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX)) {
                throw DynamoException.validation("Invalid tag key " + key
                        + ": the prefix " + RESERVED_PREFIX + " is reserved for AWS-assigned tags");
            }
        }
    }

    private static void check(String text, String path, int min, int max, Violations violations) {
        violations.checkSize(text, text.codePointCount(0, text.length()), path, min, max);
        if (!ALLOWED.matcher(text).matches()) {
            violations.add(text, path, "Member must satisfy regular expression pattern: " + ALLOWED_CHARACTERS);
        }
    }
}
