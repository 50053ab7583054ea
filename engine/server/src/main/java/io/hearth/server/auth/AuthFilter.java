package io.hearth.server.auth;

import io.hearth.server.support.Blocking;
import io.hearth.server.web.ProblemWriter;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Requires a signed-in session (cookie {@value #COOKIE}) or an API key ({@code X-Hearth-Api-Key}, or
 * {@code Authorization: Bearer} on the API) on every route except the few in {@link PublicRoutes}: deny by
 * default. The decision is made on the decoded path, as the router matches it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AuthFilter implements WebFilter {

    public static final String COOKIE = "hearth_session";
    public static final String PRINCIPAL = AuthFilter.class.getName() + ".principal";
    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

    private final AuthService auth;
    private final Blocking blocking;

    public AuthFilter(AuthService auth, Blocking blocking) {
        this.auth = auth;
        this.blocking = blocking;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        boolean isPublic = PublicRoutes.isPublic(exchange.getRequest().getMethod(), path);
        Optional<String> key = apiKey(exchange, API.matches(path));
        Optional<String> session = Optional.ofNullable(
                        exchange.getRequest().getCookies().getFirst(COOKIE))
                .map(HttpCookie::getValue);
        if (key.isEmpty() && session.isEmpty()) {
            return isPublic ? chain.filter(exchange) : unauthorized(exchange);
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
            return isPublic ? chain.filter(exchange) : unauthorized(exchange);
        });
    }

    private static Optional<String> apiKey(ServerWebExchange exchange, boolean apiRoute) {
        String header = exchange.getRequest().getHeaders().getFirst("X-Hearth-Api-Key");
        if (header != null && !header.isBlank()) {
            return Optional.of(header.strip());
        }
        // Webhooks receive Authorization headers meant for their own authentication: not an API key there.
        String authorization = exchange.getRequest().getHeaders().getFirst("Authorization");
        if (apiRoute && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).strip());
        }
        return Optional.empty();
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange) {
        return ProblemWriter.write(
                exchange,
                HttpStatus.UNAUTHORIZED,
                "Sign in (POST /api/v1/auth/login) or send an API key in X-Hearth-Api-Key");
    }

    public static AuthService.Principal principal(ServerWebExchange exchange) {
        AuthService.Principal p = exchange.getAttribute(PRINCIPAL);
        if (p == null) {
            throw new io.hearth.server.web.ApiException(HttpStatus.UNAUTHORIZED, "not signed in");
        }
        return p;
    }
}
