package io.atolldb.compat;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One text form per attribute value, so two answers compare as strings. Map attributes and items are
 * printed in name order (JSON objects are unordered), set members sorted (DynamoDB sets are unordered);
 * lists keep their order. Nothing else is normalised: numbers are printed as the server sent them.
 */
final class Canonical {
    private static final Pattern NUMBER = Pattern.compile("\\bN(-?[0-9][0-9.]*(?:[Ee][+-]?[0-9]+)?)");
    private static final Pattern NUMBER_SET = Pattern.compile("\\bNS\\[([^\\]]*)]");

    private Canonical() {
    }

    static String item(Map<String, AttributeValue> item) {
        var sorted = new TreeMap<>(item);
        return sorted.entrySet().stream().map(e -> quote(e.getKey()) + ":" + value(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    static String value(AttributeValue value) {
        return switch (value.type()) {
            case S -> "S" + quote(value.s());
            case N -> "N" + value.n();
            case B -> "B" + bytes(value.b());
            case BOOL -> "BOOL" + value.bool();
            case NUL -> "NULL";
            case SS -> "SS" + sorted(value.ss().stream().map(Canonical::quote).toList());
            case NS -> "NS" + sorted(value.ns());
            case BS -> "BS" + sorted(value.bs().stream().map(Canonical::bytes).toList());
            case M -> "M" + item(value.m());
            case L -> "L" + value.l().stream().map(Canonical::value).collect(Collectors.joining(",", "[", "]"));
            case UNKNOWN_TO_SDK_VERSION -> "UNKNOWN" + value;
        };
    }

    /** Every number in a canonical answer printed by value: trailing zeroes and exponents gone, -0 as 0. */
    static String numbersByValue(String body) {
        String numbers = replace(NUMBER, body, m -> "N" + byValue(m.group(1)));
        return replace(NUMBER_SET, numbers, m -> "NS" + Arrays.stream(m.group(1).split(","))
                .map(Canonical::byValue).sorted().collect(Collectors.joining(",", "[", "]")));
    }

    private static String byValue(String number) {
        try {
            BigDecimal value = new BigDecimal(number);
            return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return number;
        }
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Orders the items of an unordered answer (Scan, BatchGetItem) by value, so that answers that differ
     * only in how numbers are written list their items in the same order.
     */
    static final java.util.Comparator<String> BY_VALUE =
            java.util.Comparator.comparing(Canonical::numbersByValue).thenComparing(java.util.Comparator.naturalOrder());

    /**
     * What two descriptions of the same new table must share. Left out because they name the server,
     * not the table: the ARN (account and region), TableId, CreationDateTime, and for on-demand tables
     * the billing-mode switch time (LastUpdateToPayPerRequestDateTime).
     */
    static String table(software.amazon.awssdk.services.dynamodb.model.TableDescription table) {
        var throughput = table.provisionedThroughput();
        return "name=" + table.tableName() + " status=" + table.tableStatusAsString()
                + " keySchema=" + table.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList()
                + " attributes=" + table.attributeDefinitions().stream().map(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                        .sorted().toList()
                + " billing=" + (table.billingModeSummary() == null ? null : table.billingModeSummary().billingModeAsString())
                + " throughput=" + (throughput == null ? null : throughput.readCapacityUnits() + "/" + throughput.writeCapacityUnits()
                        + "/" + throughput.numberOfDecreasesToday())
                + " items=" + table.itemCount() + " bytes=" + table.tableSizeBytes()
                + " indexes=" + table.hasGlobalSecondaryIndexes() + "/" + table.hasLocalSecondaryIndexes();
    }

    static String keyOrNull(Map<String, AttributeValue> key, boolean present) {
        return present ? item(key) : "-";
    }

    private static String sorted(List<String> members) {
        return members.stream().sorted().collect(Collectors.joining(",", "[", "]"));
    }

    private static String bytes(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
