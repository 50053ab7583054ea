package io.hearth.server.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInStatesTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final SignInStates states = new SignInStates(clock);
    private final SignInStates.Starter editor = new SignInStates.Starter("user-1", Optional.of("digest-a"));

    @Test
    void aStateIsUnguessableAndUsableOnce() {
        String state = states.start("cred-1", "http://hearth.test/", editor);
        String other = states.start("cred-1", "http://hearth.test/", editor);

        assertThat(state).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(other);
        assertThat(states.take(Optional.of(state)))
                .hasValueSatisfying(p -> assertThat(p.credentialId()).isEqualTo("cred-1"));
        assertThat(states.take(Optional.of(state))).isEmpty();
        assertThat(states.take(Optional.of("made-up"))).isEmpty();
        assertThat(states.take(Optional.empty())).isEmpty();
    }

    @Test
    void aStateExpiresAfterItsLifetime() {
        String state = states.start("cred-1", "http://hearth.test/", editor);
        clock.advance(SignInStates.LIFETIME.plusSeconds(1));

        assertThat(states.take(Optional.of(state))).isEmpty();
    }

    @Test
    void onlyTheStartingSessionIsAdmitted() {
        assertThat(editor.admits(new SignInStates.Starter("user-1", Optional.of("digest-a"))))
                .isTrue();
        assertThat(editor.admits(new SignInStates.Starter("user-1", Optional.of("digest-b"))))
                .isFalse();
        assertThat(editor.admits(new SignInStates.Starter("user-1", Optional.empty())))
                .isFalse();
        assertThat(editor.admits(new SignInStates.Starter("user-2", Optional.of("digest-a"))))
                .isFalse();
    }

    @Test
    void aSignInStartedWithAnApiKeyIsFinishedByTheSameUsersBrowserSession() {
        SignInStates.Starter apiKey = new SignInStates.Starter("user-1", Optional.empty());

        assertThat(apiKey.admits(new SignInStates.Starter("user-1", Optional.of("any-session"))))
                .isTrue();
        assertThat(apiKey.admits(new SignInStates.Starter("user-2", Optional.of("any-session"))))
                .isFalse();
    }
}
