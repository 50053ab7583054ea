package io.hearth.expression;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A point in time with a zone: the value of {@code $now}, {@code $today}, {@code DateTime.*} and
 * {@code new Date(...)}. Answers Luxon {@code DateTime} methods as well as JavaScript {@code Date}
 * methods; converts to its ISO-8601 text in JSON and compares by its epoch milliseconds.
 */
public final class DateTimeValue {

    private final ZonedDateTime time;
    private final String invalidReason;
    /** A JavaScript Date ({@code new Date()}) rather than a Luxon DateTime: same methods, other type. */
    private final boolean jsDate;

    private DateTimeValue(ZonedDateTime time, String invalidReason, boolean jsDate) {
        this.time = time;
        this.invalidReason = invalidReason;
        this.jsDate = jsDate;
    }

    public static DateTimeValue of(ZonedDateTime time) {
        return new DateTimeValue(Objects.requireNonNull(time, "time"), null, false);
    }

    /** A JavaScript Date at this instant (its "local" zone is UTC here). */
    static DateTimeValue jsDate(ZonedDateTime time) {
        return new DateTimeValue(time.withZoneSameInstant(ZoneOffset.UTC), null, true);
    }

    /** Luxon's invalid DateTime (e.g. from {@code DateTime.fromISO('nope')}). */
    static DateTimeValue invalid(String reason) {
        return new DateTimeValue(null, reason, false);
    }

    /** JavaScript's Invalid Date. */
    static DateTimeValue invalidJsDate() {
        return new DateTimeValue(null, "Invalid Date", true);
    }

    boolean isJsDate() {
        return jsDate;
    }

    /** The same kind of value (Date or DateTime) at another time. */
    DateTimeValue with(ZonedDateTime other) {
        return jsDate ? jsDate(other) : of(other);
    }

    /**
     * This DateTime as Java's.
     *
     * @throws ExpressionException when this is an invalid DateTime
     */
    public ZonedDateTime toZonedDateTime() {
        if (time == null) {
            throw new ExpressionException("Invalid DateTime: " + invalidReason);
        }
        return time;
    }

    boolean isValid() {
        return time != null;
    }

    String invalidReason() {
        return invalidReason;
    }

    /** The raw value, or null when invalid. */
    ZonedDateTime time() {
        return time;
    }

    /** Epoch milliseconds, NaN when invalid. */
    double millis() {
        return time == null ? Double.NaN : (double) time.toInstant().toEpochMilli();
    }

    /** Luxon's {@code toISO()}, e.g. {@code 2024-01-02T03:04:05.678+01:00}. */
    @Override
    public String toString() {
        return time == null ? "Invalid DateTime" : LuxonFormat.iso(time);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DateTimeValue d
                && Objects.equals(time, d.time)
                && Objects.equals(invalidReason, d.invalidReason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, invalidReason);
    }

    static DateTimeValue utc(long epochMillis) {
        return of(ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC));
    }
}
