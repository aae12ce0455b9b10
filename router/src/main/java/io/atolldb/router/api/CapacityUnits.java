package io.atolldb.router.api;

import io.atolldb.model.Item;
import io.atolldb.model.Items;

import java.util.Collection;

/**
 * DynamoDB's capacity unit arithmetic (Developer Guide, "DynamoDB read and write operations",
 * capacity unit consumption), on item sizes as {@link Items#size} counts them:
 *
 * <ul>
 *   <li>A read unit is one strongly consistent read of up to 4 KB; an eventually consistent read costs
 *       half. Item sizes round up to the next 4 KB. A read of an item that does not exist still costs
 *       one unit (half when eventually consistent).</li>
 *   <li>Query and Scan count the items read, before any filter, as one read: their sizes are summed and
 *       the sum rounded up to 4 KB once per page. Projections and Select=COUNT do not lower it. A page
 *       that reads nothing still costs one unit (half when eventually consistent): DynamoDB charges for
 *       the partition searched even when it holds no data, and a table's first partition is searched
 *       always.</li>
 *   <li>A write unit is one write of up to 1 KB; sizes round up to the next 1 KB, and every write costs
 *       at least one unit. PutItem and UpdateItem count the larger of the item before and after the
 *       write; DeleteItem counts the deleted item; a write that finds no item costs one unit. A write
 *       whose condition fails still consumes capacity: the existing item's size, at least one unit.</li>
 *   <li>BatchGetItem and BatchWriteItem count each item as its own GetItem, PutItem or DeleteItem
 *       (each rounded separately), summed per table.</li>
 * </ul>
 */
public final class CapacityUnits {
    /** One read capacity unit reads this much (strongly consistent). */
    public static final long READ_UNIT_BYTES = 4 * 1024;
    /** One write capacity unit writes this much. */
    public static final long WRITE_UNIT_BYTES = 1024;

    private CapacityUnits() {
    }

    /** The read units of reading {@code bytes} as one read (one item, or one Query/Scan page). */
    public static double read(long bytes, boolean consistentRead) {
        long units = Math.max(1, ceilDiv(bytes, READ_UNIT_BYTES));
        return consistentRead ? units : units / 2.0;
    }

    /** The read units of one Query or Scan page that read {@code items} (before filtering them). */
    public static double readPage(Collection<Item> items, boolean consistentRead) {
        long bytes = 0;
        for (Item item : items) {
            bytes += Items.size(item);
        }
        return read(bytes, consistentRead);
    }

    /**
     * The write units of one item write: the larger of the sizes before ({@code oldSize}, 0 when there
     * was no item) and after ({@code newSize}, 0 for a delete or a write that changed nothing).
     */
    public static double write(long oldSize, long newSize) {
        return Math.max(1, ceilDiv(Math.max(oldSize, newSize), WRITE_UNIT_BYTES));
    }

    private static long ceilDiv(long bytes, long unit) {
        return (bytes + unit - 1) / unit;
    }
}
