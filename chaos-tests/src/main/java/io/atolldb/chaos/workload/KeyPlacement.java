package io.atolldb.chaos.workload;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Tokens;
import io.atolldb.proto.PartitionDescriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses item keys by the partition they land on, using the same token function as the routers
 * ({@link Tokens}) and the table's partitions' token ranges, so that every partition gets its share
 * of the keys and its own availability probe.
 */
public final class KeyPlacement {
    private final List<PartitionDescriptor> partitions;

    /** @param partitions the partitions of one table (their token ranges cover the ring) */
    public KeyPlacement(List<PartitionDescriptor> partitions) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("a table has at least one partition");
        }
        this.partitions = List.copyOf(partitions);
    }

    /** How many partitions the table has. */
    public int partitions() {
        return partitions.size();
    }

    /** The id of the partition holding string partition key {@code key}. */
    public long partitionOf(String key) {
        long tableId = partitions.getFirst().getTableId();
        long token = Tokens.of(tableId, new AttributeValue.S(key));
        for (PartitionDescriptor partition : partitions) {
            if (contains(partition, token)) {
                return partition.getPartitionId();
            }
        }
        throw new IllegalStateException("no partition owns token " + Long.toUnsignedString(token));
    }

    /**
     * {@code count} keys {@code prefix0, prefix1, ...} (skipping some) spread evenly over the
     * partitions: each partition gets {@code count / partitions} of them, the first ones one more.
     */
    public List<String> spread(String prefix, int count) {
        int base = count / partitions.size();
        int extra = count % partitions.size();
        Map<Long, Integer> quota = new LinkedHashMap<>();
        for (int i = 0; i < partitions.size(); i++) {
            quota.put(partitions.get(i).getPartitionId(), base + (i < extra ? 1 : 0));
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; keys.size() < count; i++) {
            String key = prefix + i;
            long partition = partitionOf(key);
            int left = quota.get(partition);
            if (left > 0) {
                quota.put(partition, left - 1);
                keys.add(key);
            }
        }
        return keys;
    }

    /** One key per partition, in partition order: the first of {@code keys} that lands there. */
    public Map<Long, String> onePerPartition(List<String> keys) {
        Map<Long, String> chosen = new LinkedHashMap<>();
        for (String key : keys) {
            chosen.putIfAbsent(partitionOf(key), key);
        }
        return chosen;
    }

    static boolean contains(PartitionDescriptor partition, long token) {
        boolean afterStart = Long.compareUnsigned(token, partition.getTokenStart()) >= 0;
        boolean beforeEnd = partition.getTokenEnd() == 0 || Long.compareUnsigned(token, partition.getTokenEnd()) < 0;
        return afterStart && beforeEnd;
    }
}
