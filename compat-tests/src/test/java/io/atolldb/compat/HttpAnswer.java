package io.atolldb.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * An HTTP answer reduced to what must be equal on both servers: the status, the DynamoDB error type, and
 * the headers that matter to a client, as facts rather than values where the values name the server
 * (a request id's value, the Server product, the date). {@code fields} is compared; {@code bodyLength},
 * the decoded body's length, is kept for the known differences and the report.
 */
record HttpAnswer(Map<String, String> fields, int bodyLength) {
    static final String NONE = "-";
    private static final ObjectMapper JSON = new ObjectMapper();

    static HttpAnswer of(HttpResponse<byte[]> response) {
        var headers = response.headers();
        Map<String, String> fields = new TreeMap<>();
        String encoding = headers.firstValue("content-encoding").orElse(NONE);
        byte[] body = decoded(encoding, response.body());
        JsonNode json = parse(body);
        fields.put("status", Integer.toString(response.statusCode()));
        fields.put("type", json != null && json.has("__type")
                ? json.get("__type").asText().substring(json.get("__type").asText().indexOf('#') + 1) : NONE);
        fields.put("content-type", headers.firstValue("content-type").orElse(NONE));
        fields.put("content-encoding", encoding);
        fields.put("x-amz-crc32", headers.firstValue("x-amz-crc32")
                .map(crc -> crc.equals(crc32(response.body())) ? "matches the body as sent" : "WRONG " + crc).orElse(NONE));
        fields.put("x-amzn-RequestId", headers.firstValue("x-amzn-RequestId").isPresent() ? "present" : NONE);
        fields.put("server", headers.firstValue("server").isPresent() ? "present" : NONE);
        fields.put("date", headers.firstValue("date").map(HttpAnswer::dateFact).orElse(NONE));
        for (String cors : new String[] {"access-control-allow-origin", "access-control-expose-headers",
                "access-control-allow-methods", "access-control-allow-headers", "access-control-max-age"}) {
            fields.put(cors, headers.firstValue(cors).orElse(NONE));
        }
        if (json != null && json.has("Endpoints")) {
            String address = json.path("Endpoints").path(0).path("Address").asText();
            URI used = response.request().uri();
            fields.put("endpoint", address.equals(used.getHost() + ":" + used.getPort()) ? "the address the client used" : address);
        }
        if (json != null && json.has("Tags")) {
            Map<String, String> tags = new TreeMap<>();
            json.get("Tags").forEach(tag -> tags.put(tag.path("Key").asText(), tag.path("Value").asText()));
            fields.put("tags", tags.toString());
        }
        return new HttpAnswer(fields, body.length);
    }

    /** A copy with {@code name} set to {@code value}. */
    HttpAnswer with(String name, String value) {
        Map<String, String> changed = new TreeMap<>(fields);
        changed.put(name, value);
        return new HttpAnswer(changed, bodyLength);
    }

    String get(String name) {
        return fields.getOrDefault(name, NONE);
    }

    boolean sameAs(HttpAnswer other) {
        return fields.equals(other.fields);
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    private static String dateFact(String date) {
        try {
            ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME);
            return "RFC 1123";
        } catch (DateTimeParseException e) {
            return "unparsable " + date;
        }
    }

    private static byte[] decoded(String encoding, byte[] body) {
        try (InputStream in = switch (encoding) {
            case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
            default -> new ByteArrayInputStream(body);
        }) {
            return in.readAllBytes();
        } catch (IOException e) {
            return ("undecodable " + encoding + " body").getBytes();
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return Long.toString(crc.getValue());
    }
}
