package io.atolldb.router.cluster;

import io.atolldb.proto.IndexDescriptor;
import io.atolldb.proto.KeyElement;
import io.atolldb.proto.KeyType;
import io.atolldb.proto.ProjectionType;
import io.atolldb.proto.TableDescriptor;

/** Table descriptors as the routing cache holds them, for the cluster package's unit tests. */
final class Fixtures {
    /** Table 7: partition key {@code pk} (S), sort key {@code sk} (N), a GSI {@code byStatus} on {@code status} (S). */
    static final TableDescriptor ORDERS = TableDescriptor.newBuilder().setTableId(7).setName("orders")
            .setPartitionKey(key("pk", KeyType.KEY_TYPE_S)).setSortKey(key("sk", KeyType.KEY_TYPE_N))
            .addIndexes(IndexDescriptor.newBuilder().setIndexId(1).setName("byStatus").setGlobal(true)
                    .setPartitionKey(key("status", KeyType.KEY_TYPE_S))
                    .setProjectionType(ProjectionType.PROJECTION_TYPE_ALL))
            .build();

    /** Table 8: partition key {@code id} (S) only, no index. */
    static final TableDescriptor USERS = TableDescriptor.newBuilder().setTableId(8).setName("users")
            .setPartitionKey(key("id", KeyType.KEY_TYPE_S)).build();

    private Fixtures() {
    }

    static KeyElement key(String name, KeyType type) {
        return KeyElement.newBuilder().setAttributeName(name).setType(type).build();
    }
}
