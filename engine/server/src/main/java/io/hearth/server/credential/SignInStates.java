package io.hearth.server.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser sign-ins under way: each started one gets an unguessable {@code state} that the provider's page
 * brings back to the callback, usable once and for {@link #LIFETIME}, and only by the Hearth session that
 * started it (a callback link that leaks, or that an attacker makes someone open, is refused: OAuth2's CSRF
 * protection). Kept in memory: the callback must reach the instance the sign-in started on (in scale-out,
 * sign in through one instance's URL).
 */
final class SignInStates {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    /**
     * Who started a sign-in: the user and, from the editor, the digest of the browser session's token (an API
     * key cannot come back through a browser: then the same user's browser session may finish it).
     */
    record Starter(String userId, Optional<String> sessionDigest) {

        /** Whether the callback's requester may finish a sign-in this starter began. */
        boolean admits(Starter requester) {
            if (!userId.equals(requester.userId())) {
                return false;
            }
            if (sessionDigest.isEmpty()) {
                return true;
            }
            return requester.sessionDigest().isPresent()
                    && MessageDigest.isEqual(
                            sessionDigest.get().getBytes(StandardCharsets.US_ASCII),
                            requester.sessionDigest().get().getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A sign-in under way: the credential, the public URL it was started with (the client id) and its starter. */
    record Pending(String credentialId, String publicUrl, Starter starter, Instant started, String codeVerifier) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;

    SignInStates(Clock clock) {
        this.clock = clock;
    }

    String start(String credentialId, String publicUrl, Starter starter) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> p.started().plus(LIFETIME).isBefore(now));
        String state = randomToken();
        pending.put(state, new Pending(credentialId, publicUrl, starter, now, randomToken()));
        return state;
    }

    /** The PKCE code verifier of a sign-in under way (kept here, never sent to the browser). */
    String codeVerifier(String state) {
        Pending p = pending.get(state);
        return p == null ? "" : p.codeVerifier();
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The sign-in of {@code state}, once (whoever brings it back); empty when unknown, used or expired. */
    Optional<Pending> take(Optional<String> state) {
        Pending p = state.map(pending::remove).orElse(null);
        if (p == null || p.started().plus(LIFETIME).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(p);
    }
}
