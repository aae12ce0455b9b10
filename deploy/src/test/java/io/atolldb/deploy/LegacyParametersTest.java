package io.atolldb.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pre-expression parameters older clients still send (API Reference, "Legacy conditional parameters"):
 * Expected, AttributeUpdates, AttributesToGet, ScanFilter, and the rule that they do not mix with expressions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedCluster.Resolver.class)
class LegacyParametersTest {
    private DynamoDbClient client;

    @BeforeAll
    void createTable(SharedCluster.Endpoint cluster) {
        client = Dynamo.client(cluster.url());
        Dynamo.createTable(client, "legacy");
    }

    @AfterAll
    void closeClient() {
        client.close();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    @Test
    void expectedGuardsAPutLikeAConditionExpression() {
        client.putItem(b -> b.tableName("legacy").item(Map.of("id", AttributeValue.fromS("e"), "v", AttributeValue.fromN("1")))
                .expected(Map.of("id", ExpectedAttributeValue.builder().exists(false).build())));

        assertThatThrownBy(() -> client.putItem(b -> b.tableName("legacy").item(Map.of("id", AttributeValue.fromS("e")))
                .expected(Map.of("v", ExpectedAttributeValue.builder().value(AttributeValue.fromN("2")).build()))))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void attributeUpdatesPutAndAddWithAnExpectedCondition() {
        client.putItem(b -> b.tableName("legacy").item(Map.of("id", AttributeValue.fromS("u"), "n", AttributeValue.fromN("5"))));

        client.updateItem(b -> b.tableName("legacy").key(key("u"))
                .attributeUpdates(Map.of(
                        "n", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(AttributeValue.fromN("2")).build(),
                        "label", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(AttributeValue.fromS("x")).build()))
                .expected(Map.of("n", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.GE)
                        .attributeValueList(AttributeValue.fromN("5")).build())));

        var item = client.getItem(b -> b.tableName("legacy").key(key("u")).consistentRead(true).attributesToGet("n", "label")).item();
        assertThat(item).isEqualTo(Map.of("n", AttributeValue.fromN("7"), "label", AttributeValue.fromS("x")));
    }

    @Test
    void scanFilterKeepsMatchingItems() {
        client.putItem(b -> b.tableName("legacy").item(Map.of("id", AttributeValue.fromS("f1"), "kind", AttributeValue.fromS("keep"))));
        client.putItem(b -> b.tableName("legacy").item(Map.of("id", AttributeValue.fromS("f2"), "kind", AttributeValue.fromS("drop"))));

        var page = client.scan(b -> b.tableName("legacy").consistentRead(true).scanFilter(Map.of("kind",
                Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(AttributeValue.fromS("keep")).build())));

        assertThat(page.items()).extracting(item -> item.get("id").s()).containsExactly("f1");
    }

    @Test
    void keyConditionsAndQueryFilterSelectLikeExpressions() {
        client.putItem(b -> b.tableName("legacy").item(Map.of("id", AttributeValue.fromS("q"), "kind", AttributeValue.fromS("keep"))));

        var kept = client.query(b -> b.tableName("legacy").consistentRead(true)
                .keyConditions(Map.of("id", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                        .attributeValueList(AttributeValue.fromS("q")).build()))
                .queryFilter(Map.of("kind", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                        .attributeValueList(AttributeValue.fromS("keep")).build())));
        var dropped = client.query(b -> b.tableName("legacy").consistentRead(true)
                .keyConditions(Map.of("id", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                        .attributeValueList(AttributeValue.fromS("q")).build()))
                .queryFilter(Map.of("kind", Condition.builder().comparisonOperator(ComparisonOperator.NE)
                        .attributeValueList(AttributeValue.fromS("keep")).build())));

        assertThat(kept.count()).isEqualTo(1);
        assertThat(dropped.count()).isZero();
        assertThat(dropped.scannedCount()).isEqualTo(1);
    }

    @Test
    void legacyAndExpressionParametersDoNotMix() {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("legacy").item(key("m"))
                .conditionExpression("attribute_not_exists(id)")
                .expected(Map.of("id", ExpectedAttributeValue.builder().exists(false).build()))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Can not use both expression and non-expression parameters in the same request");
    }
}
