package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.server.web.ApiException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class AuthServiceTest {

    private final AtomicInteger checks = new AtomicInteger();
    private AuthService auth;

    @BeforeEach
    void service() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/common/V1__core.sql")).execute(ds);
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return bcrypt.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                checks.incrementAndGet();
                return bcrypt.matches(raw, encoded);
            }
        };
        auth = new AuthService(new AuthRepository(JdbcClient.create(ds)), Clock.systemUTC(), counting);
        auth.setupOwner("owner@x.example", "owner-pass-123", "Owner");
    }

    @Test
    void anUnknownEmailCostsThePasswordCheckToo() {
        assertThatThrownBy(() -> auth.login("nobody@x.example", "owner-pass-123"))
                .isInstanceOf(ApiException.class)
                .hasMessage("Wrong email or password");
        assertThatThrownBy(() -> auth.login("owner@x.example", "wrong-password"))
                .isInstanceOf(ApiException.class)
                .hasMessage("Wrong email or password");
        assertThatThrownBy(() -> auth.login(null, null)).hasMessage("Wrong email or password");
        assertThat(checks).hasValue(3);
        assertThat(auth.login("OWNER@x.example", "owner-pass-123").email()).isEqualTo("owner@x.example");
    }

    @Test
    void aRevokedSessionStopsAndOthersCanBeEndedAtOnce() {
        User owner = auth.login("owner@x.example", "owner-pass-123");
        String a = auth.newSession(owner);
        String b = auth.newSession(owner);
        String c = auth.newSession(owner);
        assertThat(auth.session(b)).isPresent(); // cached from here on
        var listed = auth.sessions(owner, java.util.Optional.of(a));
        assertThat(listed)
                .hasSize(3)
                .filteredOn(AuthService.SessionInfo::current)
                .hasSize(1);
        String idOfB = listed.stream()
                .filter(s -> !s.current())
                .map(AuthService.SessionInfo::id)
                .filter(id -> id.equals(io.hearth.server.support.Hashing.sha256(b)))
                .findFirst()
                .orElseThrow();

        auth.revokeSession(owner, idOfB);
        assertThat(auth.session(b)).isEmpty();
        assertThat(auth.revokeOtherSessions(owner, java.util.Optional.of(a))).isEqualTo(1);
        assertThat(auth.session(c)).isEmpty();
        assertThat(auth.session(a)).isPresent();
        assertThatThrownBy(() -> auth.revokeSession(owner, idOfB)).isInstanceOf(ApiException.class);
    }
}
