package io.hearth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A running server on a random port with its own data directory (embedded SQLite), an owner created
 * from configuration and an API key. Test classes share one server (Spring caches the context),
 * so tests use unique names and paths.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hearth.owner.email=owner@test.example",
            "hearth.owner.password=owner-pass-123",
            "hearth.webhooks.max-body-size=64KB",
            "hearth.scheduler.polling-interval=100ms",
            "hearth.webhooks.test-listen-timeout=30s"
            // The database is the default one (SQLite in the data directory); the PostgreSQL variants set
            // spring.datasource.url with a dynamic property.
        })
@org.junit.jupiter.api.extension.ExtendWith(ThreadDumpOnTimeout.class)
public abstract class ApiTestSupport {

    // One API key per running server (the SQLite and PostgreSQL variants run separate servers and databases).
    // Keyed by the application context, not the port: a closed context's random port can be handed to a newer
    // server with another database, where the old key does not exist.
    private static final java.util.Map<org.springframework.context.ApplicationContext, String> API_KEYS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    // Spring calls this once per application context it creates, so every cached test server gets a data
    // directory (and so a database) of its own. Servers that shared one file acted as a cluster: they split the
    // triggers between them and raced each other's housekeeping, which made tests fail now and then.
    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        try {
            String dir = Files.createTempDirectory("hearth-api-test").toString();
            registry.add("hearth.data-dir", () -> dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This server's data directory. */
    @org.springframework.beans.factory.annotation.Value("${hearth.data-dir}")
    protected Path dataDir;

    @LocalServerPort
    protected int port;

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.context.ApplicationContext server;

    /** Authenticated with an API key. */
    protected WebTestClient api;
    /** No credentials at all. */
    protected WebTestClient anonymous;

    @BeforeEach
    void clients() {
        // A connection per request: a pooled keep-alive connection that an earlier test's server side had closed
        // (answers that end the connection, runaway runs) is one suspect of the requests that hung now and then.
        anonymous = WebTestClient.bindToServer(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                        reactor.netty.http.client.HttpClient.create(
                                reactor.netty.resources.ConnectionProvider.newConnection())))
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                // the node-type catalogue (every node's schema) is past WebFlux's 256 KB default; a browser has no
                // limit
                .codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build();
        String apiKey;
        synchronized (ApiTestSupport.class) {
            apiKey = API_KEYS.get(server);
            if (apiKey == null) {
                String cookie = ownerSession();
                apiKey = (String) anonymous
                        .post()
                        .uri("/api/v1/api-keys")
                        .cookie("hearth_session", cookie)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("label", "tests"))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("key");
                API_KEYS.put(server, apiKey);
            }
        }
        api = anonymous.mutate().defaultHeader("X-Hearth-Api-Key", apiKey).build();
    }

    /** A new browser session of the owner: the value of its session cookie, as the editor holds it. */
    protected String ownerSession() {
        return anonymous
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "owner@test.example", "password", "owner-pass-123"))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseCookies()
                .getFirst("hearth_session")
                .getValue();
    }

    /** The API key {@link #api} sends. */
    protected String apiKey() {
        return API_KEYS.get(server);
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> create(Map<String, Object> workflow) {
        return api.post()
                .uri("/api/v1/workflows")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(workflow)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> activate(String id) {
        return api.post()
                .uri("/api/v1/workflows/{id}/activate", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    /** Creates a credential of {@code type} with {@code data} (a unique name); returns its id. */
    protected String credential(String type, Map<String, Object> data) {
        return (String) createCredential(type, data).get("id");
    }

    /** Creates a credential of {@code type} with {@code data} (a unique name); returns the API's whole answer. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> createCredential(String type, Map<String, Object> data) {
        return api.post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", type + " " + UUID.randomUUID(), "type", type, "data", data))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    /** The body of a GET with the API key, which must answer 200. */
    protected String getOk(String uri) {
        return api.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    /** The body of a POST of {@code body} as JSON with the API key, whatever its status. */
    protected String postAnyStatus(String uri, Map<String, Object> body) {
        return api.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    // ---- small workflow builders (n8n JSON)

    /** {@code node} using the credential {@code id} of {@code type}. */
    protected static Map<String, Object> withCredential(Map<String, Object> node, String type, String id) {
        Map<String, Object> n = new LinkedHashMap<>(node);
        n.put("credentials", Map.of(type, Map.of("id", id, "name", type)));
        return n;
    }

    protected static Map<String, Object> node(
            String name, String type, double version, Map<String, Object> parameters) {
        return Map.of(
                "name",
                name,
                "type",
                type,
                "typeVersion",
                version,
                "position",
                List.of(0, 0),
                "parameters",
                parameters);
    }

    protected static Map<String, Object> connect(String from, String to) {
        return Map.of(from, Map.of("main", List.of(List.of(Map.of("node", to, "type", "main", "index", 0)))));
    }

    protected static Map<String, Object> webhookDoubleWorkflow(String name, String path) {
        return Map.of(
                "name",
                name,
                "nodes",
                List.of(
                        node(
                                "Webhook",
                                "n8n-nodes-base.webhook",
                                2,
                                Map.of("httpMethod", "POST", "path", path, "responseMode", "responseNode")),
                        node(
                                "Edit Fields",
                                "n8n-nodes-base.set",
                                3.4,
                                Map.of(
                                        "assignments",
                                        Map.of(
                                                "assignments",
                                                List.of(
                                                        Map.of(
                                                                "name",
                                                                "doubled",
                                                                "type",
                                                                "number",
                                                                "value",
                                                                "={{ $json.body.n * 2 }}"),
                                                        Map.of(
                                                                "name",
                                                                "greeting",
                                                                "type",
                                                                "string",
                                                                "value",
                                                                "=Hello {{ $json.body.name }}"))))),
                        node(
                                "Respond",
                                "n8n-nodes-base.respondToWebhook",
                                1.1,
                                Map.of("respondWith", "firstIncomingItem"))),
                "connections",
                merge(connect("Webhook", "Edit Fields"), connect("Edit Fields", "Respond")));
    }

    @SafeVarargs
    protected static Map<String, Object> merge(Map<String, Object>... maps) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (Map<String, Object> m : maps) {
            out.putAll(m);
        }
        return out;
    }
}
