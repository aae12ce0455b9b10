package io.atolldb.chaos.workload;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Tokens;
import io.atolldb.proto.PartitionDescriptor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys are placed on partitions by the routers' token function. */
class KeyPlacementTest {
    private static final long TABLE = 1;

    /** Four partitions of equal token ranges, the last ending at the end of the ring (0). */
    private static List<PartitionDescriptor> fourPartitions() {
        List<PartitionDescriptor> partitions = new ArrayList<>();
        long quarter = Long.divideUnsigned(-1L, 4) + 1;
        for (int i = 0; i < 4; i++) {
            partitions.add(PartitionDescriptor.newBuilder().setPartitionId(10 + i).setTableId(TABLE)
                    .setTokenStart(quarter * i).setTokenEnd(i == 3 ? 0 : quarter * (i + 1)).build());
        }
        return partitions;
    }

    @Test
    void aKeyLandsOnThePartitionWhoseRangeHoldsItsToken() {
        var placement = new KeyPlacement(fourPartitions());
        for (int i = 0; i < 50; i++) {
            String key = "k" + i;
            long token = Tokens.of(TABLE, new AttributeValue.S(key));
            long expected = 10 + Long.divideUnsigned(token, Long.divideUnsigned(-1L, 4) + 1);
            assertThat(placement.partitionOf(key)).as(key).isEqualTo(expected);
        }
    }

    @Test
    void spreadKeysAreBalancedOverThePartitions() {
        var placement = new KeyPlacement(fourPartitions());
        List<String> keys = placement.spread("r-", 10);
        assertThat(keys).hasSize(10).doesNotHaveDuplicates().allMatch(k -> k.startsWith("r-"));
        Map<Long, Long> perPartition = keys.stream().collect(Collectors.groupingBy(placement::partitionOf, Collectors.counting()));
        assertThat(perPartition).containsOnlyKeys(10L, 11L, 12L, 13L);
        assertThat(perPartition.values()).containsExactlyInAnyOrder(3L, 3L, 2L, 2L);
        assertThat(placement.onePerPartition(keys)).hasSize(4);
    }
}
