package io.atolldb.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atolldb.model.KeySchema.ScalarType;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KeyCodecTest {

    /** A partition's token range [start, end) (end 0 = end of ring) and a token to place. */
    record Case(long tableId, long start, long end, long token) {
        /** The reference: unsigned comparison written out, not TokenRange.contains. */
        boolean tokenInRange() {
            return Long.compareUnsigned(token, start) >= 0 && (end == 0 || Long.compareUnsigned(token, end) < 0);
        }
    }

    @Property(tries = 2000)
    void anItemKeyLiesInAPartitionsKeyRangeExactlyWhenItsTokenLiesInItsTokenRange(
            @ForAll("cases") Case c, @ForAll("keyValues") AttributeValue pk, @ForAll("keyValues") AttributeValue sk) {
        byte[] start = KeyCodec.rangeStart(c.tableId(), c.start());
        byte[] end = KeyCodec.rangeEnd(c.tableId(), c.end());

        assertThat(inRange(KeyCodec.itemKey(c.tableId(), c.token(), pk, sk), start, end)).isEqualTo(c.tokenInRange());
        assertThat(inRange(KeyCodec.itemKey(c.tableId(), c.token(), pk, null), start, end)).isEqualTo(c.tokenInRange());
    }

    @Property
    void noOtherTablesItemsAndNoMetadataLieInAPartitionsKeyRange(
            @ForAll("cases") Case c, @ForAll("keyValues") AttributeValue pk, @ForAll long partitionId) {
        byte[] start = KeyCodec.rangeStart(c.tableId(), c.start());
        byte[] end = KeyCodec.rangeEnd(c.tableId(), c.end());

        assertThat(inRange(KeyCodec.itemKey(c.tableId() - 1, c.token(), pk, null), start, end)).isFalse();
        assertThat(inRange(KeyCodec.itemKey(c.tableId() + 1, c.token(), pk, null), start, end)).isFalse();
        assertThat(inRange(KeyCodec.partitionMetaKey(partitionId, KeyCodec.META_APPLIED_INDEX), start, end)).isFalse();
    }

    @Property
    void thePartitionKeyPrefixScanFindsExactlyTheItemsOfThatPartitionKey(
            @ForAll("clashingStrings") AttributeValue wanted, @ForAll("clashingStrings") AttributeValue pk,
            @ForAll("keyValues") AttributeValue sk, @ForAll long token) {
        byte[] prefix = KeyCodec.partitionKeyPrefix(3, token, wanted);
        byte[] key = KeyCodec.itemKey(3, token, pk, sk);

        assertThat(inRange(key, prefix, KeyCodec.prefixEnd(prefix))).isEqualTo(pk.equals(wanted));
    }

    @Property
    void theBeginsWithRangeHoldsExactlyTheSortKeysWithThatPrefix(
            @ForAll("clashingStrings") AttributeValue prefix, @ForAll("clashingStrings") AttributeValue sk) {
        var pk = AttributeValue.N.of("7");
        byte[] start = KeyCodec.sortKeyBeginsWithPrefix(3, 11, pk, prefix);
        byte[] key = KeyCodec.itemKey(3, 11, pk, sk);

        boolean expected = ((AttributeValue.S) sk).value().startsWith(((AttributeValue.S) prefix).value());
        assertThat(inRange(key, start, KeyCodec.prefixEnd(start))).isEqualTo(expected);
    }

    @Property
    void theKeyAndTokenOfAnItemKeyDecode(@ForAll("keyValues") AttributeValue pk, @ForAll("keyValues") AttributeValue sk,
                                         @ForAll long tableId, @ForAll long token) {
        byte[] withSortKey = KeyCodec.itemKey(tableId, token, pk, sk);
        byte[] withoutSortKey = KeyCodec.itemKey(tableId, token, pk, null);

        assertThat(KeyCodec.primaryKeyOf(withSortKey)).isEqualTo(new PrimaryKey(pk, sk));
        assertThat(KeyCodec.primaryKeyOf(withoutSortKey)).isEqualTo(PrimaryKey.of(pk));
        assertThat(KeyCodec.tableIdOf(withSortKey)).isEqualTo(tableId);
        assertThat(KeyCodec.tokenOf(withSortKey)).isEqualTo(token);
    }

    @Example
    void prefixEndSkipsTrailingFfBytes() {
        assertThat(KeyCodec.prefixEnd(new byte[] {1, 2, (byte) 0xFF, (byte) 0xFF})).containsExactly(1, 3);
        assertThat(KeyCodec.prefixEnd(new byte[] {1, (byte) 0xFE})).containsExactly(1, (byte) 0xFF);
        assertThatThrownBy(() -> KeyCodec.prefixEnd(new byte[] {(byte) 0xFF})).isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void partitionMetadataKeysLieInTheirPartitionsMetadataRange() {
        byte[] key = KeyCodec.partitionMetaKey(5, KeyCodec.META_APPLIED_INDEX);
        assertThat(inRange(key, KeyCodec.partitionMetaStart(5), KeyCodec.partitionMetaEnd(5))).isTrue();
        assertThat(inRange(key, KeyCodec.partitionMetaStart(6), KeyCodec.partitionMetaEnd(6))).isFalse();
        assertThat(KeyCodec.isItemKey(key)).isFalse();
    }

    private static boolean inRange(byte[] key, byte[] start, byte[] end) {
        return Arrays.compareUnsigned(key, start) >= 0 && Arrays.compareUnsigned(key, end) < 0;
    }

    @Provide
    Arbitrary<Case> cases() {
        // Table ids are never the largest unsigned value (rangeEnd relies on tableId + 1). Boundaries at
        // the ring's ends and tokens at the range's edges are frequent.
        Arbitrary<Long> tableIds = Arbitraries.oneOf(Arbitraries.longs().between(1, 1000),
                Arbitraries.longs().filter(id -> id != -1L && id != 0L));
        Arbitrary<Long> boundaries = Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.of(0L, 1L, -1L, -2L, Long.MAX_VALUE, Long.MIN_VALUE));
        Arbitrary<TokenRange> ranges = Combinators.combine(boundaries, boundaries, Arbitraries.of(true, false))
                .as((a, b, toEndOfRing) -> {
                    long low = Long.compareUnsigned(a, b) <= 0 ? a : b;
                    long high = low == a ? b : a;
                    return toEndOfRing || low == high ? new TokenRange(low, 0) : new TokenRange(low, high);
                });
        return Combinators.combine(tableIds, ranges, Arbitraries.longs()).flatAs((tableId, range, anyToken) ->
                Arbitraries.of(anyToken, range.start(), range.start() - 1, range.end(), range.end() - 1, 0L, -1L)
                        .map(token -> new Case(tableId, range.start(), range.end(), token)));
    }

    @Provide
    Arbitrary<AttributeValue> keyValues() {
        return Arbitraries.oneOf(Generators.keyValuesOf(ScalarType.S), Generators.keyValuesOf(ScalarType.N),
                Generators.keyValuesOf(ScalarType.B));
    }

    @Provide
    Arbitrary<AttributeValue> clashingStrings() {
        return Generators.clashingKeyValuesOf(ScalarType.S);
    }
}
