package io.hearth.nodes.homeassistant.client;

import io.hearth.node.NodeApiException;
import io.hearth.node.NodeException;
import io.hearth.node.support.HeaderText;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.SslProvider;

/**
 * A reactive client of one Home Assistant (one credential): Reactor Netty {@link HttpClient} over a
 * pooled {@link ConnectionProvider} (connections are reused), connect and response timeouts, TLS as
 * the credential says (JDK trust store, a custom CA from PEM, or trust-all), and
 * {@code Authorization: Bearer <token>} on every request. Never blocks; never logs the token.
 * <p>
 * Obtain instances from {@link HomeAssistantClients} (one per credential) or, for a one-off such as a
 * credential test, {@link #create} and {@link #close()} it afterwards.
 */
public final class HomeAssistantClient implements HomeAssistantApi, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HomeAssistantClient.class);
    private static final int MAX_WS_MESSAGE = 64 * 1024 * 1024;

    /**
     * Timeouts and pool size.
     *
     * @param connectTimeout  TCP connect and TLS handshake
     * @param responseTimeout time to the response (service calls block in HA until done)
     * @param commandTimeout  a whole one-shot WebSocket exchange
     * @param maxConnections  pool size
     * @param refreshMargin   "Sign in with Home Assistant": an access token expiring within this is refreshed
     *                        first (Home Assistant's live 30 minutes); default 5 minutes, or the system property
     *                        {@value #REFRESH_MARGIN_PROPERTY} (an ISO-8601 duration such as {@code PT31M})
     */
    public record Options(
            Duration connectTimeout,
            Duration responseTimeout,
            Duration commandTimeout,
            int maxConnections,
            Duration refreshMargin) {

        public static final String REFRESH_MARGIN_PROPERTY = "hearth.homeassistant.refresh-margin";

        public static final Options DEFAULT = new Options(
                Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30), 16, configuredMargin());

        /** All timeouts set to {@code timeout}; for credential tests. */
        public static Options quick(Duration timeout) {
            return new Options(timeout, timeout, timeout, 2, configuredMargin());
        }

        public Options withRefreshMargin(Duration value) {
            return new Options(connectTimeout, responseTimeout, commandTimeout, maxConnections, value);
        }

        private static Duration configuredMargin() {
            String value = System.getProperty(REFRESH_MARGIN_PROPERTY, "").strip();
            try {
                return value.isEmpty() ? Duration.ofMinutes(5) : Duration.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                LOG.warn("{}={} is not an ISO-8601 duration; using 5 minutes", REFRESH_MARGIN_PROPERTY, value);
                return Duration.ofMinutes(5);
            }
        }
    }

    private final HaConnectionSettings settings;
    private final Options options;
    private final ConnectionProvider provider;
    private final HttpClient http;
    private final Mono<Object> cachedServices;
    private final HaCommandChannel commands;
    private final HaSignInApi signIn;
    private final HaTokens tokens;

    private HomeAssistantClient(HaConnectionSettings settings, Options options) {
        this.settings = settings;
        this.options = options;
        String id = settings.fingerprint().substring(0, 12);
        this.provider = ConnectionProvider.builder("hearth-ha-" + id)
                .maxConnections(options.maxConnections())
                .pendingAcquireTimeout(options.responseTimeout())
                .maxIdleTime(Duration.ofSeconds(30))
                .evictInBackground(Duration.ofSeconds(60))
                .build();
        HttpClient c = HttpClient.create(provider)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        options.connectTimeout().toMillis())
                .responseTimeout(options.responseTimeout())
                .headers(h -> h.set(HttpHeaderNames.USER_AGENT, "Hearth-HomeAssistant/1")
                        .set(HttpHeaderNames.ACCEPT, "application/json, text/plain, */*"));
        if (settings.ssl()) {
            c = secure(c, settings, options.connectTimeout());
        }
        this.http = c;
        this.signIn = new HaSignInApi(this, Clock.systemUTC());
        this.tokens = new HaTokens(settings.auth(), signIn, options.refreshMargin(), Clock.systemUTC());
        this.commands =
                new HaCommandChannel(this, Schedulers.parallel(), options.commandTimeout(), Duration.ofSeconds(60));
        this.cachedServices = HomeAssistantApi.super
                .services()
                .cache(v -> Duration.ofSeconds(30), e -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** A new client with its own connection pool; {@link #close()} it when done. */
    public static HomeAssistantClient create(HaConnectionSettings settings, Options options) {
        if (settings.auth() instanceof HaAuth.LongLivedToken t
                && HeaderText.hasControlCharacters(t.token().reveal())) {
            // Saving refuses such tokens; one stored before that rule must still never reach a header.
            throw new NodeApiException(
                    "The Access Token contains a line break or control character: enter it again in the credential", 0);
        }
        return new HomeAssistantClient(settings, options);
    }

    public HaConnectionSettings settings() {
        return settings;
    }

    @Override
    public String baseUrl() {
        return settings.baseUrl();
    }

    /** The access tokens this client sends (refreshed for "Sign in with Home Assistant"). */
    public HaTokens tokens() {
        return tokens;
    }

    /** Home Assistant's auth API through this client (sign-in code exchange, refresh, revoke). */
    public HaSignInApi signInApi() {
        return signIn;
    }

    /**
     * Sends {@code request} with the current access token; with "Sign in with Home Assistant" a 401 is
     * answered by one refresh and one retry.
     */
    @Override
    public Mono<HaResponse> send(HaRequest request) {
        return tokens.current()
                .flatMap(token -> send(request, token)
                        .onErrorResume(
                                e -> tokens.canRefresh()
                                        && e instanceof NodeApiException api
                                        && api.httpStatus().orElse(0) == 401,
                                e -> tokens.refreshAfter(token).flatMap(fresh -> send(request, fresh))));
    }

    /**
     * An {@code application/x-www-form-urlencoded} POST without an access token (Home Assistant's auth API);
     * the answer whatever its status, so the caller reads Home Assistant's error.
     */
    Mono<HaResponse> postForm(String operation, String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                .append(HaRequest.encodeQuery(k))
                .append('=')
                .append(HaRequest.encodeQuery(v)));
        return http.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded"))
                .post()
                .uri(settings.baseUrl() + path)
                .send(ByteBufFlux.fromString(Mono.just(body.toString())))
                .responseSingle((response, bytes) -> bytes.asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .map(b -> new HaResponse(
                                response.status().code(),
                                response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE),
                                b)))
                .timeout(options.connectTimeout().plus(options.responseTimeout()))
                .onErrorMap(
                        e -> !(e instanceof NodeException),
                        e -> HomeAssistantErrors.forTransport(operation, settings, e));
    }

    private Mono<HaResponse> send(HaRequest request, io.hearth.node.credential.Secret token) {
        return Mono.defer(() -> {
                    LOG.debug("{} {} {}{}", request.operation(), request.method(), settings.baseUrl(), request.uri());
                    HttpClient.RequestSender sender = http.headers(h -> {
                                h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token.reveal());
                                if (request.body().isPresent()) {
                                    h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                                }
                            })
                            .request(HttpMethod.valueOf(request.method().name()))
                            .uri(settings.baseUrl() + request.uri());
                    HttpClient.ResponseReceiver<?> receiver = request.body().isPresent()
                            ? sender.send(ByteBufFlux.fromString(
                                    Mono.just(Json.write(request.body().get()))))
                            : request.method() == HaRequest.Method.GET ? sender : sender.send(Mono.empty());
                    return receiver.responseSingle((response, bytes) -> bytes.asByteArray()
                            .defaultIfEmpty(new byte[0])
                            .map(body -> {
                                int status = response.status().code();
                                if (status >= 200 && status < 300) {
                                    return new HaResponse(
                                            status, response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE), body);
                                }
                                throw HomeAssistantErrors.forStatus(
                                        request, status, new String(body, StandardCharsets.UTF_8));
                            }));
                })
                .timeout(
                        options.connectTimeout().plus(options.responseTimeout()).plusSeconds(5))
                .onErrorMap(
                        e -> !(e instanceof NodeException),
                        e -> HomeAssistantErrors.forTransport(request.operation(), settings, e));
    }

    @Override
    public Mono<Object> services() {
        return cachedServices;
    }

    /** {@code get_states} over the shared WebSocket (the same states as {@code GET /api/states}). */
    @Override
    public Mono<Object> states() {
        return command("Get all states", Map.of("type", "get_states")).defaultIfEmpty(java.util.List.of());
    }

    /** Over the client's shared WebSocket ({@link HaCommandChannel}), authenticated once for many commands. */
    @Override
    public Mono<Object> command(String operation, Map<String, Object> command) {
        return commands.send(operation, command, options.commandTimeout())
                .onErrorMap(
                        e -> !(e instanceof NodeException),
                        e -> HomeAssistantErrors.forTransport(operation, settings, e))
                .flatMap(Mono::justOrEmpty);
    }

    /**
     * Opens a WebSocket to {@code /api/websocket} with this client's TLS settings, connect timeout and
     * maximum frame size, and runs {@code handler} on it; the connection closes when the handler's
     * publisher terminates or the returned flux is cancelled. For long-lived connections (the trigger's
     * event stream); the authentication flow is {@link HaWebSocketProtocol.Handshake}. Transport errors
     * arrive unmapped: use {@link HomeAssistantErrors#forTransport} to describe them.
     */
    public <T> Flux<T> websocket(
            BiFunction<? super WebsocketInbound, ? super WebsocketOutbound, ? extends Publisher<T>> handler) {
        return http.websocket(WebsocketClientSpec.builder()
                        .maxFramePayloadLength(MAX_WS_MESSAGE)
                        .build())
                .uri(settings.websocketUrl())
                .handle(handler);
    }

    /** The largest WebSocket message accepted (frames are aggregated up to this size). */
    public static int maxWebSocketMessage() {
        return MAX_WS_MESSAGE;
    }

    @Override
    public void close() {
        commands.close();
        provider.disposeLater().subscribe(null, e -> LOG.debug("closing the connection pool failed", e));
    }

    @Override
    public String toString() {
        return "HomeAssistantClient[" + settings + "]";
    }

    private static HttpClient secure(HttpClient client, HaConnectionSettings settings, Duration handshakeTimeout) {
        boolean trustAll = settings.allowUnauthorizedCerts();
        List<X509Certificate> ca = trustAll
                ? List.of()
                : settings.caCertificate().map(HomeAssistantClient::parsePem).orElse(List.of());
        Http11SslContextSpec spec = Http11SslContextSpec.forClient().configure(b -> {
            if (trustAll) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else if (!ca.isEmpty()) {
                b.trustManager(ca);
            }
        });
        return client.secure(s -> {
            var builder =
                    s.sslContext((SslProvider.GenericSslContextSpec<?>) spec).handshakeTimeout(handshakeTimeout);
            if (trustAll) {
                builder.handlerConfigurator(handler -> {
                    SSLEngine engine = handler.engine();
                    SSLParameters parameters = engine.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm(null);
                    engine.setSSLParameters(parameters);
                });
            }
        });
    }

    /** The X.509 certificates in PEM text; a {@code NodeApiException} naming the field when there are none. */
    public static List<X509Certificate> parsePem(String pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = factory
                    .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)))
                    .stream()
                    .filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast)
                    .toList();
            if (certs.isEmpty()) {
                throw new CertificateException("no certificate found");
            }
            return certs;
        } catch (CertificateException | RuntimeException e) {
            throw new NodeApiException(
                    "The credential's CA certificate is not a PEM certificate: " + e.getMessage(),
                    0,
                    "Paste the certificate including the -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines.",
                    e);
        }
    }
}
