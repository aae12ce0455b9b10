package io.atolldb.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Tags given to CreateTable (API reference, CreateTable: Tags) are the table's tags, checked by DynamoDB's
 * tagging restrictions; a CreateTable with tags that break them creates no table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedCluster.Resolver.class)
class CreateTableTagsTest {
    private DynamoDbClient client;

    @BeforeAll
    void connect(SharedCluster.Endpoint cluster) {
        client = Dynamo.client(cluster.url());
    }

    @AfterAll
    void closeClient() {
        client.close();
    }

    @Test
    void tagsGivenAtCreationAreListedAndChangeLikeAnyOthers() {
        var tags = List.of(tag("team", "storage"), tag("cost center", ""), tag("Größe", "a+b=c_d.e:f/g-h"));
        client.createTable(table("tagged-at-birth").tags(tags).build());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                client.describeTable(b -> b.tableName("tagged-at-birth")).table().tableStatus() == TableStatus.ACTIVE);
        String arn = client.describeTable(b -> b.tableName("tagged-at-birth")).table().tableArn();

        assertThat(client.listTagsOfResource(b -> b.resourceArn(arn)).tags()).containsExactlyInAnyOrderElementsOf(tags);

        client.tagResource(b -> b.resourceArn(arn).tags(tag("team", "api")));
        client.untagResource(b -> b.resourceArn(arn).tagKeys("cost center"));
        assertThat(client.listTagsOfResource(b -> b.resourceArn(arn)).tags())
                .containsExactlyInAnyOrder(tag("team", "api"), tag("Größe", "a+b=c_d.e:f/g-h"));
    }

    @Test
    void tagsThatBreakTheRulesCreateNoTable() {
        List<List<Tag>> broken = List.of(
                List.of(tag("ok", "#!%")),
                List.of(tag("aws:reserved", "v")),
                List.of(tag("k".repeat(129), "v")),
                IntStream.range(0, 51).mapToObj(i -> tag("k" + i, "v")).toList());

        for (List<Tag> tags : broken) {
            assertThatThrownBy(() -> client.createTable(table("never-created").tags(tags).build()))
                    .isInstanceOf(DynamoDbException.class)
                    .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        }
        assertThatThrownBy(() -> client.describeTable(b -> b.tableName("never-created")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void tagResourceBeyondFiftyTagsIsAValidationException() {
        client.createTable(table("fifty-tags").tags(IntStream.range(0, 40).mapToObj(i -> tag("k" + i, "v")).toList()).build());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                client.describeTable(b -> b.tableName("fifty-tags")).table().tableStatus() == TableStatus.ACTIVE);
        String arn = client.describeTable(b -> b.tableName("fifty-tags")).table().tableArn();

        client.tagResource(b -> b.resourceArn(arn).tags(IntStream.range(30, 50).mapToObj(i -> tag("k" + i, "v")).toList()));
        assertThat(client.listTagsOfResource(b -> b.resourceArn(arn)).tags()).hasSize(50);

        assertThatThrownBy(() -> client.tagResource(b -> b.resourceArn(arn).tags(tag("one-more", "v"))))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThat(client.listTagsOfResource(b -> b.resourceArn(arn)).tags()).hasSize(50);
    }

    private static CreateTableRequest.Builder table(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build());
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
