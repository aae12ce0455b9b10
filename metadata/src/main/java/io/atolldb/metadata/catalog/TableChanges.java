package io.atolldb.metadata.catalog;

import io.atolldb.proto.AlterTableRequest;
import io.atolldb.proto.BillingMode;
import io.atolldb.proto.TableDescriptor;

/** Applies an {@link AlterTableRequest} to a table descriptor: only the fields it sets change. */
final class TableChanges {
    private TableChanges() {
    }

    static TableDescriptor apply(TableDescriptor table, AlterTableRequest change) {
        var altered = table.toBuilder();
        if (change.getBillingMode() != BillingMode.BILLING_MODE_UNSPECIFIED) {
            altered.setBillingMode(change.getBillingMode());
            if (change.getBillingMode() == BillingMode.BILLING_MODE_PAY_PER_REQUEST) {
                altered.setReadCapacityUnits(0).setWriteCapacityUnits(0);
            }
        }
        if (change.getSetThroughput()) {
            altered.setReadCapacityUnits(change.getReadCapacityUnits()).setWriteCapacityUnits(change.getWriteCapacityUnits());
        }
        altered.putAllTags(change.getSetTagsMap());
        change.getRemoveTagKeysList().forEach(altered::removeTags);
        return altered.build();
    }
}
