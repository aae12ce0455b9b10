package io.atolldb.router.cluster;

import com.google.protobuf.ByteString;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.Items;
import io.atolldb.model.KeyCodec;
import io.atolldb.model.KeySchema;
import io.atolldb.model.OrderedEncoding;
import io.atolldb.model.SecondaryIndex;
import io.atolldb.model.TokenRange;
import io.atolldb.model.Tokens;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.model.expr.key.KeyCondition;
import io.atolldb.model.expr.key.SortKeyCondition;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.RangeItem;
import io.atolldb.proto.RangeRequest;
import io.atolldb.proto.RangeResponse;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.router.api.CapacityUnits;
import io.atolldb.router.api.ConsumedCapacity;
import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.PageResult;
import io.atolldb.router.api.QueryRequest;
import io.atolldb.router.api.ReadExpressions;
import io.atolldb.router.api.ScanRequest;
import io.atolldb.router.api.Select;
import io.atolldb.router.routing.PartitionCaller;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Query and Scan of a secondary index. Every partition holds the index entries of its own items,
 * keyed by index key then table key (KeyCodec), so:
 * <ul>
 *   <li>a local index Query reads one partition, the one of its partition key (the table's);</li>
 *   <li>a global index Query reads the same key range in every partition of the table at once and
 *       merges the pages by index-relative key (index sort key, then table key): one read per
 *       partition per page. A partition that stopped early (Limit, 1 MB) bounds the merged page, so
 *       results and LastEvaluatedKey are exactly ordered;</li>
 *   <li>a Scan walks the partitions in token order, each partition's entries in key order.</li>
 * </ul>
 * LastEvaluatedKey holds the index keys and the table keys, as DynamoDB's does for indexes; the next
 * page starts after that entry's index-relative key (and, for a Scan, in that item's partition).
 */
final class IndexReads {
    private final PartitionCaller caller;

    IndexReads(PartitionCaller caller) {
        this.caller = caller;
    }

    /** The index a Query or Scan names, with DynamoDB's checks on how it may be read. */
    static SecondaryIndex index(TableDescriptor table, String indexName, boolean consistentRead, Select select) {
        SecondaryIndex index = TableMapping.indexes(table).stream().filter(i -> i.name().equals(indexName)).findFirst()
                .orElseThrow(() -> DynamoException.validation("The table does not have the specified index: " + indexName));
        if (index.global() && consistentRead) {
            throw DynamoException.validation("Consistent reads are not supported on global secondary indexes");
        }
        if (index.global() && select == Select.ALL_ATTRIBUTES && index.projection() != SecondaryIndex.ProjectionType.ALL) {
            throw DynamoException.invalidParameter("Select type ALL_ATTRIBUTES is not supported for global secondary index "
                    + index.name() + " because its projection type is not ALL");
        }
        return index;
    }

    PageResult query(TableDescriptor table, QueryRequest request) {
        SecondaryIndex index = index(table, request.indexName(), request.consistentRead(), request.select());
        KeySchema tableKey = TableMapping.keySchema(table);
        KeyQuery.Resolved resolved = KeyQuery.resolve(request, index.keySchema());
        KeyCondition condition = resolved.condition();
        byte[] prefix = KeyCodec.concat(condition.partitionKey());
        byte[][] range = sortKeyRange(condition, prefix);
        byte[] from = range[0];
        byte[] to = range[1];
        if (request.exclusiveStartKey() != null) {
            byte[] start = startKey(index, tableKey, request.exclusiveStartKey());
            if (!Arrays.equals(KeyCodec.concat(request.exclusiveStartKey().get(index.keySchema().partitionKey().name())), prefix)) {
                throw DynamoException.validation("The provided starting key does not match the range key predicate");
            }
            if (request.scanForward()) {
                from = max(from, TableScanner.successor(start));
            } else {
                to = min(to, start);
            }
        }
        boolean fetch = fetchesItems(index, request.select(), resolved.expressions());
        PartitionCaller.Target target = target(index, request.consistentRead());
        byte[] lower = from;
        byte[] upper = to;
        long token = Tokens.of(table.getTableId(), condition.partitionKey());
        List<RangeResponse> responses = readEverywhere(table.getTableId(),
                () -> index.global() ? caller.partitions(table.getTableId()) : List.of(caller.partitionOf(table.getTableId(), token)),
                partition -> rangeRequest(index, target, lower, upper, request.scanForward(), request.limit(), fetch));
        Merged merged = merge(responses, request.scanForward(), request.limit(), item -> true);
        var lastEvaluated = merged.complete() || merged.items().isEmpty()
                ? null : index.lastEvaluatedKey(tableKey, merged.items().getLast());
        var consumed = new ConsumedCapacity(request.tableName(), CapacityUnits.readPage(merged.items(), request.consistentRead()));
        return new PageShaper(resolved.expressions(), request.select()).page(merged.items(), lastEvaluated, consumed);
    }

