package io.atolldb.compat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each accepted difference on raw requests accepts its own case and nothing next to it. */
class RawKnownDifferencesTest {
    private static final RawKnownDifferences.Answer OK = new RawKnownDifferences.Answer(200, null, null);
    private static final RawKnownDifferences.Answer LOCAL_500 = new RawKnownDifferences.Answer(500, "InternalFailure", "unknown error");
    private static final RawKnownDifferences.Answer VALIDATION = new RawKnownDifferences.Answer(400, "ValidationException", "bad");
    private static final RawKnownDifferences.Answer SERIALIZATION =
            new RawKnownDifferences.Answer(400, "SerializationException", "bad type");
    private static final RawKnownDifferences.Answer ATOLL_500 = new RawKnownDifferences.Answer(500, "InternalServerError", "x");

    private static InvalidShapes.Request request(String operation, String body) {
        return new InvalidShapes.Request(operation, body);
    }

    @Test
    void aServerErrorOfDynamoDbLocalIsAcceptedOnlyAgainstAClientErrorOfAtollDb() {
        var request = request("ListTables", "[]");
        assertThat(RawKnownDifferences.explaining(request, SERIALIZATION, LOCAL_500)).contains("500 for invalid shapes");
        assertThat(RawKnownDifferences.explaining(request, VALIDATION, LOCAL_500)).contains("500 for invalid shapes");
        assertThat(RawKnownDifferences.explaining(request, ATOLL_500, LOCAL_500)).isEmpty();
        assertThat(RawKnownDifferences.explaining(request, OK, LOCAL_500)).isEmpty();
        assertThat(RawKnownDifferences.explaining(request, SERIALIZATION, VALIDATION)).isEmpty();
    }

    @Test
    void anEmptyAttributesToGetMayBeRefusedOnlyWhenTheRequestHasOne() {
        var empty = request("GetItem", "{\"TableName\":\"t\",\"Key\":{},\"AttributesToGet\":[]}");
        var nested = request("BatchGetItem", "{\"RequestItems\":{\"t\":{\"Keys\":[],\"AttributesToGet\":[]}}}");
        var full = request("GetItem", "{\"TableName\":\"t\",\"Key\":{},\"AttributesToGet\":[\"a\"]}");
        assertThat(RawKnownDifferences.explaining(empty, VALIDATION, OK)).contains("empty AttributesToGet");
        assertThat(RawKnownDifferences.explaining(nested, VALIDATION, OK)).contains("empty AttributesToGet");
        assertThat(RawKnownDifferences.explaining(full, VALIDATION, OK)).isEmpty();
        assertThat(RawKnownDifferences.explaining(empty, SERIALIZATION, OK)).isEmpty();
    }

    @Test
    void aSerializationExceptionForAMemberOfAnotherJsonTypeIsAcceptedOnlyForSuchAMember() {
        var number = request("PutItem", "{\"TableName\":\"t\",\"Item\":{\"x\":{\"N\":5}}}");
        var bool = request("GetItem", "{\"TableName\":\"t\",\"ConsistentRead\":1}");
        var table = request("GetItem", "{\"TableName\":5}");
        var valid = request("GetItem", "{\"TableName\":\"t\",\"ConsistentRead\":true,\"Limit\":5}");
        assertThat(RawKnownDifferences.explaining(number, SERIALIZATION, OK)).contains("JSON types");
        assertThat(RawKnownDifferences.explaining(bool, SERIALIZATION, OK)).contains("JSON types");
        assertThat(RawKnownDifferences.explaining(table, SERIALIZATION, VALIDATION)).contains("JSON types");
        assertThat(RawKnownDifferences.explaining(valid, SERIALIZATION, OK)).isEmpty();
        assertThat(RawKnownDifferences.explaining(number, VALIDATION, OK)).isEmpty();
    }
}
