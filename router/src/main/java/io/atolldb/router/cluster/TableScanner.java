package io.atolldb.router.cluster;

import com.google.protobuf.ByteString;
import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.KeyCodec;
import io.atolldb.model.KeySchema;
import io.atolldb.model.Keys;
import io.atolldb.model.PrimaryKey;
import io.atolldb.model.TokenRange;
import io.atolldb.model.Tokens;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.proto.PartitionDescriptor;
import io.atolldb.proto.RangeItem;
import io.atolldb.proto.RangeRequest;
import io.atolldb.proto.RangeResponse;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.router.api.CapacityUnits;
import io.atolldb.router.api.ConsumedCapacity;
import io.atolldb.router.api.DynamoException;
import io.atolldb.router.api.PageResult;
import io.atolldb.router.api.ScanRequest;
import io.atolldb.router.routing.PartitionCaller;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads one page of a Scan: the table's items in token order, partition after partition, limited to
 * one segment's token range for a parallel scan. A page ends at the request's Limit, at DynamoDB's
 * 1 MB of data read, or at the end of the segment. Its LastEvaluatedKey is the primary key of the
 * last item read; the next page resumes just after that item's storage key, which the primary key
 * determines (table id, token, key values), so no cursor state is kept anywhere.
 */
final class TableScanner {
    /** DynamoDB stops a Query or Scan page once it has read 1 MB of items. */
    static final long PAGE_BYTES = 1024 * 1024;

    private final PartitionCaller caller;

    TableScanner(PartitionCaller caller) {
        this.caller = caller;
    }

    PageResult scan(TableDescriptor table, ScanRequest request) {
        KeySchema schema = TableMapping.keySchema(table);
        long tableId = table.getTableId();
        TokenRange segment = TokenRange.evenSplit(request.totalSegments()).get(request.segment());
        byte[] segmentEnd = KeyCodec.rangeEnd(tableId, segment.end());
        byte[] from;
        long token;
        if (request.exclusiveStartKey() == null) {
            token = segment.start();
            from = KeyCodec.rangeStart(tableId, token);
        } else {
            PrimaryKey start = startKey(schema, request.exclusiveStartKey());
            token = Tokens.of(tableId, start.partitionKey());
            if (!segment.contains(token)) {
                throw DynamoException.validation("The provided starting key is invalid: it does not belong to segment "
                        + request.segment() + " of " + request.totalSegments());
            }
            from = successor(KeyCodec.itemKey(tableId, token, start.partitionKey(), start.sortKey()));
        }
        PartitionCaller.Target target = request.consistentRead() ? PartitionCaller.Target.LEADER : PartitionCaller.Target.NEAREST;
        List<Item> items = new ArrayList<>();
        int scanned = 0;
        long bytesLeft = PAGE_BYTES;
        byte[] lastKey = null;
        while (true) {
            int limitLeft = request.limit() == 0 ? 0 : request.limit() - scanned;
            PartitionCaller.Routed<RangeResponse> read = readPartition(tableId, token, target, from, segmentEnd, limitLeft, bytesLeft);
            RangeResponse response = read.answer();
            for (RangeItem entry : response.getResult().getItemsList()) {
                Item item = ItemCodec.decode(entry.getItem().toByteArray());
                bytesLeft -= io.atolldb.model.Items.size(item);
                scanned++;
                items.add(item);
                lastKey = entry.getKey().toByteArray();
            }
            boolean pageFull = response.getResult().getMore()
                    || (request.limit() > 0 && scanned >= request.limit()) || bytesLeft <= 0;
            // The partition that answered, with the range it answered for (a split may have cut it since).
            PartitionDescriptor partition = read.partition();
            boolean segmentDone = partition.getTokenEnd() == 0
                    || (segment.end() != 0 && Long.compareUnsigned(partition.getTokenEnd(), segment.end()) >= 0);
            if (pageFull || segmentDone) {
                boolean complete = !response.getResult().getMore() && segmentDone
                        && !(request.limit() > 0 && scanned >= request.limit());
                Map<String, AttributeValue> lastEvaluated = complete || lastKey == null
                        ? null : KeyCodec.primaryKeyOf(lastKey).toMap(schema);
                var consumed = new ConsumedCapacity(request.tableName(),
                        CapacityUnits.read(PAGE_BYTES - bytesLeft, request.consistentRead()));
                return new PageShaper(request.expressions(), request.select()).page(items, lastEvaluated, consumed);
            }
            token = partition.getTokenEnd();
            from = KeyCodec.rangeStart(tableId, token);
        }
    }

    private PartitionCaller.Routed<RangeResponse> readPartition(long tableId, long token, PartitionCaller.Target target,
                                                                byte[] from, byte[] to, int limit, long maxBytes) {
        return caller.callRouted(tableId, token, target, (stub, partition) -> stub.readRange(RangeRequest.newBuilder()
                        .setPartitionId(partition.getPartitionId()).setEpoch(partition.getEpoch())
                        .setConsistent(target == PartitionCaller.Target.LEADER)
                        .setMinAppliedIndex(caller.readFloor(partition, target == PartitionCaller.Target.LEADER))
                        .setFrom(ByteString.copyFrom(from)).setTo(ByteString.copyFrom(to)).setForward(true)
                        .setLimit(limit).setMaxBytes(maxBytes).build()),
                r -> r.hasRoutingError() ? r.getRoutingError() : null);
    }

    private static PrimaryKey startKey(KeySchema schema, Map<String, AttributeValue> key) {
        try {
            return Keys.extractKey(schema, key);
        } catch (io.atolldb.model.ValidationError e) {
            throw DynamoException.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }

    /** The smallest storage key after {@code key}: storage keys are self-delimiting, so appending 0x00 works. */
    static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
