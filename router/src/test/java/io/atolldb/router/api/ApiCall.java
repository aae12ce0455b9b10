package io.atolldb.router.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test helper: calls a {@link DynamoApi} with JSON written in single quotes and reads the answer back. */
record ApiCall(int status, JsonNode body, ApiResponse response) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Calls {@code operation} with {@code body}, whose single quotes stand for double quotes. */
    static ApiCall call(DynamoApi api, String operation, String body) {
        return callTarget(api, DynamoApi.TARGET_PREFIX + operation, body);
    }

    static ApiCall callTarget(DynamoApi api, String target, String body) {
        byte[] bytes = body.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        ApiResponse response = api.handle(target, bytes, "test-request");
        try {
            return new ApiCall(response.httpStatus(), MAPPER.readTree(response.body()), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String errorType() {
        return body.path("__type").asText();
    }

    String message() {
        return body.path("message").asText();
    }
}