    /**
     * One page of an index Scan: every partition overlapping the segment is read at once from the same
     * index position and the entries merged in index order, keeping those whose item lies in the segment.
     * The position is the index-relative key alone (the LastEvaluatedKey), never a partition, so a page
     * continues correctly whatever splits happened since the last one. A round that finds nothing in the
     * segment but has more to read goes on from where it stopped, so a page is empty only at the end.
     */
    PageResult scan(TableDescriptor table, ScanRequest request) {
        SecondaryIndex index = index(table, request.indexName(), request.consistentRead(), request.select());
        KeySchema tableKey = TableMapping.keySchema(table);
        long tableId = table.getTableId();
        TokenRange segment = TokenRange.evenSplit(request.totalSegments()).get(request.segment());
        boolean fetch = fetchesItems(index, request.select(), request.expressions());
        PartitionCaller.Target target = target(index, request.consistentRead());
        byte[] from = new byte[0];
        if (request.exclusiveStartKey() != null) {
            byte[] start = startKey(index, tableKey, request.exclusiveStartKey());
            long token = Tokens.of(tableId, request.exclusiveStartKey().get(tableKey.partitionKey().name()));
            if (!segment.contains(token)) {
                throw DynamoException.validation("The provided starting key is invalid: it does not belong to segment "
                        + request.segment() + " of " + request.totalSegments());
            }
            from = TableScanner.successor(start);
        }
        java.util.function.Predicate<Item> inSegment =
                item -> segment.contains(Tokens.of(tableId, item.get(tableKey.partitionKey().name())));
        while (true) {
            byte[] lower = from;
            List<RangeResponse> responses = readEverywhere(tableId,
                    () -> caller.partitions(tableId).stream()
                            .filter(p -> overlaps(new TokenRange(p.getTokenStart(), p.getTokenEnd()), segment)).toList(),
                    partition -> rangeRequest(index, target, lower, new byte[0], true, request.limit(), fetch));
            Merged merged = merge(responses, true, request.limit(), inSegment);
            if (!merged.items().isEmpty() || merged.complete()) {
                long bytes = merged.items().stream().mapToLong(Items::size).sum();
                return page(request, index, tableKey, merged.items(), merged.complete() ? null : merged.items(),
                        TableScanner.PAGE_BYTES - bytes);
            }
            from = TableScanner.successor(merged.bound());
        }
    }

    private static PageResult page(ScanRequest request, SecondaryIndex index, KeySchema tableKey, List<Item> items,
                                   List<Item> resumeAfter, long bytesLeft) {
        var lastEvaluated = resumeAfter == null || resumeAfter.isEmpty() ? null
                : index.lastEvaluatedKey(tableKey, resumeAfter.getLast());
        var consumed = new ConsumedCapacity(request.tableName(),
                CapacityUnits.read(TableScanner.PAGE_BYTES - bytesLeft, request.consistentRead()));
        return new PageShaper(request.expressions(), request.select()).page(items, lastEvaluated, consumed);
    }

    /**
     * Where an index read goes. A global index is read through the partition leaders, linearizably,
     * although DynamoDB only promises eventual consistency for it (and refuses ConsistentRead): its
     * entries change in the same batch as the items, so a client reads its own writes there too.
     */
    private static PartitionCaller.Target target(SecondaryIndex index, boolean consistentRead) {
        return index.global() || consistentRead ? PartitionCaller.Target.LEADER : PartitionCaller.Target.NEAREST;
    }

    /**
     * A local index whose projection is not ALL answers from the table when the read wants more than
     * the projection (Select ALL_ATTRIBUTES, or a projection expression or filter, which may name
     * attributes outside it), as DynamoDB fetches them from the table. A global index never does.
     */
    private static boolean fetchesItems(SecondaryIndex index, Select select, ReadExpressions expressions) {
        if (index.global() || index.projection() == SecondaryIndex.ProjectionType.ALL) {
            return false;
        }
        return select == Select.ALL_ATTRIBUTES || !expressions.projection().isEmpty() || !expressions.filter().isEmpty();
    }

