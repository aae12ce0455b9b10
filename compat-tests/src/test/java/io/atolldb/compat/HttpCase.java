package io.atolldb.compat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One raw HTTP request of the HTTP-layer differential test, sent as is (no SDK in between) to AtollDB and
 * to DynamoDB Local. The body may depend on the server (a table's ARN names the server).
 *
 * @param name        what the case checks, for the report
 * @param method      HTTP method
 * @param operation   the X-Amz-Target operation, or null for no X-Amz-Target header
 * @param headers     further request headers (Origin, Content-Encoding, Accept-Encoding, ...)
 * @param body        the body as sent, given the server's table ARN prefix ("arn:...:table/")
 * @param forLocal    the request DynamoDB Local gets instead, when it cannot read this one: the same body
 *                    decoded, named by the known difference that explains it
 * @param documented  for a request DynamoDB Local does not implement, the answer's fields as DynamoDB
 *                    documents them; used only by the known difference that names that gap
 */
record HttpCase(String name, String method, String operation, Map<String, String> headers,
                Function<String, byte[]> body, Optional<LocalVariant> forLocal, Map<String, String> documented) {

    /** The request DynamoDB Local gets instead of the case's, and the known difference saying why. */
    record LocalVariant(String rule, HttpCase request) {
    }

    static HttpCase post(String name, String operation, String json) {
        return new HttpCase(name, "POST", operation, Map.of(), arn -> utf8(json), Optional.empty(), Map.of());
    }

    static HttpCase post(String name, String operation, byte[] body) {
        return new HttpCase(name, "POST", operation, Map.of(), arn -> body, Optional.empty(), Map.of());
    }

    /** A POST whose JSON body names a table by ARN: {@code ARN} in {@code json} becomes the server's ARN prefix. */
    static HttpCase postWithArn(String name, String operation, String json) {
        return new HttpCase(name, "POST", operation, Map.of(), arn -> utf8(json.replace("ARN", arn)), Optional.empty(), Map.of());
    }

    static HttpCase options(String name) {
        return new HttpCase(name, "OPTIONS", null, Map.of(), arn -> new byte[0], Optional.empty(), Map.of());
    }

    HttpCase with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new HttpCase(name, method, operation, Map.copyOf(more), body, forLocal, documented);
    }

    /** DynamoDB Local gets {@code variant} instead, as the known difference {@code rule} says. */
    HttpCase localGets(String rule, HttpCase variant) {
        return new HttpCase(name, method, operation, headers, body, Optional.of(new LocalVariant(rule, variant)), documented);
    }

    /** The answer's fields as DynamoDB documents them, for a request DynamoDB Local does not implement. */
    HttpCase documented(Map<String, String> fields) {
        return new HttpCase(name, method, operation, headers, body, forLocal, Map.copyOf(fields));
    }

    String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    HttpRequest request(String endpoint, String arnPrefix) {
        var request = HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.apply(arnPrefix)))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=compat/20250101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00")
                .header("X-Amz-Date", "20250101T000000Z");
        if (operation != null) {
            request.header("X-Amz-Target", "DynamoDB_20120810." + operation);
        }
        headers.forEach(request::header);
        return request.build();
    }

    @Override
    public String toString() {
        return name + " (" + method + (operation == null ? "" : " " + operation) + (headers.isEmpty() ? "" : " " + headers) + ")";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
            deflate.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
