package io.hearth.server.auth;

import io.hearth.server.support.Blocking;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requires a signed-in session (cookie {@value #COOKIE}) or an API key ({@code X-Hearth-Api-Key} or
 * {@code Authorization: Bearer}) on the API and on actuator endpoints other than health. Webhooks,
 * the editor's static files and the OpenAPI document are public.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AuthFilter implements WebFilter {

    public static final String COOKIE = "hearth_session";
    public static final String PRINCIPAL = AuthFilter.class.getName() + ".principal";
    private static final List<String> PUBLIC_API =
            List.of("/api/v1/auth/status", "/api/v1/auth/setup", "/api/v1/auth/login");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuthService auth;
    private final Blocking blocking;

    public AuthFilter(AuthService auth, Blocking blocking) {
        this.auth = auth;
        this.blocking = blocking;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        boolean protectedPath = (path.startsWith("/api/") && !PUBLIC_API.contains(path))
                || (path.startsWith("/actuator") && !path.startsWith("/actuator/health"));
        Optional<String> key = apiKey(exchange);
        Optional<String> session = Optional.ofNullable(
                        exchange.getRequest().getCookies().getFirst(COOKIE))
                .map(HttpCookie::getValue);
        if (key.isEmpty() && session.isEmpty()) {
            return protectedPath ? unauthorized(exchange) : chain.filter(exchange);
        }
        // Cached principals are answered on the event loop; only a cache miss goes to the database.
        Optional<AuthService.Principal> cached =
                key.isPresent() ? auth.cachedApiKey(key.get()) : auth.cachedSession(session.get());
        Mono<Optional<AuthService.Principal>> principal = cached.isPresent()
                ? Mono.just(cached)
                : blocking.call(() -> key.isPresent() ? auth.apiKey(key.get()) : auth.session(session.get()));
        return principal.flatMap(p -> {
            if (p.isPresent()) {
                exchange.getAttributes().put(PRINCIPAL, p.get());
                return chain.filter(exchange);
            }
            return protectedPath ? unauthorized(exchange) : chain.filter(exchange);
        });
    }

    private static Optional<String> apiKey(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst("X-Hearth-Api-Key");
        if (header != null && !header.isBlank()) {
            return Optional.of(header.strip());
        }
        String authorization = exchange.getRequest().getHeaders().getFirst("Authorization");
        if (authorization != null
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && exchange.getRequest().getPath().value().startsWith("/api/")) {
            return Optional.of(authorization.substring(7).strip());
        }
        return Optional.empty();
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange) {
        var problem = new java.util.LinkedHashMap<String, Object>();
        problem.put("type", "about:blank");
        problem.put("title", "Unauthorized");
        problem.put("status", 401);
        problem.put("detail", "Sign in (POST /api/v1/auth/login) or send an API key in X-Hearth-Api-Key");
        problem.put("instance", exchange.getRequest().getPath().value());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().set("Content-Type", "application/problem+json");
        byte[] body = JSON.writeValueAsBytes(problem);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    public static AuthService.Principal principal(ServerWebExchange exchange) {
        AuthService.Principal p = exchange.getAttribute(PRINCIPAL);
        if (p == null) {
            throw new io.hearth.server.web.ApiException(HttpStatus.UNAUTHORIZED, "not signed in");
        }
        return p;
    }
}
