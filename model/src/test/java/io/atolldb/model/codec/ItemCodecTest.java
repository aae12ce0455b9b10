package io.atolldb.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Bytes;
import io.atolldb.model.Generators;
import io.atolldb.model.Item;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ItemCodecTest {

    @Property(tries = 500)
    void decodingAnEncodedItemGivesBackTheSameItem(@ForAll("items") Item item) {
        var decoded = ItemCodec.decode(ItemCodec.encode(item));

        assertThat(decoded).isEqualTo(item);
        assertThat(List.copyOf(decoded.attributes().keySet())).isEqualTo(List.copyOf(item.attributes().keySet()));
    }

    @Property(tries = 500)
    void decodingAnEncodedValueGivesBackTheSameValue(@ForAll("values") AttributeValue value) {
        assertThat(ItemCodec.decodeValue(ItemCodec.encodeValue(value))).isEqualTo(value);
    }

    @Property(tries = 100)
    void everyTruncationOfAnEncodingIsRejectedAsCorrupt(@ForAll("items") Item item) {
        byte[] encoded = ItemCodec.encode(item);
        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> ItemCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Example
    void allTenTypesEmptyValuesAndOrdersRoundTrip() {
        var nested = new LinkedHashMap<String, AttributeValue>();
        nested.put("z", new AttributeValue.L(List.of(new AttributeValue.S(""), new AttributeValue.B(Bytes.EMPTY))));
        nested.put("a", new AttributeValue.M(Map.of()));
        var attributes = new LinkedHashMap<String, AttributeValue>();
        attributes.put("s", new AttributeValue.S("héllo 😀"));
        attributes.put("n", AttributeValue.N.of("-12.5e-3"));
        attributes.put("b", new AttributeValue.B(Bytes.wrap(new byte[] {0, (byte) 0xFF})));
        attributes.put("bool", new AttributeValue.Bool(false));
        attributes.put("null", AttributeValue.Null.INSTANCE);
        attributes.put("m", new AttributeValue.M(nested));
        attributes.put("l", new AttributeValue.L(List.of()));
        attributes.put("ss", new AttributeValue.SS(List.of("c", "a", "b")));
        attributes.put("ns", new AttributeValue.NS(List.of(new BigDecimal("3"), new BigDecimal("1E+130"), new BigDecimal("-2.50"))));
        attributes.put("bs", new AttributeValue.BS(List.of(Bytes.wrap(new byte[] {2}), Bytes.EMPTY)));
        attributes.put("", new AttributeValue.S("empty name"));
        var item = new Item(attributes);

        var decoded = ItemCodec.decode(ItemCodec.encode(item));

        assertThat(decoded).isEqualTo(item);
        assertThat(decoded.attributes().keySet()).containsExactly("s", "n", "b", "bool", "null", "m", "l", "ss", "ns", "bs", "");
        assertThat(((AttributeValue.M) decoded.get("m")).value().keySet()).containsExactly("z", "a");
        assertThat(((AttributeValue.SS) decoded.get("ss")).value()).containsExactly("c", "a", "b");
    }

    @Example
    void aKeyUsesTheItemFormat() {
        var key = Map.<String, AttributeValue>of("pk", new AttributeValue.S("a"));
        byte[] encoded = ItemCodec.encodeKey(key);

        assertThat(encoded).isEqualTo(ItemCodec.encode(new Item(key)));
        assertThat(ItemCodec.decodeKey(encoded)).isEqualTo(key);
    }

    @Example
    void theFormatIsCompactAndVersioned() {
        var item = new Item(Map.of("id", AttributeValue.N.of("12345")));
        // version, count, name length, "id", type N, scale, unscaled length, 2 bytes of 12345
        assertThat(ItemCodec.encode(item)).containsExactly(1, 1, 2, 'i', 'd', 2, 0, 2, 0x30, 0x39);
    }

    @Example
    void unknownVersionsTypesAndTrailingBytesAreRejected() {
        byte[] valid = ItemCodec.encode(new Item(Map.of("a", new AttributeValue.Bool(true))));

        byte[] newerVersion = valid.clone();
        newerVersion[0] = 2;
        byte[] unknownType = valid.clone();
        unknownType[4] = 0x7F;
        byte[] trailing = Arrays.copyOf(valid, valid.length + 1);

        assertThatThrownBy(() -> ItemCodec.decode(newerVersion)).hasMessageContaining("version 2");
        assertThatThrownBy(() -> ItemCodec.decode(unknownType)).hasMessageContaining("unknown type code 0x7f");
        assertThatThrownBy(() -> ItemCodec.decode(trailing)).hasMessageContaining("trailing");
    }

    @Example
    void aHugeCountInCorruptInputFailsWithoutAllocating() {
        // version 1, then a count of 2^62 attributes
        byte[] corrupt = {1, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, 0x40};
        assertThatThrownBy(() -> ItemCodec.decode(corrupt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds");
    }

    @Example
    void valuesNestedBeyondTheLimitAreRefused() {
        AttributeValue deep = new AttributeValue.S("leaf");
        for (int i = 0; i < ItemCodec.MAX_DEPTH; i++) {
            deep = new AttributeValue.L(List.of(deep));
        }
        var tooDeep = new Item(Map.of("a", deep));
        assertThatThrownBy(() -> ItemCodec.encode(tooDeep)).hasMessageContaining("nested deeper");
    }

    @Provide
    Arbitrary<Item> items() {
        return Generators.items();
    }

    @Provide
    Arbitrary<AttributeValue> values() {
        return Generators.attributeValues();
    }
}