    private static RangeRequest.Builder rangeRequest(SecondaryIndex index, PartitionCaller.Target target, byte[] from,
                                                     byte[] to, boolean forward, int limit, boolean fetch) {
        return RangeRequest.newBuilder()
                .setIndexId(index.id())
                .setConsistent(target == PartitionCaller.Target.LEADER)
                .setFrom(ByteString.copyFrom(from)).setTo(ByteString.copyFrom(to)).setForward(forward)
                .setLimit(limit).setMaxBytes(TableScanner.PAGE_BYTES)
                .setFetchItems(fetch).setIndexKeyValues(index.keySchema().sortKey().isPresent() ? 2 : 1);
    }

    /** Raised when a partition read was answered by a partition other than the one planned: a split happened. */
    private static final class PartitionsChanged extends RuntimeException {
        PartitionsChanged() {
            super(null, null, false, false);
        }
    }

    /** How many times a read of every partition starts over because the partitions changed under it. */
    private static final int REPLANS = 20;

    /**
     * Reads the same index range of every partition {@code plan} names, at once. When a partition turns out
     * to have split since (its reply comes from a partition with another id or split version), the read
     * starts over with the partitions as they are now, so no split-off part is missed.
     */
    private List<RangeResponse> readEverywhere(long tableId, java.util.function.Supplier<List<PartitionDescriptor>> plan,
                                               java.util.function.Function<PartitionDescriptor, RangeRequest.Builder> requests) {
        for (int attempt = 0; ; attempt++) {
            try {
                return readAll(tableId, plan.get(), requests);
            } catch (PartitionsChanged changed) {
                if (attempt >= REPLANS) {
                    throw new PartitionCaller.UnavailableException("the table's partitions kept changing during an index read");
                }
            }
        }
    }

    private List<RangeResponse> readAll(long tableId, List<PartitionDescriptor> partitions,
                                        java.util.function.Function<PartitionDescriptor, RangeRequest.Builder> requests) {
        if (partitions.size() == 1) {
            return List.of(readOne(tableId, partitions.getFirst(), requests));
        }
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RangeResponse>> futures = new ArrayList<>();
            for (PartitionDescriptor partition : partitions) {
                futures.add(executor.submit(() -> readOne(tableId, partition, requests)));
            }
            List<RangeResponse> responses = new ArrayList<>();
            for (Future<RangeResponse> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartitionCaller.UnavailableException("interrupted while reading index entries");
        }
    }

    private RangeResponse readOne(long tableId, PartitionDescriptor partition,
                                  java.util.function.Function<PartitionDescriptor, RangeRequest.Builder> requests) {
        RangeRequest.Builder request = requests.apply(partition);
        PartitionCaller.Target target = request.getConsistent() ? PartitionCaller.Target.LEADER : PartitionCaller.Target.NEAREST;
        return caller.call(tableId, partition.getTokenStart(), target, (stub, current) -> {
            if (current.getPartitionId() != partition.getPartitionId()
                    || current.getEpoch().getSplitVersion() != partition.getEpoch().getSplitVersion()) {
                throw new PartitionsChanged();
            }
            return stub.readRange(request.clone().setPartitionId(current.getPartitionId()).setEpoch(current.getEpoch())
                    .setMinAppliedIndex(caller.readFloor(current, request.getConsistent())).build());
        }, r -> r.hasRoutingError() ? r.getRoutingError() : null);
    }

    /** A merged page: its items in index order, and whether no partition has more after them. */
    private record Merged(List<Item> items, boolean complete, byte[] bound) {
    }

    private record Entry(byte[] key, Item item) {
    }

