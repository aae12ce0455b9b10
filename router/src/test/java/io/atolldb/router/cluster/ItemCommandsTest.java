package io.atolldb.router.cluster;

import static io.atolldb.router.cluster.Fixtures.ORDERS;
import static io.atolldb.router.cluster.Fixtures.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.ValidationError;
import io.atolldb.model.codec.ItemCodec;
import io.atolldb.model.expr.Expressions;
import io.atolldb.model.expr.ast.ExpressionKind;
import io.atolldb.model.expr.legacy.AttributeUpdate;
import io.atolldb.model.expr.legacy.LegacyParameters;
import io.atolldb.proto.IndexMaintenance;
import io.atolldb.proto.PartitionCommand;
import io.atolldb.proto.WriteExpressions;
import io.atolldb.router.api.DeleteItemRequest;
import io.atolldb.router.api.PutItemRequest;
import io.atolldb.router.api.ReturnValues;
import io.atolldb.router.api.TransactWriteRequest;
import io.atolldb.router.api.UpdateItemRequest;
import io.atolldb.router.api.WriteCondition;

/**
 * The partition commands of item writes: what a replica needs to apply a write with nothing but the
 * command and the stored item (storage key, item, condition, index definitions), and that the
 * single-item, batch and transaction paths send the same thing for the same write.
 */
class ItemCommandsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_765_000_000_000L), ZoneOffset.UTC);
    private static final Map<String, AttributeValue> KEY = Map.of("pk", new AttributeValue.S("customer-1"),
            "sk", AttributeValue.N.of("42"));
    private static final Item ITEM = new Item(Map.of("pk", new AttributeValue.S("customer-1"), "sk", AttributeValue.N.of("42"),
            "status", new AttributeValue.S("open"), "total", AttributeValue.N.of("3")));
    private static final ItemAddress ADDRESS = ItemAddress.ofKey(ORDERS, KEY);
    private static final WriteCondition CONDITION = new WriteCondition("attribute_not_exists(#p) OR #t < :max",
            Map.of("#p", "pk", "#t", "total"), Map.of(":max", AttributeValue.N.of("10")));

    private final ItemCommands commands = new ItemCommands(CLOCK);

    @Test
    void aPutCarriesTheStorageKeyTheItemItsConditionAndTheTablesIndexes() {
        var put = commands.put(ORDERS, ADDRESS, new PutItemRequest("orders", ITEM, ReturnValues.ALL_OLD, CONDITION, true)).getPut();

        assertThat(put.getKey()).isEqualTo(ADDRESS.storageKey());
        assertThat(ItemCodec.decode(put.getItem().toByteArray())).isEqualTo(ITEM);
        assertThat(put.getReturnOld()).isTrue();
        assertThat(put.getReturnOldOnConditionFailure()).isTrue();
        assertCondition(put.getExpressions(), CONDITION);
        assertThat(put.getIndexes().getTableKeyList()).containsExactly(ORDERS.getPartitionKey(), ORDERS.getSortKey());
        assertThat(put.getIndexes().getIndexesList()).isEqualTo(ORDERS.getIndexesList());
    }

    @Test
    void aWriteToATableWithoutIndexesCarriesNoIndexDefinitions() {
        ItemAddress address = ItemAddress.ofKey(USERS, Map.of("id", new AttributeValue.S("u")));
        var delete = commands.delete(USERS, address, new DeleteItemRequest("users", Map.of("id", new AttributeValue.S("u")),
                ReturnValues.NONE)).getDelete();

        assertThat(delete.getIndexes()).isEqualTo(IndexMaintenance.getDefaultInstance());
    }

    @Test
    void everyCommandHasAFreshRequestIdAndTheRoutersTime() {
        var request = new PutItemRequest("orders", ITEM, ReturnValues.NONE);
        PartitionCommand first = commands.put(ORDERS, ADDRESS, request);
        PartitionCommand second = commands.put(ORDERS, ADDRESS, request);

        assertThat(first.getRequestId()).isNotEqualTo(second.getRequestId());
        assertThat(UUID.fromString(first.getRequestId())).isNotNull();
        assertThat(first.getTimestampMillis()).isEqualTo(CLOCK.millis());
        assertThat(ItemCommands.command(5).getTimestampMillis()).isEqualTo(5);
    }

    @Test
    void aDeleteAsksForTheOldItemOnlyForAllOld() {
        var none = commands.delete(ORDERS, ADDRESS, new DeleteItemRequest("orders", KEY, ReturnValues.NONE)).getDelete();
        var allOld = commands.delete(ORDERS, ADDRESS, new DeleteItemRequest("orders", KEY, ReturnValues.ALL_OLD, CONDITION, false))
                .getDelete();

        assertThat(none.getKey()).isEqualTo(ADDRESS.storageKey());
        assertThat(none.getReturnOld()).isFalse();
        assertThat(allOld.getReturnOld()).isTrue();
        assertCondition(allOld.getExpressions(), CONDITION);
    }

    @Test
    void anUpdateCarriesTheKeyAttributesAndKeySchemaItCreatesAnAbsentItemFrom() {
        var update = commands.update(ORDERS, ADDRESS, new UpdateItemRequest("orders", KEY, "SET #t = :max", CONDITION,
                ReturnValues.UPDATED_NEW, false, List.of())).getUpdate();

        assertThat(update.getKey()).isEqualTo(ADDRESS.storageKey());
        assertThat(ItemCodec.decode(update.getKeyAttributes().toByteArray())).isEqualTo(new Item(KEY));
        assertThat(update.getKeySchemaList()).containsExactly(ORDERS.getPartitionKey(), ORDERS.getSortKey());
        assertThat(update.getUpdateExpression()).isEqualTo("SET #t = :max");
        assertThat(update.getReturnValues()).isEqualTo(io.atolldb.proto.ReturnValues.RETURN_VALUES_UPDATED_NEW);
        assertCondition(update.getExpressions(), CONDITION);
        assertThat(update.getIndexes().getIndexesList()).isEqualTo(ORDERS.getIndexesList());
    }

    @Test
    void legacyAttributeUpdatesBecomeAnUpdateExpressionWhosePlaceholdersJoinTheExpectedCondition() {
        // Developer Guide, "Legacy conditional parameters": AttributeUpdates and Expected may be sent together.
        var expected = new WriteCondition("#cn0 = :cv0", Map.of("#cn0", "status"), Map.of(":cv0", new AttributeValue.S("open")));
        List<AttributeUpdate> updates = List.of(
                new AttributeUpdate("total", Optional.of(AttributeValue.N.of("5")), AttributeUpdate.Action.PUT),
                new AttributeUpdate("visits", Optional.of(AttributeValue.N.of("1")), AttributeUpdate.Action.ADD),
                new AttributeUpdate("note", Optional.empty(), AttributeUpdate.Action.DELETE));
        var request = new UpdateItemRequest("orders", KEY, "", expected, ReturnValues.NONE, false, updates);

        ItemCommands.Update update = ItemCommands.updateOf(ORDERS, request);

        assertThat(update.expression()).isEqualTo("SET #un0 = :uv0 ADD #un1 :uv1 REMOVE #un2");
        assertThat(update.condition().expression()).isEqualTo("#cn0 = :cv0");
        assertThat(update.condition().names()).isEqualTo(Map.of("#cn0", "status", "#un0", "total", "#un1", "visits", "#un2", "note"));
        assertThat(update.condition().values()).isEqualTo(Map.of(":cv0", new AttributeValue.S("open"),
                ":uv0", AttributeValue.N.of("5"), ":uv1", AttributeValue.N.of("1")));
        var resolver = Expressions.resolver(update.condition().names(), update.condition().values());
        assertThat(resolver.update(update.expression()))
                .isEqualTo(LegacyParameters.attributeUpdates(updates, TableMapping.keySchema(ORDERS)));
        assertThat(resolver.condition(update.condition().expression(), ExpressionKind.CONDITION))
                .isEqualTo(Expressions.condition("#cn0 = :cv0", expected.names(), expected.values(), ExpressionKind.CONDITION));

        var sent = commands.update(ORDERS, ADDRESS, request).getUpdate();
        assertThat(sent.getUpdateExpression()).isEqualTo(update.expression());
        assertCondition(sent.getExpressions(), update.condition());
    }

    @Test
    void anUpdateWithoutAttributeUpdatesIsSentAsTheClientWroteIt() {
        var request = new UpdateItemRequest("orders", KEY, "SET #t = :max", CONDITION, ReturnValues.NONE, false, List.of());

        assertThat(ItemCommands.updateOf(ORDERS, request)).isEqualTo(new ItemCommands.Update("SET #t = :max", CONDITION));
    }

    @Test
    void attributeUpdatesOfAKeyAttributeAreRefused() {
        var request = new UpdateItemRequest("orders", KEY, "", WriteCondition.NONE, ReturnValues.NONE, false,
                List.of(new AttributeUpdate("sk", Optional.of(AttributeValue.N.of("1")), AttributeUpdate.Action.PUT)));

        assertThatThrownBy(() -> commands.update(ORDERS, ADDRESS, request)).isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key");
    }

    @Test
    void aTransactionsPutDeleteAndUpdateAreWhatTheSingleWritesSendWithoutReturnValues() {
        var put = ItemCommands.action(ORDERS, ADDRESS, new TransactWriteRequest.Put("orders", ITEM, CONDITION, true));
        var delete = ItemCommands.action(ORDERS, ADDRESS, new TransactWriteRequest.Delete("orders", KEY, CONDITION, false));
        var update = ItemCommands.action(ORDERS, ADDRESS,
                new TransactWriteRequest.Update("orders", KEY, "SET #t = :max", CONDITION, true));

        assertThat(put.getPut()).isEqualTo(commands.put(ORDERS, ADDRESS,
                new PutItemRequest("orders", ITEM, ReturnValues.NONE, CONDITION, true)).getPut());
        assertThat(delete.getDelete()).isEqualTo(commands.delete(ORDERS, ADDRESS,
                new DeleteItemRequest("orders", KEY, ReturnValues.NONE, CONDITION, false)).getDelete());
        assertThat(update.getUpdate()).isEqualTo(commands.update(ORDERS, ADDRESS,
                new UpdateItemRequest("orders", KEY, "SET #t = :max", CONDITION, ReturnValues.NONE, true, List.of())).getUpdate());
    }

    @Test
    void aConditionCheckCarriesItsKeyAndConditionOnly() {
        var check = ItemCommands.action(ORDERS, ADDRESS, new TransactWriteRequest.ConditionCheck("orders", KEY, CONDITION, true))
                .getCheck();

        assertThat(check.getKey()).isEqualTo(ADDRESS.storageKey());
        assertThat(check.getReturnOldOnConditionFailure()).isTrue();
        assertCondition(check.getExpressions(), CONDITION);
    }

    @Test
    void anAddressIsOnlySentWithItsOwnTablesDescriptor() {
        ItemAddress elsewhere = ItemAddress.ofKey(USERS, Map.of("id", new AttributeValue.S("u")));

        assertThatThrownBy(() -> commands.put(ORDERS, elsewhere, new PutItemRequest("orders", ITEM, ReturnValues.NONE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertCondition(WriteExpressions expressions, WriteCondition condition) {
        assertThat(expressions.getConditionExpression()).isEqualTo(condition.expression());
        assertThat(expressions.getNamesMap()).isEqualTo(condition.names());
        assertThat(ItemCodec.decodeKey(expressions.getValues().toByteArray())).isEqualTo(condition.values());
    }
}
