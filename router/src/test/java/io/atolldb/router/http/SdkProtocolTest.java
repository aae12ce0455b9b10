package io.atolldb.router.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** The real AWS SDK for Java v2 against DynamoHttpServer over a small in-memory service: the protocol end to end. */
class SdkProtocolTest {
    private SimpleMeterRegistry registry;
    private DynamoHttpServer server;
    private DynamoDbClient client;

    @BeforeEach
    void startServerAndClient() {
        registry = new SimpleMeterRegistry();
        server = DynamoHttpServer.start("127.0.0.1", 0, new InMemoryDynamoService(), registry);
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .httpClient(ApacheHttpClient.builder().build())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void tablesAreCreatedDescribedListedPageByPageAndDeleted() {
        TableDescription created = client.createTable(musicTable("Music")).tableDescription();
        for (String name : List.of("Alpha", "Beta", "Gamma", "Delta")) {
            client.createTable(musicTable(name));
        }

        TableDescription described = client.describeTable(b -> b.tableName("Music")).table();
        List<String> listed = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String start = null;
        do {
            String exclusiveStart = start;
            ListTablesResponse page = client.listTables(b -> b.limit(2).exclusiveStartTableName(exclusiveStart));
            listed.addAll(page.tableNames());
            pageSizes.add(page.tableNames().size());
            start = page.lastEvaluatedTableName();
        } while (start != null);
        TableDescription deleted = client.deleteTable(b -> b.tableName("Music")).tableDescription();

        assertThat(created.tableName()).isEqualTo("Music");
        assertThat(created.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(created.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/Music");
        assertThat(described.tableId()).isEqualTo(created.tableId());
        assertThat(described.keySchema()).containsExactly(
                KeySchemaElement.builder().attributeName("artist").keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName("song").keyType(KeyType.RANGE).build());
        assertThat(described.attributeDefinitions()).containsExactlyInAnyOrder(
                AttributeDefinition.builder().attributeName("artist").attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName("song").attributeType(ScalarAttributeType.S).build());
        assertThat(described.creationDateTime()).isEqualTo(created.creationDateTime()).isNotNull();
        assertThat(described.provisionedThroughput().readCapacityUnits()).isEqualTo(5);
        assertThat(described.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(listed).containsExactly("Alpha", "Beta", "Delta", "Gamma", "Music");
        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(deleted.tableStatus()).isEqualTo(TableStatus.DELETING);
        assertThat(client.listTables().tableNames()).containsExactly("Alpha", "Beta", "Delta", "Gamma");
    }

    @Test
    void itemsWithAllTenAttributeTypesRoundTripExactly() {
        client.createTable(musicTable("Music"));
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("artist", AttributeValue.fromS("Bach"));
        item.put("song", AttributeValue.fromS("Goldberg Variations ✓"));
        item.put("year", AttributeValue.fromN("1741"));
        item.put("price", AttributeValue.fromN("-12345678901234567890.123456789"));
        item.put("cover", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff})));
        item.put("empty", AttributeValue.fromS(""));
        item.put("famous", AttributeValue.fromBool(true));
        item.put("lyrics", AttributeValue.fromNul(true));
        item.put("details", AttributeValue.fromM(Map.of(
                "key", AttributeValue.fromS("G major"),
                "movements", AttributeValue.fromL(List.of(AttributeValue.fromN("30"), AttributeValue.fromS("aria"))))));
        item.put("tags", AttributeValue.fromSs(List.of("baroque", "keyboard")));
        item.put("ratings", AttributeValue.fromNs(List.of("5", "4.5", "0.001")));
        item.put("samples", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("a"), SdkBytes.fromUtf8String("b"))));

        client.putItem(b -> b.tableName("Music").item(item));
        Map<String, AttributeValue> read = client.getItem(b -> b.tableName("Music").consistentRead(true)
                .key(Map.of("artist", AttributeValue.fromS("Bach"), "song", item.get("song")))).item();

        assertThat(read).isEqualTo(item);
    }

    @Test
    void writesWithAllOldReturnTheItemTheyReplacedOrDeleted() {
        client.createTable(musicTable("Music"));
        Map<String, AttributeValue> key = Map.of("artist", AttributeValue.fromS("Bach"), "song", AttributeValue.fromS("Aria"));
        Map<String, AttributeValue> first = new LinkedHashMap<>(key);
        first.put("plays", AttributeValue.fromN("1"));
        Map<String, AttributeValue> second = new LinkedHashMap<>(key);
        second.put("plays", AttributeValue.fromN("2"));

        var firstPut = client.putItem(b -> b.tableName("Music").item(first).returnValues(ReturnValue.ALL_OLD));
        var secondPut = client.putItem(b -> b.tableName("Music").item(second).returnValues(ReturnValue.ALL_OLD));
        var deleted = client.deleteItem(b -> b.tableName("Music").key(key).returnValues(ReturnValue.ALL_OLD));
        var afterDelete = client.getItem(b -> b.tableName("Music").key(key));

        assertThat(firstPut.hasAttributes()).isFalse();
        assertThat(secondPut.attributes()).isEqualTo(first);
        assertThat(deleted.attributes()).isEqualTo(second);
        assertThat(afterDelete.hasItem()).isFalse();
    }

    @Test
    void aMissingTableArrivesAsTheSdksResourceNotFoundException() {
        assertThatThrownBy(() -> client.describeTable(b -> b.tableName("Nowhere")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Requested resource not found: Table: Nowhere not found");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    void creatingATableTwiceArrivesAsTheSdksResourceInUseException() {
        client.createTable(musicTable("Music"));

        assertThatThrownBy(() -> client.createTable(musicTable("Music")))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Table already exists: Music");
    }

    @Test
    void validationErrorsArriveAsDynamoDbExceptionsWithTheValidationCode() {
        assertThatThrownBy(() -> client.describeTable(b -> b.tableName("x")))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value 'x' at "
                            + "'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3");
                });
    }

    @Test
    void requestsAreTimedPerOperationAndOutcome() {
        client.createTable(musicTable("Music"));
        client.getItem(b -> b.tableName("Music")
                .key(Map.of("artist", AttributeValue.fromS("Bach"), "song", AttributeValue.fromS("Aria"))));
        assertThatThrownBy(() -> client.describeTable(b -> b.tableName("Nowhere")))
                .isInstanceOf(ResourceNotFoundException.class);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(count("CreateTable", "ok")).isEqualTo(1);
            assertThat(count("GetItem", "ok")).isEqualTo(1);
            assertThat(count("DescribeTable", "ResourceNotFoundException")).isEqualTo(1);
        });
    }

    private long count(String operation, String outcome) {
        Timer timer = registry.find(RequestMetrics.TIMER).tags("operation", operation, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private static CreateTableRequest musicTable(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .keySchema(
                        KeySchemaElement.builder().attributeName("artist").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("song").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("artist").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("song").attributeType(ScalarAttributeType.S).build())
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build())
                .build();
    }
}