    /**
     * Merges the partitions' pages in index order. A partition that has more entries than it returned
     * stops the merge at its last entry (entries beyond it could sort after ones it did not send);
     * then Limit and the 1 MB page apply to the merged run.
     */
    private static Merged merge(List<RangeResponse> responses, boolean forward, int limit,
                                java.util.function.Predicate<Item> keep) {
        Comparator<byte[]> order = forward ? Arrays::compareUnsigned : (a, b) -> Arrays.compareUnsigned(b, a);
        byte[] bound = null;
        List<Entry> all = new ArrayList<>();
        for (RangeResponse response : responses) {
            List<RangeItem> items = response.getResult().getItemsList();
            for (RangeItem item : items) {
                Item decoded = ItemCodec.decode(item.getItem().toByteArray());
                if (keep.test(decoded)) {
                    all.add(new Entry(item.getKey().toByteArray(), decoded));
                }
            }
            if (response.getResult().getMore() && !items.isEmpty()) {
                byte[] last = items.getLast().getKey().toByteArray();
                bound = bound == null || order.compare(last, bound) < 0 ? last : bound;
            }
        }
        all.sort(Comparator.comparing(Entry::key, order));
        List<Item> page = new ArrayList<>();
        long bytes = 0;
        boolean complete = bound == null;
        for (Entry entry : all) {
            boolean full = (limit > 0 && page.size() >= limit) || bytes >= TableScanner.PAGE_BYTES;
            if (full || (bound != null && order.compare(entry.key(), bound) > 0)) {
                complete = false;
                break;
            }
            page.add(entry.item());
            bytes += Items.size(entry.item());
        }
        if (limit > 0 && page.size() >= limit) {
            complete = false;
        }
        return new Merged(page, complete, bound);
    }

    /** [from, to) of the index-relative keys the key condition selects. */
    private static byte[][] sortKeyRange(KeyCondition condition, byte[] prefix) {
        byte[] end = KeyCodec.prefixEnd(prefix);
        if (condition.sortKey().isEmpty()) {
            return new byte[][] {prefix, end};
        }
        return switch (condition.sortKey().get()) {
            case SortKeyCondition.BeginsWith beginsWith -> {
                byte[] p = concat(prefix, OrderedEncoding.encodeBeginsWithPrefix(beginsWith.prefix()));
                yield new byte[][] {p, KeyCodec.prefixEnd(p)};
            }
            case SortKeyCondition.Range r -> new byte[][] {
                    // Entries continue with the table key after the index sort key: every entry whose sort
                    // key equals v lies in [prefix + v, prefixEnd(prefix + v)).
                    r.lower().map(v -> r.lowerInclusive() ? concat(prefix, KeyCodec.concat(v))
                            : KeyCodec.prefixEnd(concat(prefix, KeyCodec.concat(v)))).orElse(prefix),
                    r.upper().map(v -> r.upperInclusive() ? KeyCodec.prefixEnd(concat(prefix, KeyCodec.concat(v)))
                            : concat(prefix, KeyCodec.concat(v))).orElse(end)};
        };
    }

    /** The index-relative key an ExclusiveStartKey names: it must hold the index keys and the table keys. */
    private static byte[] startKey(SecondaryIndex index, KeySchema tableKey, Map<String, AttributeValue> key) {
        List<KeySchema.KeyAttribute> needed = new ArrayList<>();
        needed.add(index.keySchema().partitionKey());
        index.keySchema().sortKey().ifPresent(needed::add);
        needed.add(tableKey.partitionKey());
        tableKey.sortKey().ifPresent(needed::add);
        List<AttributeValue> values = new ArrayList<>();
        for (KeySchema.KeyAttribute attribute : needed) {
            AttributeValue value = key.get(attribute.name());
            boolean typed = switch (attribute.type()) {
                case S -> value instanceof AttributeValue.S;
                case N -> value instanceof AttributeValue.N;
                case B -> value instanceof AttributeValue.B;
            };
            if (!typed) {
                throw DynamoException.validation("The provided starting key is invalid: The provided key element does not "
                        + "match the schema");
            }
            values.add(value);
        }
        if (key.size() != needed.stream().map(KeySchema.KeyAttribute::name).distinct().count()) {
            throw DynamoException.validation("The provided starting key is invalid: The provided key element does not "
                    + "match the schema");
        }
        return KeyCodec.indexRelativeKey(values.get(0), index.keySchema().sortKey().isPresent() ? values.get(1) : null,
                values.get(values.size() - (tableKey.sortKey().isPresent() ? 2 : 1)),
                tableKey.sortKey().isPresent() ? values.getLast() : null);
    }

    private static boolean overlaps(TokenRange partition, TokenRange segment) {
        // [ps, pe) and [ss, se) overlap unless one ends before the other starts (0 as end = end of ring).
        boolean partitionEndsBefore = partition.end() != 0 && Long.compareUnsigned(partition.end(), segment.start()) <= 0;
        boolean segmentEndsBefore = segment.end() != 0 && Long.compareUnsigned(segment.end(), partition.start()) <= 0;
        return !partitionEndsBefore && !segmentEndsBefore;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] max(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static byte[] min(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
