package io.hearth.server.support;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/** Time-ordered UUIDs (version 7 layout): ids sort by creation time, which keeps indexes compact. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /** Not secret (they are not credentials), so a non-blocking generator: SecureRandom may read /dev/urandom on an event loop. */
    public static String newId() {
        long millis = System.currentTimeMillis();
        var random = java.util.concurrent.ThreadLocalRandom.current();
        long randA = random.nextLong();
        long randB = random.nextLong();
        long msb = (millis << 16) | 0x7000L | (randA & 0x0FFFL);
        long lsb = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** The lowest id {@link #newId()} can make at {@code instant} or later: ids below it were made before. */
    public static String lowestIdAt(java.time.Instant instant) {
        return new UUID((instant.toEpochMilli() << 16) | 0x7000L, 0x8000000000000000L).toString();
    }

    /** A random secret token (hex) for sessions and API keys. */
    public static String newToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
