package io.atolldb.compat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each accepted difference accepts its own case and nothing next to it. */
class KnownDifferencesTest {
    private static final GetItemRequest GET = GetItemRequest.builder().tableName("t").build();

    @Test
    void numbersMayDifferOnlyInHowTheyAreWritten() {
        assertThat(KnownDifferences.explaining(GET, Outcome.ok("item={\"n\":N100,\"ns\":NS[0,1.5]}"),
                Outcome.ok("item={\"n\":N1E2,\"ns\":NS[-0,1.50]}"))).contains(List.of("numbers as written"));
        assertThat(KnownDifferences.explaining(GET, Outcome.ok("item={\"n\":N100}"), Outcome.ok("item={\"n\":N1E3}"))).isEmpty();
        assertThat(KnownDifferences.explaining(GET, Outcome.ok("item={\"n\":N0}"), Outcome.ok("item={\"n\":S\"0\"}"))).isEmpty();
    }

    @Test
    void unorderedAnswersListItemsByValueSoNumberSpellingDoesNotReorderThem() {
        var atoll = new java.util.TreeSet<String>(Canonical.BY_VALUE);
        atoll.addAll(List.of("{\"m\":N7}", "{\"m\":N2}"));
        var local = new java.util.TreeSet<String>(Canonical.BY_VALUE);
        local.addAll(List.of("{\"m\":N007}", "{\"m\":N2}"));
        var scan = ScanRequest.builder().tableName("t").build();
        assertThat(KnownDifferences.explaining(scan, Outcome.ok("items=" + atoll), Outcome.ok("items=" + local)))
                .contains(List.of("numbers as written"));
    }

    @Test
    void aQueryMayEndWithAnEmptyPageOnlyWhenItHasALimit() {
        String atoll = "pages=[{items=[{\"pk\":S\"a\"}] count=1 scanned=1 last={\"pk\":S\"a\"}}, {items=[] count=0 scanned=0 last=-}]";
        String local = "pages=[{items=[{\"pk\":S\"a\"}] count=1 scanned=1 last=-}]";
        var limited = QueryRequest.builder().tableName("t").limit(1).build();
        assertThat(KnownDifferences.explaining(limited, Outcome.ok(atoll), Outcome.ok(local))).contains(List.of("Query Limit at the last item"));
        assertThat(KnownDifferences.explaining(QueryRequest.builder().tableName("t").build(), Outcome.ok(atoll), Outcome.ok(local))).isEmpty();
        assertThat(KnownDifferences.explaining(ScanRequest.builder().tableName("t").limit(1).build(), Outcome.ok(atoll), Outcome.ok(local))).isEmpty();
        // The other way round (DynamoDB Local with the extra page) is not accepted.
        assertThat(KnownDifferences.explaining(limited, Outcome.ok(local), Outcome.ok(atoll))).isEmpty();
    }

    @Test
    void updatedValuesOfNestedPathsAreTheWrittenPartOnly() {
        var update = UpdateItemRequest.builder().tableName("t").updateExpression("SET #m.x = :v, n = :v, l[2] = :v")
                .expressionAttributeNames(Map.of("#m", "m")).returnValues("UPDATED_NEW").build();
        var whole = Map.of("m", AttributeValue.fromM(Map.of("x", AttributeValue.fromN("1"), "y", AttributeValue.fromS("other"))),
                "n", AttributeValue.fromN("1"), "l", AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromS("b"),
                        AttributeValue.fromN("1"))));
        var written = Map.of("m", AttributeValue.fromM(Map.of("x", AttributeValue.fromN("1"))), "n", AttributeValue.fromN("1"),
                "l", AttributeValue.fromL(List.of(AttributeValue.fromN("1"))));
        assertThat(KnownDifferences.explaining(update, Outcome.written(written, true), Outcome.written(whole, true)))
                .contains(List.of("UPDATED_* of nested paths"));
        var writtenAsHundred = Map.of("m", AttributeValue.fromM(Map.of("x", AttributeValue.fromN("100"))));
        var wholeAsWritten = Map.of("m", AttributeValue.fromM(Map.of("x", AttributeValue.fromN("1E2"), "y", AttributeValue.fromS("o"))));
        assertThat(KnownDifferences.explaining(update.toBuilder().updateExpression("SET #m.x = :v").build(),
                Outcome.written(writtenAsHundred, true), Outcome.written(wholeAsWritten, true)))
                .contains(List.of("UPDATED_* of nested paths", "numbers as written"));
        var allNew = update.toBuilder().returnValues("ALL_NEW").build();
        assertThat(KnownDifferences.explaining(allNew, Outcome.written(written, true), Outcome.written(whole, true))).isEmpty();
        var topLevelOnly = update.toBuilder().updateExpression("SET m = :v").build();
        assertThat(KnownDifferences.explaining(topLevelOnly, Outcome.written(written, true), Outcome.written(whole, true))).isEmpty();
    }
}
