package io.atolldb.router.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SigV4's canonical request and string to sign, rebuilt from the request as received (AWS General Reference,
 * "Create a canonical request for Signature Version 4"):
 *
 * <pre>
 * METHOD
 * canonical URI        the path with dot segments removed, URI-encoded again (services other than S3 encode twice)
 * canonical query      every parameter but X-Amz-Signature, names and values URI-encoded, sorted by name then value
 * canonical headers    "name:value\n" for each signed header: lower-case name, values trimmed, inner runs of spaces
 *                      made one, repeated headers joined by commas
 * (empty line)
 * signed headers       as the client listed them
 * payload hash         hex SHA-256 of the body, or the x-amz-content-sha256 value (UNSIGNED-PAYLOAD included)
 * </pre>
 *
 * The string to sign is the algorithm, the signing time, the credential scope and the hex SHA-256 of that text,
 * one per line. URI-encoding leaves only A-Z a-z 0-9 - _ . ~ as they are and writes every other UTF-8 byte as %XX.
 */
final class CanonicalRequest {
    private static final HexFormat HEX = HexFormat.of();
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalRequest() {}

    static String of(SignedRequest request, SignatureClaim claim, String payloadHash) {
        StringBuilder text = new StringBuilder(1024);
        text.append(request.method()).append('\n')
                .append(uri(request.rawPath())).append('\n')
                .append(query(request.query(), claim.presigned())).append('\n');
        for (String name : claim.signedHeaders()) {
            text.append(name).append(':');
            List<String> values = request.headers().getOrDefault(name, List.of());
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                appendCollapsed(text, values.get(i));
            }
            text.append('\n');
        }
        return text.append('\n').append(claim.signedHeadersText()).append('\n').append(payloadHash).toString();
    }

    static String stringToSign(SignatureClaim claim, String canonicalRequest) {
        return SignatureClaim.ALGORITHM + '\n' + claim.time().basic() + '\n' + claim.credential().scope() + '\n'
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The canonical URI: dot segments and empty segments removed as java.net.URI normalizes, then encoded again. */
    static String uri(String rawPath) {
        String path;
        try {
            path = URI.create("http://host" + rawPath).normalize().getRawPath();
        } catch (IllegalArgumentException e) {
            path = rawPath; // not a valid path: no client signed this form, so any canonical text refuses it
        }
        if (path == null || path.isEmpty()) {
            return "/";
        }
        String encoded = encode(path, true);
        if (encoded.length() > 1 && encoded.endsWith("/") && !rawPath.endsWith("/")) {
            encoded = encoded.substring(0, encoded.length() - 1); // "/a/." normalizes to "/a/", signed as "/a"
        }
        return encoded;
    }

    static String query(Map<String, List<String>> parameters, boolean presigned) {
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        parameters.forEach((name, values) -> {
            if (name.isEmpty() || (presigned && name.equals(SignatureClaim.QUERY_SIGNATURE))) {
                return;
            }
            List<String> encoded = new ArrayList<>(values.size());
            values.forEach(value -> encoded.add(encode(value, false)));
            encoded.sort(null);
            sorted.put(encode(name, false), encoded); // encoding is one-to-one: distinct names stay distinct
        });
        StringBuilder text = new StringBuilder();
        sorted.forEach((name, values) -> values.forEach(value -> {
            if (!text.isEmpty()) {
                text.append('&');
            }
            text.append(name).append('=').append(value);
        }));
        return text.toString();
    }

    /** URI-encodes {@code value} by AWS's rules; {@code keepSlashes} for paths. */
    static String encode(String value, boolean keepSlashes) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlashes && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** Appends {@code value} trimmed, with each run of whitespace inside it written as one space. */
    private static void appendCollapsed(StringBuilder out, String value) {
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b') {
                pendingSpace = started;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
                started = true;
            }
        }
    }
}
