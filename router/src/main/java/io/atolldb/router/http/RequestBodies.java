package io.atolldb.router.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Undoes a request's Content-Encoding, as DynamoDB does: {@code gzip} (one or more concatenated members)
 * and {@code deflate} (the zlib format, RFC 9110 section 8.4.1.2), applied in the order listed, and
 * {@code identity}. The decoded body may be at most {@code maxBytes} long, like any request body.
 *
 * <p>DynamoDB answers an encoding it does not know, and a body that is not what its encoding says (corrupt,
 * cut short, empty), with HTTP 500 InternalServerError: {@link Undecodable}. The JDK's streams are used
 * rather than Netty's HttpContentDecompressor because Netty's gzip decoder, which reads concatenated
 * members, cannot tell a complete stream from one cut off inside its trailer, and then serves the request.
 */
final class RequestBodies {
    private RequestBodies() {}

    /** The body could not be decoded: an unknown encoding, or bytes that are not in the encoding named. */
    static final class Undecodable extends Exception {
        Undecodable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The decoded body is longer than the limit. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** The body {@code raw} decoded from {@code contentEncoding} (null or blank: not encoded). */
    static byte[] decode(String contentEncoding, byte[] raw, int maxBytes) throws Undecodable, TooLarge {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return raw;
        }
        String[] codings = contentEncoding.split(",");
        byte[] body = raw;
        // Codings are listed in the order they were applied: undo the last one first.
        for (int i = codings.length - 1; i >= 0; i--) {
            body = undo(codings[i].trim().toLowerCase(Locale.ROOT), body, maxBytes);
        }
        return body;
    }

    private static byte[] undo(String coding, byte[] body, int maxBytes) throws Undecodable, TooLarge {
        try {
            return switch (coding) {
                case "identity" -> body;
                case "gzip", "x-gzip" -> readAtMost(new GZIPInputStream(new ByteArrayInputStream(body)), maxBytes);
                case "deflate" -> readAtMost(new InflaterInputStream(new ByteArrayInputStream(body)), maxBytes);
                default -> throw new Undecodable("Unsupported Content-Encoding: " + coding, null);
            };
        } catch (IOException e) {
            throw new Undecodable("The request body is not valid " + coding + " data", e);
        }
    }

    private static byte[] readAtMost(InputStream in, int maxBytes) throws IOException, TooLarge {
        try (in) {
            byte[] decoded = in.readNBytes(maxBytes);
            if (in.read() != -1) {
                throw new TooLarge();
            }
            return decoded;
        }
    }
}
