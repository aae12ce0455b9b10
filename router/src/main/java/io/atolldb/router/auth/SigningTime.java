package io.atolldb.router.auth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * When a request says it was signed: its X-Amz-Date (ISO 8601 basic format, {@code 20150830T123600Z}), or, when it
 * has none, its HTTP Date header. The string to sign always carries the basic format.
 *
 * @param basic   the time in ISO 8601 basic format, as it enters the string to sign
 * @param instant the same time
 */
record SigningTime(String basic, Instant instant) {
    private static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

    /** The day part, {@code yyyyMMdd}, that the credential scope must repeat. */
    String day() {
        return basic.substring(0, 8);
    }

    static String basic(Instant instant) {
        return BASIC.format(instant);
    }

    /** An X-Amz-Date value (header or query parameter). */
    static SigningTime ofAmzDate(String value) {
        try {
            Instant instant = ZonedDateTime.parse(value, BASIC).toInstant();
            return new SigningTime(value, instant);
        } catch (DateTimeParseException e) {
            throw AuthErrors.badDate(value);
        }
    }

    /** An HTTP Date header (RFC 1123, e.g. "Sun, 30 Aug 2015 12:36:00 GMT"). */
    static SigningTime ofHttpDate(String value) {
        try {
            Instant instant = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return new SigningTime(basic(instant), instant);
        } catch (DateTimeParseException e) {
            throw AuthErrors.badDate(value);
        }
    }
}
