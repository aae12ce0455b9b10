package io.atolldb.router.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Bytes to JSON trees and back, with the one Jackson configuration of the DynamoDB wire format.
 *
 * <p>Jackson's default limit on member names (50,000 characters) is lifted: an attribute name may be up to
 * 64 KB (65,535 bytes), and names are checked against that limit, with DynamoDB's ValidationException, where
 * they are read. The HTTP layer's limit on the request body (16 MB) bounds every name and string here.
 */
final class WireJson {
    /** Longer than any body the HTTP layer lets through, so the API's own checks decide. */
    private static final int MAX_NAME_CHARS = 32 * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNameLength(MAX_NAME_CHARS).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private WireJson() {}

    /** Parses a request body; anything but one well-formed JSON value is a SerializationException. */
    static JsonNode parse(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw DynamoException.serialization("The request body is empty; expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw DynamoException.serialization("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            // Reading bytes in memory fails only on their encoding: Jackson takes a body starting with NUL bytes
            // for UTF-32 or UTF-16 and then meets characters those cannot hold (CharConversionException).
            throw DynamoException.serialization("The request body is not valid UTF-8 JSON: " + e.getMessage());
        }
    }

    static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
