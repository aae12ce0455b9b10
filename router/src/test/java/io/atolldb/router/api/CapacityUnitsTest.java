package io.atolldb.router.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.Items;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DynamoDB's capacity arithmetic: 4 KB read units (half when eventually consistent), 1 KB write units. */
class CapacityUnitsTest {

    @Test
    void aReadRoundsUpToFourKilobytesAndAnEventuallyConsistentReadCostsHalf() {
        assertThat(CapacityUnits.read(1, true)).isEqualTo(1.0);
        assertThat(CapacityUnits.read(4096, true)).isEqualTo(1.0);
        assertThat(CapacityUnits.read(4097, true)).isEqualTo(2.0);
        assertThat(CapacityUnits.read(1, false)).isEqualTo(0.5);
        assertThat(CapacityUnits.read(4097, false)).isEqualTo(1.0);
        assertThat(CapacityUnits.read(8193, false)).isEqualTo(1.5);
    }

    @Test
    void readingNothingStillCostsOneUnitOrHalfAUnit() {
        assertThat(CapacityUnits.read(0, true)).isEqualTo(1.0);
        assertThat(CapacityUnits.read(0, false)).isEqualTo(0.5);
        assertThat(CapacityUnits.readPage(List.of(), false)).isEqualTo(0.5);
    }

    @Test
    void aPageSumsItsItemsAndRoundsOnce() {
        // Three items of 2 KB each: 6 KB read as one, 2 units (not 3, as three GetItems would cost).
        Item twoKilobytes = itemOfSize(2048);
        assertThat(Items.size(twoKilobytes)).isEqualTo(2048);

        assertThat(CapacityUnits.readPage(List.of(twoKilobytes, twoKilobytes, twoKilobytes), true)).isEqualTo(2.0);
        assertThat(CapacityUnits.readPage(List.of(twoKilobytes, twoKilobytes, twoKilobytes), false)).isEqualTo(1.0);
    }

    @Test
    void aWriteRoundsUpToOneKilobyteOfTheLargerOfBeforeAndAfter() {
        assertThat(CapacityUnits.write(0, 1)).isEqualTo(1.0);
        assertThat(CapacityUnits.write(0, 1024)).isEqualTo(1.0);
        assertThat(CapacityUnits.write(0, 1025)).isEqualTo(2.0);
        assertThat(CapacityUnits.write(3000, 10)).isEqualTo(3.0);
        assertThat(CapacityUnits.write(10, 3000)).isEqualTo(3.0);
    }

    @Test
    void aWriteThatFindsNoItemCostsOneUnit() {
        assertThat(CapacityUnits.write(0, 0)).isEqualTo(1.0);
    }

    /** An item {"k": S} of exactly {@code size} bytes. */
    static Item itemOfSize(int size) {
        return new Item(Map.of("k", new AttributeValue.S("x".repeat(size - 1))));
    }
}
