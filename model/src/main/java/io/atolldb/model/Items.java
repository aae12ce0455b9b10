package io.atolldb.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * DynamoDB's rules for item contents and its item size arithmetic.
 *
 * <p>A valid item has no attribute with an empty name, no empty sets, no duplicate set members, only
 * numbers within DynamoDB's limits, no value nested deeper than {@value #MAX_NESTING_DEPTH} levels (an
 * attribute is level 1, each M or L adds one), and a size of at most {@value #MAX_ITEM_BYTES} bytes. Failures are
 * {@link ValidationError}s with DynamoDB's messages.
 */
public final class Items {
    /** 400 KB. */
    public static final long MAX_ITEM_BYTES = 400 * 1024;
    public static final int MAX_NESTING_DEPTH = 32;
    /** An attribute name is at most 64 KB of UTF-8 (Developer Guide, quotas: attribute names). */
    public static final int MAX_ATTRIBUTE_NAME_BYTES = 65_535;

    private static final String INVALID = "One or more parameter values were invalid: ";
    static final String TOO_LARGE = "Item size has exceeded the maximum allowed size";
    static final String EMPTY_NAME = "Empty attribute name";
    static final String NAME_TOO_LARGE = INVALID + "Attribute name is too large, must be less than "
            + (MAX_ATTRIBUTE_NAME_BYTES + 1) + " bytes";
    static final String TOO_DEEP = "Nesting Levels have exceeded supported limits: "
            + "Attributes in the item have nested levels beyond supported limit";
    private static final int LIST_OR_MAP_OVERHEAD = 3;
    private static final int ELEMENT_OVERHEAD = 1;

    private Items() {
    }

    /** Checks an item to be stored (PutItem, or the result of an UpdateItem). */
    public static void validate(Item item) {
        // Attribute names are at least one character long (DynamoDB's naming rules).
        if (item.attributes().containsKey("")) {
            throw new ValidationError(EMPTY_NAME);
        }
        item.attributes().keySet().forEach(Items::checkNameSize);
        item.attributes().values().forEach(Items::validateValue);
        if (size(item) > MAX_ITEM_BYTES) {
            throw new ValidationError(TOO_LARGE);
        }
    }

    /** Checks one value (an attribute of an item, or an ExpressionAttributeValue); size is not checked. */
    public static void validateValue(AttributeValue value) {
        validateValue(value, 1);
    }

    /**
     * The item's size as DynamoDB counts it for its 400 KB limit and for capacity units: the sum over
     * attributes of the name's UTF-8 length plus {@link #valueSize}.
     */
    public static long size(Item item) {
        return mapContentSize(item.attributes());
    }

    /**
     * A value's size, following DynamoDB's documented rules: S = UTF-8 bytes; N = 1 byte per two
     * significant digits (rounded up) + 1; B = raw bytes; BOOL and NULL = 1; M and L = 3 + per
     * element 1 + the element's size (for M also its name's UTF-8 length); sets = sum of members.
     * DynamoDB calls the N rule approximate; the exact count it uses is not published.
     */
    public static long valueSize(AttributeValue value) {
        return switch (value) {
            case AttributeValue.S s -> utf8Length(s.value());
            case AttributeValue.N n -> numberSize(n.value());
            case AttributeValue.B b -> b.value().size();
            case AttributeValue.Bool ignored -> 1;
            case AttributeValue.Null ignored -> 1;
            case AttributeValue.M m -> LIST_OR_MAP_OVERHEAD + mapContentSize(m.value()) + ELEMENT_OVERHEAD * m.value().size();
            case AttributeValue.L l -> LIST_OR_MAP_OVERHEAD
                    + l.value().stream().mapToLong(v -> ELEMENT_OVERHEAD + valueSize(v)).sum();
            case AttributeValue.SS ss -> ss.value().stream().mapToLong(Items::utf8Length).sum();
            case AttributeValue.NS ns -> ns.value().stream().mapToLong(Items::numberSize).sum();
            case AttributeValue.BS bs -> bs.value().stream().mapToLong(Bytes::size).sum();
        };
    }

    private static long mapContentSize(Map<String, AttributeValue> attributes) {
        long size = 0;
        for (var entry : attributes.entrySet()) {
            size += utf8Length(entry.getKey()) + valueSize(entry.getValue());
        }
        return size;
    }

    private static long numberSize(BigDecimal number) {
        return (Numbers.significantDigits(number) + 1) / 2 + 1;
    }

    private static long utf8Length(String s) {
        // Same as getBytes(UTF_8).length (unpaired surrogates count as the one '?' byte they become).
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void validateValue(AttributeValue value, int depth) {
        if (depth > MAX_NESTING_DEPTH) {
            throw new ValidationError(TOO_DEEP);
        }
        switch (value) {
            case AttributeValue.N n -> Numbers.validate(n.value());
            case AttributeValue.M m -> {
                m.value().keySet().forEach(Items::checkNameSize);
                m.value().values().forEach(v -> validateValue(v, depth + 1));
            }
            case AttributeValue.L l -> l.value().forEach(v -> validateValue(v, depth + 1));
            case AttributeValue.SS ss -> {
                if (ss.value().isEmpty()) {
                    throw new ValidationError(INVALID + "An string set  may not be empty"); // sic, DynamoDB's wording
                }
                requireDistinct(ss.value(), () -> INVALID + "Input collection " + listed(ss.value()) + " contains duplicates.");
            }
            case AttributeValue.NS ns -> {
                if (ns.value().isEmpty()) {
                    throw new ValidationError(INVALID + "An number set  may not be empty"); // sic
                }
                ns.value().forEach(Numbers::validate);
                requireDistinct(ns.value(), () -> "Input collection contains duplicates");
            }
            case AttributeValue.BS bs -> {
                if (bs.value().isEmpty()) {
                    throw new ValidationError(INVALID + "Binary sets should not be empty");
                }
                requireDistinct(bs.value(), () -> INVALID + "Input collection "
                        + listed(bs.value().stream().map(Bytes::toBase64).toList()) + "of type BS contains duplicates.");
            }
            default -> {
            }
        }
    }

    private static void checkNameSize(String name) {
        // A char is at most 3 bytes of UTF-8: only names longer than a third of the limit need measuring.
        if (name.length() > MAX_ATTRIBUTE_NAME_BYTES / 3 && utf8Length(name) > MAX_ATTRIBUTE_NAME_BYTES) {
            throw new ValidationError(NAME_TOO_LARGE);
        }
    }

    private static void requireDistinct(List<?> members, Supplier<String> message) {
        if (new HashSet<>(members).size() != members.size()) {
            throw new ValidationError(message.get());
        }
    }

    private static String listed(List<String> members) {
        return members.stream().collect(Collectors.joining(", ", "[", "]"));
    }
}
