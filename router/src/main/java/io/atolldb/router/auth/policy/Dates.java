package io.atolldb.router.auth.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The dates of the Date operators: ISO 8601 (a day, or a time with or without zone, UTC when none is given) or
 * seconds since the epoch, as aws:CurrentTime and aws:EpochTime come.
 */
final class Dates {
    private Dates() {}

    static Optional<Integer> compare(String request, String policy) {
        Optional<Instant> left = parse(request);
        Optional<Instant> right = parse(policy);
        return left.isPresent() && right.isPresent() ? Optional.of(left.get().compareTo(right.get())) : Optional.empty();
    }

    static Optional<Instant> parse(String text) {
        String value = text.trim();
        if (value.matches("-?\\d+(\\.\\d+)?")) {
            BigDecimal seconds = new BigDecimal(value);
            return Optional.of(Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue()));
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notDay) {
                    return Optional.empty();
                }
            }
        }
    }
}
