package io.atolldb.deploy;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing (Jazzer) of the whole front door: each input is one HTTP request (its
 * X-Amz-Target and body) sent to a real router in front of a real cluster ({@link FuzzFixture}). For every
 * input, whatever its bytes:
 * <ul>
 *   <li>the answer is never a 5xx: bad input is the client's error (DynamoDB answers it with a 400);</li>
 *   <li>it comes within {@link FuzzFixture#PER_REQUEST}: no input hangs the server;</li>
 *   <li>an error answer is a DynamoDB error body ({@code __type} and {@code message}) whose message shows no
 *       Java object's default toString;</li>
 *   <li>a refused request wrote nothing: the tables hold exactly the items they held before, and no table
 *       was created or dropped.</li>
 * </ul>
 *
 * <p>An input is the operation name, a newline, and the body, e.g. {@code PutItem\n{"TableName":...}}; an
 * input without a newline is sent without body, one with an empty operation without X-Amz-Target. The seeds
 * (src/test/resources/io/atolldb/deploy/ApiFuzzTestInputs/) hold a valid request of every operation and
 * the invalid shapes once answered with a 500.
 *
 * <p>Without JAZZER_FUZZ the test runs its seeds only, as a regression test of the default build. With
 * JAZZER_FUZZ=1 it fuzzes for 30 minutes (docs/compatibility.md gives the command); findings land in the
 * inputs directory and then run with the seeds.
 */
class ApiFuzzTest {
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems", "CreateTable", "DeleteTable", "UpdateTable");
    /**
     * Targets are cut to this length: a longer header goes past the HTTP layer's 8 KB limit on request headers,
     * and what the transport answers to a malformed HTTP request (a plain 400) is not an API answer.
     */
    private static final int MAX_TARGET_CHARS = 1000;
    /** What an HTTP header value may hold; a target with other bytes is sent as this placeholder. */
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x21-\\x7e]*");
    /** A Java object's default toString ("io.atolldb.router.api.JsonFields@7e6f8883"). */
    private static final Pattern JAVA_TO_STRING = Pattern.compile("[a-z]\\w*(\\.\\w+)+;?@[0-9a-f]{4,}");

    private static FuzzFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = FuzzFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @FuzzTest(maxDuration = "30m")
    @DictionaryFile(resourcePath = "dynamodb-api.dict")
    void noRequestGetsAServerErrorHangsOrWritesWhenRefused(byte[] input) {
        int newline = indexOf(input, (byte) '\n');
        String operation = new String(input, 0, newline < 0 ? input.length : newline, StandardCharsets.UTF_8).strip();
        operation = operation.substring(0, Math.min(operation.length(), MAX_TARGET_CHARS));
        byte[] body = newline < 0 ? new byte[0] : Arrays.copyOfRange(input, newline + 1, input.length);
        String target = operation.isEmpty() ? null
                : FuzzFixture.TARGET_PREFIX + (HEADER_VALUE.matcher(operation).matches() ? operation : "Unprintable");

        var itemsBefore = fixture.items();
        var tablesBefore = fixture.tableNames();
        FuzzFixture.Answer answer = fixture.send(target, body);
        String shown = FuzzFixture.shorten(operation + " " + new String(body, StandardCharsets.UTF_8));

        assertThat(answer.status()).as("HTTP status of %s", shown).isLessThan(500);
        if (answer.status() == 200) {
            if (WRITES.contains(operation)) {
                fixture.restore();
            }
            return;
        }
        JsonNode error = FuzzFixture.parse(answer.body());
        assertThat(error.path("__type").isTextual() && error.path("message").isTextual())
                .as("error body %s of %s", FuzzFixture.shorten(error.toString()), shown).isTrue();
        assertThat(JAVA_TO_STRING.matcher(error.path("message").asText()).find())
                .as("Java toString in the message %s of %s", FuzzFixture.shorten(error.toString()), shown).isFalse();
        fixture.refresh();
        assertThat(fixture.tableNames()).as("tables after refused %s (%s)", shown, FuzzFixture.shorten(error.toString())).isEqualTo(tablesBefore);
        assertThat(fixture.items()).as("items after refused %s (%s)", shown, FuzzFixture.shorten(error.toString())).isEqualTo(itemsBefore);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
