package io.atolldb.router.cluster;

import io.atolldb.model.KeySchema;
import io.atolldb.model.SecondaryIndex;
import io.atolldb.proto.BillingMode;
import io.atolldb.proto.IndexDescriptor;
import io.atolldb.proto.IndexMaintenance;
import io.atolldb.proto.ProjectionType;
import io.atolldb.proto.KeyElement;
import io.atolldb.proto.KeyType;
import io.atolldb.proto.TableDescriptor;
import io.atolldb.proto.TableStatus;
import io.atolldb.router.api.AttributeDefinition;
import io.atolldb.router.api.CreateTableRequest;
import io.atolldb.router.api.IndexDefinition;
import io.atolldb.router.api.ProvisionedThroughput;
import io.atolldb.router.api.TableDescription;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Converts between the API's table records and the metadata service's table descriptors. */
final class TableMapping {
    /** Marks the UUID form of a numeric table id ("atolltbl" in ASCII). */
    private static final long TABLE_ID_MARKER = 0x61746f6c6c74626cL;

    private TableMapping() {
    }

    static TableDescriptor toDescriptor(CreateTableRequest request) {
        KeySchema schema = request.keySchema();
        var table = TableDescriptor.newBuilder()
                .setName(request.tableName())
                .setPartitionKey(keyElement(schema.partitionKey()))
                .setBillingMode(request.billingMode() == io.atolldb.router.api.BillingMode.PAY_PER_REQUEST
                        ? BillingMode.BILLING_MODE_PAY_PER_REQUEST : BillingMode.BILLING_MODE_PROVISIONED);
        schema.sortKey().ifPresent(sk -> table.setSortKey(keyElement(sk)));
        if (request.provisionedThroughput() != null) {
            table.setReadCapacityUnits(request.provisionedThroughput().readCapacityUnits())
                    .setWriteCapacityUnits(request.provisionedThroughput().writeCapacityUnits());
        }
        request.attributeDefinitions().forEach(d -> table.addAttributeDefinitions(
                KeyElement.newBuilder().setAttributeName(d.name()).setType(keyType(d.type()))));
        request.indexes().forEach(definition -> table.addIndexes(indexDescriptor(definition)));
        table.putAllTags(request.tags());
        return table.build();
    }

    private static IndexDescriptor indexDescriptor(IndexDefinition definition) {
        SecondaryIndex index = definition.index();
        var out = IndexDescriptor.newBuilder()
                .setIndexId(index.id())
                .setName(index.name())
                .setGlobal(index.global())
                .setPartitionKey(keyElement(index.keySchema().partitionKey()))
                .setProjectionType(switch (index.projection()) {
                    case ALL -> ProjectionType.PROJECTION_TYPE_ALL;
                    case KEYS_ONLY -> ProjectionType.PROJECTION_TYPE_KEYS_ONLY;
                    case INCLUDE -> ProjectionType.PROJECTION_TYPE_INCLUDE;
                })
                .addAllNonKeyAttributes(index.nonKeyAttributes())
                .setReadCapacityUnits(definition.throughput().readCapacityUnits())
                .setWriteCapacityUnits(definition.throughput().writeCapacityUnits());
        index.keySchema().sortKey().ifPresent(k -> out.setSortKey(keyElement(k)));
        return out.build();
    }

    /**
     * What a write to the table must keep in step: its key schema and index definitions, carried in
     * the command so that apply needs nothing but the command and the stored item. Empty without indexes.
     */
    static IndexMaintenance indexMaintenance(TableDescriptor table) {
        if (table.getIndexesCount() == 0) {
            return IndexMaintenance.getDefaultInstance();
        }
        var out = IndexMaintenance.newBuilder().addTableKey(table.getPartitionKey());
        if (table.hasSortKey()) {
            out.addTableKey(table.getSortKey());
        }
        return out.addAllIndexes(table.getIndexesList()).build();
    }

    /** The table's secondary indexes, as the model knows them. */
    static java.util.List<SecondaryIndex> indexes(TableDescriptor table) {
        return table.getIndexesList().stream().map(TableMapping::index).toList();
    }

    static SecondaryIndex index(IndexDescriptor index) {
        var schema = new KeySchema(keyAttribute(index.getPartitionKey()),
                index.hasSortKey() ? Optional.of(keyAttribute(index.getSortKey())) : Optional.empty());
        return new SecondaryIndex(index.getIndexId(), index.getName(), index.getGlobal(), schema,
                switch (index.getProjectionType()) {
                    case PROJECTION_TYPE_KEYS_ONLY -> SecondaryIndex.ProjectionType.KEYS_ONLY;
                    case PROJECTION_TYPE_INCLUDE -> SecondaryIndex.ProjectionType.INCLUDE;
                    default -> SecondaryIndex.ProjectionType.ALL;
                }, index.getNonKeyAttributesList());
    }

    static KeySchema keySchema(TableDescriptor table) {
        return new KeySchema(keyAttribute(table.getPartitionKey()),
                table.hasSortKey() ? Optional.of(keyAttribute(table.getSortKey())) : Optional.empty());
    }

    static TableDescription toDescription(TableDescriptor table) {
        var billing = table.getBillingMode() == BillingMode.BILLING_MODE_PAY_PER_REQUEST
                ? io.atolldb.router.api.BillingMode.PAY_PER_REQUEST : io.atolldb.router.api.BillingMode.PROVISIONED;
        return new TableDescription(
                table.getName(),
                new UUID(TABLE_ID_MARKER, table.getTableId()).toString(),
                keySchema(table),
                table.getAttributeDefinitionsList().stream()
                        .map(e -> new AttributeDefinition(e.getAttributeName(), scalarType(e.getType()))).toList(),
                switch (table.getStatus()) {
                    case TABLE_STATUS_ACTIVE -> io.atolldb.router.api.TableStatus.ACTIVE;
                    case TABLE_STATUS_DELETING -> io.atolldb.router.api.TableStatus.DELETING;
                    default -> io.atolldb.router.api.TableStatus.CREATING;
                },
                Instant.ofEpochMilli(table.getCreationTimeMillis()),
                table.getItemCount(),
                table.getSizeBytes(),
                billing,
                new ProvisionedThroughput(table.getReadCapacityUnits(), table.getWriteCapacityUnits()),
                table.getIndexesList().stream().map(i -> new IndexDefinition(index(i),
                        new ProvisionedThroughput(i.getReadCapacityUnits(), i.getWriteCapacityUnits()))).toList());
    }

    static boolean isActive(TableDescriptor table) {
        return table.getStatus() == TableStatus.TABLE_STATUS_ACTIVE;
    }

    private static KeyElement keyElement(KeySchema.KeyAttribute attribute) {
        return KeyElement.newBuilder().setAttributeName(attribute.name()).setType(keyType(attribute.type())).build();
    }

    private static KeySchema.KeyAttribute keyAttribute(KeyElement element) {
        return new KeySchema.KeyAttribute(element.getAttributeName(), scalarType(element.getType()));
    }

    private static KeyType keyType(KeySchema.ScalarType type) {
        return switch (type) {
            case S -> KeyType.KEY_TYPE_S;
            case N -> KeyType.KEY_TYPE_N;
            case B -> KeyType.KEY_TYPE_B;
        };
    }

    private static KeySchema.ScalarType scalarType(KeyType type) {
        return switch (type) {
            case KEY_TYPE_S -> KeySchema.ScalarType.S;
            case KEY_TYPE_N -> KeySchema.ScalarType.N;
            case KEY_TYPE_B -> KeySchema.ScalarType.B;
            default -> throw new IllegalStateException("table descriptor with key type " + type);
        };
    }
}
