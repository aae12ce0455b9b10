package io.atolldb.router.cluster;

import static io.atolldb.router.cluster.Fixtures.ORDERS;
import static io.atolldb.router.cluster.Fixtures.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atolldb.model.AttributeValue;
import io.atolldb.model.Item;
import io.atolldb.model.KeyCodec;
import io.atolldb.model.PrimaryKey;
import io.atolldb.model.Tokens;
import io.atolldb.model.ValidationError;

/**
 * Item addressing: DynamoDB's checks on a Key parameter and on an item to put (API reference,
 * PutItem/GetItem "Key" and "Item"; Developer Guide, "Primary key"), and the token and storage key an
 * item gets, which every item path of the router shares.
 */
class ItemAddressTest {
    private static final AttributeValue PK = new AttributeValue.S("customer-1");
    private static final AttributeValue SK = AttributeValue.N.of("42");

    @Test
    void anItemAndItsKeyHaveOneAddress() {
        Item item = new Item(Map.of("pk", PK, "sk", SK, "status", new AttributeValue.S("open"), "total", AttributeValue.N.of("3")));

        assertThat(ItemAddress.ofItem(ORDERS, item)).isEqualTo(ItemAddress.ofKey(ORDERS, Map.of("pk", PK, "sk", SK)));
    }

    @Test
    void theStorageKeyNamesTheTableTheTokenOfThePartitionKeyAndThePrimaryKey() {
        ItemAddress address = ItemAddress.ofKey(ORDERS, Map.of("pk", PK, "sk", SK));

        byte[] storageKey = address.storageKeyBytes();
        assertThat(address.tableId()).isEqualTo(7);
        assertThat(address.key()).isEqualTo(new PrimaryKey(PK, SK));
        assertThat(address.token()).isEqualTo(Tokens.of(7, PK));
        assertThat(KeyCodec.tableIdOf(storageKey)).isEqualTo(7);
        assertThat(KeyCodec.tokenOf(storageKey)).isEqualTo(address.token());
        assertThat(KeyCodec.primaryKeyOf(storageKey)).isEqualTo(address.key());
    }

    @Test
    void itemsOfOnePartitionKeyShareATokenAndDifferInTheirStorageKey() {
        ItemAddress first = ItemAddress.ofKey(ORDERS, Map.of("pk", PK, "sk", AttributeValue.N.of("1")));
        ItemAddress second = ItemAddress.ofKey(ORDERS, Map.of("pk", PK, "sk", AttributeValue.N.of("2")));

        assertThat(first.token()).isEqualTo(second.token());
        assertThat(first.storageKey()).isNotEqualTo(second.storageKey());
    }

    @Test
    void numericallyEqualKeysAddressOneItem() {
        // Numbers compare numerically (Developer Guide, "Number"): 42, 42.0 and 4.2E1 are one key.
        ItemAddress plain = ItemAddress.ofKey(ORDERS, Map.of("pk", PK, "sk", AttributeValue.N.of("42")));

        assertThat(ItemAddress.ofKey(ORDERS, Map.of("pk", PK, "sk", AttributeValue.N.of("42.0")))).isEqualTo(plain);
        assertThat(ItemAddress.ofKey(ORDERS, Map.of("pk", PK, "sk", AttributeValue.N.of("4.2E1")))).isEqualTo(plain);
    }

    @Test
    void theSameKeyInTwoTablesHasTwoAddresses() {
        ItemAddress inSeven = ItemAddress.of(7, PrimaryKey.of(PK));
        ItemAddress inEight = ItemAddress.of(8, PrimaryKey.of(PK));

        assertThat(inSeven.token()).isNotEqualTo(inEight.token());
        assertThat(inSeven.storageKey()).isNotEqualTo(inEight.storageKey());
    }

    @Test
    void aKeyWithAnAttributeBesidesTheKeyAttributesIsRefused() {
        assertThatThrownBy(() -> ItemAddress.ofKey(ORDERS, Map.of("pk", PK, "sk", SK, "status", new AttributeValue.S("open"))))
                .isInstanceOf(ValidationError.class).hasMessage("The provided key element does not match the schema");
    }

    @Test
    void aKeyWithoutTheSortKeyOrOfTheWrongTypeIsRefused() {
        for (Map<String, AttributeValue> key : List.of(Map.of("pk", PK),
                Map.of("pk", PK, "sk", new AttributeValue.S("42")), Map.<String, AttributeValue>of("id", PK))) {
            assertThatThrownBy(() -> ItemAddress.ofKey(ORDERS, key))
                    .isInstanceOf(ValidationError.class).hasMessage("The provided key element does not match the schema");
        }
    }

    @Test
    void anItemWithoutItsSortKeyIsRefusedNamingTheMissingKey() {
        assertThatThrownBy(() -> ItemAddress.ofItem(ORDERS, new Item(Map.of("pk", PK))))
                .isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values were invalid: Missing the key sk in the item");
    }

    @Test
    void anIndexKeyAttributeOfTheWrongTypeIsRefusedNamingTheIndex() {
        Item item = new Item(Map.of("pk", PK, "sk", SK, "status", AttributeValue.N.of("1")));

        assertThatThrownBy(() -> ItemAddress.ofItem(ORDERS, item)).isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values were invalid: Type mismatch for Index Key status Expected: S "
                        + "Actual: N IndexName: byStatus");
    }

    @Test
    void anItemsTableKeyIsCheckedBeforeItsIndexKeyAttributes() {
        // DynamoDB Local 3.3.1 answers the missing table key first for PutItem, BatchWriteItem and TransactWriteItems alike.
        Item item = new Item(Map.of("pk", PK, "status", AttributeValue.N.of("1")));

        assertThatThrownBy(() -> ItemAddress.ofItem(ORDERS, item)).isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values were invalid: Missing the key sk in the item");
    }

    @Test
    void anInvalidItemIsRefusedBeforeItsKeyIsLookedAt() {
        Item item = new Item(Map.of("tags", new AttributeValue.SS(List.of())));

        assertThatThrownBy(() -> ItemAddress.ofItem(ORDERS, item)).isInstanceOf(ValidationError.class)
                .hasMessage("One or more parameter values were invalid: An string set  may not be empty");
    }

    @Test
    void aClientTokenIsKeptAtAKeyOfItsTableThatDependsOnlyOnTheToken() {
        ItemAddress token = ItemAddress.ofClientToken(7, "request-1");

        assertThat(KeyCodec.tableIdOf(token.storageKeyBytes())).isEqualTo(7);
        assertThat(token.token()).isEqualTo(Tokens.of(7, new AttributeValue.S("request-1")));
        assertThat(ItemAddress.ofClientToken(7, "request-1")).isEqualTo(token);
        assertThat(ItemAddress.ofClientToken(7, "request-2").storageKey()).isNotEqualTo(token.storageKey());
        assertThat(ItemAddress.ofClientToken(8, "request-1").storageKey()).isNotEqualTo(token.storageKey());
    }

    @Test
    void storageKeyBytesAreACopy() {
        ItemAddress address = ItemAddress.ofKey(USERS, Map.of("id", PK));
        byte[] bytes = address.storageKeyBytes();
        bytes[0] ^= 1;

        assertThat(address.storageKeyBytes()).isNotEqualTo(bytes);
    }
}
