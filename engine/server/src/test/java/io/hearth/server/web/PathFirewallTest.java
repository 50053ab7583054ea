package io.hearth.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathFirewallTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/api/v1/workflows",
                "/api/v1/workflows/",
                "/%61pi/v1/workflows",
                "/webhook/caf%C3%A9/orders",
                "/webhook/a.b/c.",
                "/assets/index-BgOgON2T.css"
            })
    void acceptsPathsWithOneMeaning(String path) {
        assertThat(PathFirewall.problem(path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/webhook/../api/v1/credentials",
                "/webhook/%2e%2e/api/v1/credentials",
                "/webhook/%2E./api",
                "/./api/v1/credentials",
                "/api/v1%2Fcredentials",
                "/api/v1%2fcredentials",
                "/webhook/..%5C..%5Capi",
                "/webhook\\..\\api",
                "/webhook/%252e%252e/api",
                "/api/..;/api/v1/credentials",
                "/api;x=1/v1/credentials",
                "/api/v1/credentials%3B",
                "//api/v1/credentials",
                "/api//v1/credentials",
                "/api/v1/credentials%00",
                "/api/v1/credentials%0d%0aX-Injected:%201",
                "/api/v1/credentials%zz",
                "api/v1/credentials"
            })
    void refusesPathsThatCouldBeReadTwoWays(String path) {
        assertThat(PathFirewall.problem(path)).isPresent();
    }
}
