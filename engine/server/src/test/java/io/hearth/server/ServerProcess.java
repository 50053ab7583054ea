package io.hearth.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A whole Hearth application on a given data directory, started and stopped by a test (restarts, key changes). */
final class ServerProcess implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final WebTestClient anonymous;
    private WebTestClient api;
    private final int port;

    private ServerProcess(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.anonymous = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    static ServerProcess start(Path dataDir, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--hearth.data-dir=" + dataDir,
                "--server.port=0",
                "--hearth.owner.email=owner@test.example",
                "--hearth.owner.password=owner-pass-123",
                "--hearth.scheduler.polling-interval=100ms"));
        args.addAll(List.of(extraArgs));
        return new ServerProcess(new SpringApplicationBuilder(HearthApplication.class, OwnNettyResources.class)
                .run(args.toArray(String[]::new)));
    }

    /** A client with a fresh API key (signing in as the configured owner). */
    WebTestClient api() {
        if (api == null) {
            api = anonymous.mutate().defaultHeader("X-Hearth-Api-Key", apiKey()).build();
        }
        return api;
    }

    /** A new API key of the configured owner. */
    String apiKey() {
        String cookie = anonymous
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "owner@test.example", "password", "owner-pass-123"))
                .exchange()
                .returnResult(String.class)
                .getResponseCookies()
                .getFirst("hearth_session")
                .getValue();
        return (String) anonymous
                .post()
                .uri("/api/v1/api-keys")
                .cookie("hearth_session", cookie)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "t"))
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("key");
    }

    /** Saves {@code workflow} (n8n JSON) through the API; returns its id. */
    String createWorkflow(Map<String, Object> workflow) {
        return created("/api/v1/workflows", workflow);
    }

    /** Saves a credential through the API; returns its id. */
    String createCredential(String name, String type, Map<String, Object> data) {
        return created("/api/v1/credentials", Map.of("name", name, "type", type, "data", data));
    }

    private String created(String uri, Map<String, Object> body) {
        return (String) api().post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    void activate(String workflowId) {
        api().post()
                .uri("/api/v1/workflows/{id}/activate", workflowId)
                .exchange()
                .expectStatus()
                .isOk();
    }

    void deactivate(String workflowId) {
        api().post()
                .uri("/api/v1/workflows/{id}/deactivate", workflowId)
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** POSTs {@code body} as JSON to the production webhook at {@code path}, which must answer 200. */
    void callWebhook(String path, Map<String, Object> body) {
        anonymous
                .post()
                .uri("/webhook/" + path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * Event loops and connection pools of this server's own. By default a Spring context uses Reactor Netty's JVM-wide
     * resources and disposes them when it closes: closing this server would then pull them from under the shared
     * test server and its clients in the same JVM, whose requests could hang.
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class OwnNettyResources {
        @org.springframework.context.annotation.Bean
        org.springframework.http.client.ReactorResourceFactory reactorResourceFactory() {
            org.springframework.http.client.ReactorResourceFactory f =
                    new org.springframework.http.client.ReactorResourceFactory();
            f.setUseGlobalResources(false);
            return f;
        }
    }
}
