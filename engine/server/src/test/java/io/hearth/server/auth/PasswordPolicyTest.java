package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "12345678",
                "short pass",
                "123456789012",
                "qwertyuiop123",
                "password1234",
                "Password2024!",
                "!!Football1234",
                "1qaz2wsx3edc",
                "aaaaaaaaaaaaaaaa",
                "abababababababab",
            })
    void refusesShortCommonAndRepetitivePasswords(String password) {
        assertThat(PasswordPolicy.problem(password)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner-pass-123", "correct horse battery staple", "a long password", "Zürich-Öl-2024"})
    void acceptsLongUncommonPasswords(String password) {
        assertThat(PasswordPolicy.problem(password)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void refusesWhatBcryptWouldCutOff() {
        assertThat(PasswordPolicy.problem("long enough and uncommon ".repeat(3)))
                .hasValueSatisfying(p -> assertThat(p.message()).contains("72 bytes"));
    }
}
