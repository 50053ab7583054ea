package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The official Home Assistant image, for machines with Docker: the credential test reaches it and
 * reports a rejected token. Skipped where no Docker engine runs; HomeAssistantEndToEndIT covers the
 * full flow against a local Home Assistant process.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerHomeAssistantIT extends ApiTestSupport {

    @Container
    static final GenericContainer<?> HOME_ASSISTANT = new GenericContainer<>(
                    "ghcr.io/home-assistant/home-assistant:stable")
            .withExposedPorts(8123)
            .waitingFor(Wait.forHttp("/manifest.json").forPort(8123).withStartupTimeout(Duration.ofMinutes(3)));

    @Test
    void credentialTestReachesTheContainerAndReportsARejectedToken() {
        String body = api.post()
                .uri("/api/v1/credentials/test")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of(
                                "host",
                                HOME_ASSISTANT.getHost(),
                                "port",
                                HOME_ASSISTANT.getMappedPort(8123),
                                "accessToken",
                                "not-a-real-token")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("FAILED").containsIgnoringCase("access token rejected");
    }
}
