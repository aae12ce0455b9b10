package io.atolldb.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.atolldb.model.KeySchema.ScalarType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The secondary index entry layout: order, partition containment, and the way back to the item. */
class IndexKeyCodecTest {

    /** Index entries sort by index partition key, index sort key, table partition key, table sort key. */
    @Property(tries = 2000)
    void indexRelativeKeysSortByIndexKeyThenTableKeyInDynamoDbOrder(
            @ForAll("numbers") AttributeValue ipk1, @ForAll("strings") AttributeValue isk1,
            @ForAll("strings") AttributeValue tpk1, @ForAll("numbers") AttributeValue tsk1,
            @ForAll("numbers") AttributeValue ipk2, @ForAll("strings") AttributeValue isk2,
            @ForAll("strings") AttributeValue tpk2, @ForAll("numbers") AttributeValue tsk2) {
        List<AttributeValue> a = List.of(ipk1, isk1, tpk1, tsk1);
        List<AttributeValue> b = List.of(ipk2, isk2, tpk2, tsk2);
        int expected = 0;
        for (int i = 0; i < a.size() && expected == 0; i++) {
            expected = Integer.signum(OrderedEncodingTest.DYNAMODB_ORDER.compare(a.get(i), b.get(i)));
        }
        byte[] ka = KeyCodec.indexRelativeKey(ipk1, isk1, tpk1, tsk1);
        byte[] kb = KeyCodec.indexRelativeKey(ipk2, isk2, tpk2, tsk2);

        assertThat(Integer.signum(Arrays.compareUnsigned(ka, kb))).isEqualTo(expected);
        // Whole storage keys of one partition and index keep the order of their relative keys.
        assertThat(Integer.signum(Arrays.compareUnsigned(KeyCodec.indexEntryKey(9, 2, ka), KeyCodec.indexEntryKey(9, 2, kb))))
                .isEqualTo(expected);
    }

    /** An index key prefix holds exactly the entries of that index partition key (self-delimiting values). */
    @Property
    void theIndexPartitionKeyPrefixHoldsExactlyItsEntries(
            @ForAll("clashing") AttributeValue wanted, @ForAll("clashing") AttributeValue ipk,
            @ForAll("clashing") AttributeValue tpk) {
        byte[] prefix = KeyCodec.concat(wanted);
        byte[] key = KeyCodec.indexRelativeKey(ipk, null, tpk, null);

        boolean inside = Arrays.compareUnsigned(key, prefix) >= 0 && Arrays.compareUnsigned(key, KeyCodec.prefixEnd(prefix)) < 0;
        assertThat(inside).isEqualTo(ipk.equals(wanted));
    }

    /** Entries of a partition lie in its index range, never in another partition's or in the item/metadata space. */
    @Property
    void aPartitionsIndexRangeHoldsExactlyItsEntries(@ForAll long partitionId, @ForAll long other,
                                                     @ForAll("strings") AttributeValue ipk) {
        byte[] entry = KeyCodec.indexEntryKey(other, 1, KeyCodec.indexRelativeKey(ipk, null, ipk, null));
        byte[] start = KeyCodec.partitionIndexStart(partitionId);
        byte[] end = partitionId == -1L ? new byte[] {KeyCodec.SPACE_INDEXES + 1} : KeyCodec.partitionIndexEnd(partitionId);
        boolean inside = Arrays.compareUnsigned(entry, start) >= 0 && Arrays.compareUnsigned(entry, end) < 0;

        assertThat(inside).isEqualTo(other == partitionId);
        assertThat(KeyCodec.isItemKey(entry)).isFalse();
    }

    /** The entry's key leads back to the storage key of the item it was made from. */
    @Property
    void theItemKeyOfAnEntryIsTheItemsStorageKey(@ForAll("strings") AttributeValue ipk, @ForAll("numbers") AttributeValue isk,
                                                 @ForAll("strings") AttributeValue tpk, @ForAll("numbers") AttributeValue tsk) {
        byte[] relative = KeyCodec.indexRelativeKey(ipk, isk, tpk, tsk);

        assertThat(KeyCodec.itemKeyOfIndexEntry(5, relative, 2))
                .isEqualTo(KeyCodec.itemKey(5, Tokens.of(5, tpk), tpk, tsk));
        assertThat(KeyCodec.relativeKeyOf(KeyCodec.indexEntryKey(3, 4, relative))).isEqualTo(relative);
    }

    /** A sparse index skips items without its key attributes; projections keep the keys. */
    @Property
    void entriesExistExactlyForItemsHoldingTheIndexKey(@ForAll boolean hasIndexKey, @ForAll("strings") AttributeValue tpk) {
        var table = new KeySchema(new KeySchema.KeyAttribute("pk", ScalarType.S), java.util.Optional.empty());
        var index = new SecondaryIndex(1, "byColour", true,
                new KeySchema(new KeySchema.KeyAttribute("colour", ScalarType.S), java.util.Optional.empty()),
                SecondaryIndex.ProjectionType.INCLUDE, List.of("size"));
        Map<String, AttributeValue> attributes = new java.util.LinkedHashMap<>();
        attributes.put("pk", tpk);
        attributes.put("size", AttributeValue.N.of("3"));
        attributes.put("other", new AttributeValue.S("x"));
        if (hasIndexKey) {
            attributes.put("colour", new AttributeValue.S("red"));
        }
        var entry = index.entryOf(table, new Item(attributes));

        assertThat(entry.isPresent()).isEqualTo(hasIndexKey);
        entry.ifPresent(e -> assertThat(e.projected().attributes().keySet()).containsExactlyInAnyOrder("pk", "size", "colour"));
    }

    @Provide
    Arbitrary<AttributeValue> numbers() {
        return Arbitraries.oneOf(Generators.keyValuesOf(ScalarType.N), Generators.clashingKeyValuesOf(ScalarType.N));
    }

    @Provide
    Arbitrary<AttributeValue> strings() {
        return Arbitraries.oneOf(Generators.keyValuesOf(ScalarType.S), Generators.clashingKeyValuesOf(ScalarType.S));
    }

    @Provide
    Arbitrary<AttributeValue> clashing() {
        return Arbitraries.oneOf(Generators.clashingKeyValuesOf(ScalarType.S), Generators.clashingKeyValuesOf(ScalarType.B));
    }
}
