package io.atolldb.compat;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random attribute values from small domains, so that writes, conditions and filters collide: few
 * keys, few distinct strings and numbers, sets over three members. Each non-key attribute name has a
 * usual type (n is a number, ss a string set, ...) and now and then another one.
 */
final class Values {
    static final List<String> ATTRIBUTES = List.of("a", "n", "s", "b", "l", "m", "ss", "ns", "bs", "status");
    private static final String[] KEY_STRINGS = {"k0", "k1", "k2", "k3", "k4"};
    private static final String[] SORT_STRINGS = {"a", "ab", "abc", "b", "ba"};
    private static final String[] KEY_NUMBERS = {"-1", "0", "1.5", "2", "10"};
    private static final byte[][] KEY_BYTES = {{0}, {1}, {1, 2}, {2}, {(byte) 0x7f}};
    private static final String[] STRINGS = {"", "p", "q", "pq", "qp", "r"};
    private static final String[] NUMBERS = {"0", "1", "2", "3", "-1", "1.5", "10", "100"};
    private static final String[] ODD_NUMBERS = {"1.50", "-0", "0.0", "1E2", "0.001", "007"};

    private final Random random;

    Values(Random random) {
        this.random = random;
    }

    AttributeValue partitionKey(ScalarAttributeType type) {
        return key(type, random.nextInt(4), KEY_STRINGS);
    }

    AttributeValue sortKey(ScalarAttributeType type) {
        return key(type, random.nextInt(5), SORT_STRINGS);
    }

    private static AttributeValue key(ScalarAttributeType type, int index, String[] strings) {
        return switch (type) {
            case S -> AttributeValue.fromS(strings[index]);
            case N -> AttributeValue.fromN(KEY_NUMBERS[index]);
            case B -> AttributeValue.fromB(SdkBytes.fromByteArray(KEY_BYTES[index]));
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    /** A key attribute value of the other types (invalid for this key). */
    AttributeValue wrongKeyType(ScalarAttributeType type) {
        return switch (type) {
            case S -> random.nextBoolean() ? AttributeValue.fromN("1") : AttributeValue.fromBool(true);
            case N -> AttributeValue.fromS("1");
            default -> AttributeValue.fromS("k0");
        };
    }

    /** A value for a non-key attribute: usually its usual type. */
    AttributeValue forAttribute(String attribute) {
        if (random.nextInt(8) == 0) {
            return any(1);
        }
        return switch (attribute) {
            case "n" -> number();
            case "s", "status" -> string();
            case "b" -> random.nextBoolean() ? AttributeValue.fromBool(random.nextBoolean()) : binary();
            case "l" -> list(1);
            case "m" -> map(1);
            case "ss" -> stringSet();
            case "ns" -> numberSet();
            case "bs" -> binarySet();
            default -> any(1);
        };
    }

    AttributeValue any(int depth) {
        int kind = random.nextInt(depth > 0 ? 10 : 8);
        return switch (kind) {
            case 0 -> string();
            case 1 -> number();
            case 2 -> binary();
            case 3 -> AttributeValue.fromBool(random.nextBoolean());
            case 4 -> AttributeValue.fromNul(true);
            case 5 -> stringSet();
            case 6 -> numberSet();
            case 7 -> binarySet();
            case 8 -> list(depth - 1);
            default -> map(depth - 1);
        };
    }

    AttributeValue string() {
        return AttributeValue.fromS(STRINGS[random.nextInt(STRINGS.length)]);
    }

    AttributeValue number() {
        if (random.nextInt(10) == 0) {
            return AttributeValue.fromN(ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)]);
        }
        return AttributeValue.fromN(NUMBERS[random.nextInt(NUMBERS.length)]);
    }

    AttributeValue binary() {
        return AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) random.nextInt(3)}));
    }

    AttributeValue list(int depth) {
        List<AttributeValue> members = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            members.add(depth > 0 && random.nextInt(4) == 0 ? any(depth - 1) : scalar());
        }
        return AttributeValue.fromL(members);
    }

    AttributeValue map(int depth) {
        Map<String, AttributeValue> members = new LinkedHashMap<>();
        if (random.nextInt(4) != 0) {
            members.put("x", number());
        }
        if (random.nextInt(3) != 0) {
            members.put("y", string());
        }
        if (depth > 0 && random.nextInt(3) == 0) {
            members.put("z", list(0));
        }
        return AttributeValue.fromM(members);
    }

    AttributeValue scalar() {
        return switch (random.nextInt(3)) {
            case 0 -> string();
            case 1 -> number();
            default -> AttributeValue.fromBool(random.nextBoolean());
        };
    }

    AttributeValue stringSet() {
        var members = new LinkedHashSet<String>();
        int size = 1 + random.nextInt(3);
        for (int i = 0; i < size; i++) {
            members.add(new String[] {"p", "q", "r"}[random.nextInt(3)]);
        }
        return AttributeValue.fromSs(new ArrayList<>(members));
    }

    AttributeValue numberSet() {
        var members = new LinkedHashSet<String>();
        int size = 1 + random.nextInt(3);
        for (int i = 0; i < size; i++) {
            members.add(new String[] {"1", "2", "3"}[random.nextInt(3)]);
        }
        return AttributeValue.fromNs(new ArrayList<>(members));
    }

    AttributeValue binarySet() {
        var members = new LinkedHashSet<Integer>();
        int size = 1 + random.nextInt(3);
        for (int i = 0; i < size; i++) {
            members.add(random.nextInt(3));
        }
        return AttributeValue.fromBs(members.stream().map(b -> SdkBytes.fromByteArray(new byte[] {b.byteValue()})).toList());
    }
}
