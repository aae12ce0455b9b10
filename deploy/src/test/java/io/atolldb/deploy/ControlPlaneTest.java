package io.atolldb.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** UpdateTable, tags and DescribeLimits through the AWS SDK (DynamoDB API Reference). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedCluster.Resolver.class)
class ControlPlaneTest {
    private DynamoDbClient client;
    private String arn;

    @BeforeAll
    void createTable(SharedCluster.Endpoint cluster) {
        client = Dynamo.client(cluster.url());
        Dynamo.createTable(client, "settings");
        arn = client.describeTable(b -> b.tableName("settings")).table().tableArn();
    }

    @AfterAll
    void closeClient() {
        client.close();
    }

    @Test
    void updateTableSwitchesBillingModeAndThroughput() {
        var updated = client.updateTable(b -> b.tableName("settings").billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(7L).writeCapacityUnits(3L).build()));

        assertThat(updated.tableDescription().provisionedThroughput().readCapacityUnits()).isEqualTo(7L);
        var described = client.describeTable(b -> b.tableName("settings")).table();
        assertThat(described.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(described.provisionedThroughput().writeCapacityUnits()).isEqualTo(3L);

        assertThatThrownBy(() -> client.updateTable(b -> b.tableName("settings")
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(7L).writeCapacityUnits(3L).build())))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("The provisioned throughput for the table will not change");

        client.updateTable(b -> b.tableName("settings").billingMode(BillingMode.PAY_PER_REQUEST));
        assertThat(client.describeTable(b -> b.tableName("settings")).table().billingModeSummary().billingMode())
                .isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void tagsAreAddedListedAndRemoved() {
        client.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("team").value("storage").build(),
                Tag.builder().key("env").value("dev").build()));
        client.untagResource(b -> b.resourceArn(arn).tagKeys("env"));

        var tags = client.listTagsOfResource(b -> b.resourceArn(arn)).tags();

        assertThat(tags).containsExactly(Tag.builder().key("team").value("storage").build());
    }

    @Test
    void aMalformedArnIsAValidationError() {
        assertThatThrownBy(() -> client.listTagsOfResource(b -> b.resourceArn("not-an-arn")))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Invalid TableArn");
    }

    @Test
    void describeLimitsAnswersTheDefaultQuotas() {
        var limits = client.describeLimits(b -> { });

        assertThat(limits.tableMaxWriteCapacityUnits()).isEqualTo(40_000L);
        assertThat(limits.accountMaxReadCapacityUnits()).isEqualTo(80_000L);
    }
}
