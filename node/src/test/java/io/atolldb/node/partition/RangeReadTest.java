package io.atolldb.node.partition;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.Items;
import io.atolldb.model.KeyCodec;
import io.atolldb.model.TokenRange;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.node.storage.PartitionBounds;
import io.atolldb.node.storage.StorageEngine;
import io.atolldb.proto.RangeItem;
import io.atolldb.proto.RangeResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Range reads (Query and Scan pages): key order, both directions, item limit and the 1 MB page budget. */
class RangeReadTest {
    private static final long TABLE = 3;
    private static final long TOKEN = 500;
    private static final PartitionBounds BOUNDS = new PartitionBounds(9, TABLE, new TokenRange(0, 1000));
    private static final AttributeValue PK = new AttributeValue.S("user");

    @TempDir
    Path dir;
    private StorageEngine engine;
    private PartitionStateMachine machine;

    @BeforeEach
    void open() {
        engine = StorageEngine.open(dir);
        machine = new PartitionStateMachine(engine.partition(BOUNDS));
        for (int i = 1; i <= 5; i++) {
            machine.apply(i, 1, Commands.put(key(i), item(i, 1000)));
        }
    }

    @AfterEach
    void close() {
        machine.close();
        engine.close();
    }

    private static byte[] key(int sortKey) {
        return KeyCodec.itemKey(TABLE, TOKEN, PK, AttributeValue.N.of(Integer.toString(sortKey)));
    }

    private static byte[] item(int sortKey, int payloadChars) {
        return ItemCodec.encode(new Item(Map.of("pk", PK, "sk", AttributeValue.N.of(Integer.toString(sortKey)),
                "payload", new AttributeValue.S("x".repeat(payloadChars)))));
    }

    private RangeResponse range(boolean forward, int limit, long maxBytes) throws Exception {
        byte[] prefix = KeyCodec.partitionKeyPrefix(TABLE, TOKEN, PK);
        return RangeResponse.parseFrom(machine.query(Commands.range(prefix, KeyCodec.prefixEnd(prefix), forward, limit, maxBytes)));
    }

    private static List<Integer> sortKeys(RangeResponse response) {
        return response.getResult().getItemsList().stream().map(RangeItem::getItem)
                .map(bytes -> ItemCodec.decode(bytes.toByteArray()).get("sk"))
                .map(n -> ((AttributeValue.N) n).value().intValueExact()).toList();
    }

    @Test
    void itemsComeInSortKeyOrderAndInReverseWhenAsked() throws Exception {
        assertThat(sortKeys(range(true, 0, 0))).containsExactly(1, 2, 3, 4, 5);
        assertThat(sortKeys(range(false, 0, 0))).containsExactly(5, 4, 3, 2, 1);
        assertThat(range(true, 0, 0).getResult().getMore()).isFalse();
    }

    @Test
    void theLimitStopsThePageAndSaysMoreRemain() throws Exception {
        RangeResponse page = range(true, 2, 0);

        assertThat(sortKeys(page)).containsExactly(1, 2);
        assertThat(page.getResult().getMore()).isTrue();
        assertThat(range(true, 5, 0).getResult().getMore()).isFalse();
    }

    @Test
    void theByteBudgetStopsAfterTheItemThatReachesIt() throws Exception {
        long oneItem = Items.size(ItemCodec.decode(item(1, 1000)));

        RangeResponse page = range(true, 0, oneItem * 2);

        assertThat(sortKeys(page)).containsExactly(1, 2);
        assertThat(page.getResult().getMore()).isTrue();
    }
}
