package io.atolldb.bench.cli;

import io.atolldb.bench.report.ReportFiles;
import io.atolldb.bench.targets.DynamoDbLocalTarget;
import io.atolldb.bench.targets.DynamoOperations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 'endpoint' target against a service the harness did not start (here DynamoDB Local, started by
 * the test and left running across the run): the run uses a table of its own and deletes it, leaves the
 * service's other tables alone, and reports CPU and memory as not measurable.
 */
class EndpointBenchTest {

    @Test
    void aRunAgainstARunningServiceUsesATableOfItsOwnAndDeletesItAfterwards(@TempDir Path dir) throws Exception {
        try (var service = new DynamoDbLocalTarget(Path.of(System.getProperty("atoll.bench.dynamodb-local")), List.of())) {
            service.start(Files.createDirectories(dir.resolve("service")));
            var url = service.endpoint();
            try (var client = DynamoOperations.client(url, 1)) {
                // A table already there under the name runs on fresh servers use: it must be left alone.
                client.createTable(b -> b.tableName("bench")
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)).get(60, TimeUnit.SECONDS);

                var command = new BenchCommand();
                var printed = new ByteArrayOutputStream();
                command.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
                Path output = dir.resolve("out");
                int exit = new CommandLine(command).execute("--targets", "endpoint", "--endpoint", url.toString(),
                        "--workload", "W", "--duration", "2", "--warmup", "0", "--records", "200", "--clients", "4",
                        "--profile", "--output", output.toString());

                assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isZero();
                var report = ReportFiles.readJson(output.resolve(ReportFiles.JSON));
                var result = report.result("endpoint").orElseThrow();
                assertThat(result.operations()).isPositive();
                assertThat(result.errors()).as(result.errorSamples().toString()).isZero();
                assertThat(result.cpuSecondsPer1000()).isEqualTo(-1);
                assertThat(result.peakMemoryMb()).isEqualTo(-1);
                assertThat(result.clientCpuSecondsPer1000()).isPositive();
                assertThat(result.durability()).contains(url.toString(), "neither started nor stopped");
                assertThat(printed.toString(StandardCharsets.UTF_8)).contains("n/a");
                assertThat(output.resolve("endpoint-cpu.collapsed")).doesNotExist();

                // The service still answers after the run, with its own table only.
                var tables = client.listTables().get(60, TimeUnit.SECONDS).tableNames();
                assertThat(tables).containsExactly("bench");
                assertThat(client.scan(b -> b.tableName("bench")).get(60, TimeUnit.SECONDS).count()).isZero();
            }
        }
    }
}
