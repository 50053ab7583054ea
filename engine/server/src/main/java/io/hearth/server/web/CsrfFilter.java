package io.hearth.server.web;

import io.hearth.server.config.HearthProperties;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Cross-site request forgery: a state-changing request (POST, PUT, PATCH, DELETE) that a browser sends on its own
 * authority — the session cookie, or signing in — must come from Hearth's own pages. Browsers say where a request
 * comes from ({@code Sec-Fetch-Site}, {@code Origin}); a request that says it comes from another site (also another
 * port of the same host, e.g. Home Assistant) is refused with 403. Requests with an API key are not ambient and
 * pass; clients that send neither header (curl, scripts) pass too — a browser always sends one of them on a
 * cross-site POST. Webhooks are meant to be called from anywhere and are not checked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class CsrfFilter implements WebFilter {

    private static final Set<HttpMethod> SAFE =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
    private static final PathPattern WEBHOOKS = PathPatternParser.defaultInstance.parse("/webhook/**");
    private static final PathPattern TEST_WEBHOOKS = PathPatternParser.defaultInstance.parse("/webhook-test/**");

    private final Optional<String> publicOrigin;

    public CsrfFilter(HearthProperties properties) {
        this.publicOrigin = origin(properties.publicUrl());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        var path = request.getPath().pathWithinApplication();
        if (SAFE.contains(request.getMethod())
                || WEBHOOKS.matches(path)
                || TEST_WEBHOOKS.matches(path)
                || hasApiKey(request)) {
            return chain.filter(exchange);
        }
        Optional<String> refusal = refusal(request);
        if (refusal.isPresent()) {
            return ProblemWriter.write(exchange, HttpStatus.FORBIDDEN, refusal.get());
        }
        return chain.filter(exchange);
    }

    private Optional<String> refusal(ServerHttpRequest request) {
        String site = request.getHeaders().getFirst("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return Optional.of("Cross-site request refused (Sec-Fetch-Site: " + site
                    + "): the API accepts state changes from Hearth's own pages or with an API key");
        }
        String origin = request.getHeaders().getOrigin();
        if (origin != null && !sameOrigin(origin, request)) {
            return Optional.of("Cross-origin request refused (Origin: " + origin
                    + "): the API accepts state changes from Hearth's own pages or with an API key");
        }
        return Optional.empty();
    }

    private boolean sameOrigin(String origin, ServerHttpRequest request) {
        Optional<String> given = origin(origin);
        if (given.isEmpty()) {
            return false; // "null" (sandboxed frames, some redirects) or garbage
        }
        if (publicOrigin.equals(given)) {
            return true;
        }
        String host = request.getHeaders().getFirst("Host");
        if (host == null) {
            return false;
        }
        // Compared without the scheme: behind a TLS-terminating proxy the request reaches Hearth as http.
        String scheme = given.get().substring(0, given.get().indexOf("://"));
        String authority = given.get().substring(scheme.length() + 3);
        return withPort(authority, scheme).equals(withPort(host.strip().toLowerCase(Locale.ROOT), scheme));
    }

    private static String withPort(String authority, String scheme) {
        boolean hasPort = authority.matches(".*:\\d+$") && !authority.endsWith("]");
        return hasPort ? authority : authority + (scheme.equals("https") ? ":443" : ":80");
    }

    /** {@code scheme://host[:port]} in lower case, or empty. */
    static Optional<String> origin(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI u = URI.create(url.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return Optional.empty();
            }
            String port = u.getPort() < 0 ? "" : ":" + u.getPort();
            return Optional.of((u.getScheme() + "://" + u.getHost() + port).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean hasApiKey(ServerHttpRequest request) {
        String key = request.getHeaders().getFirst("X-Hearth-Api-Key");
        String authorization = request.getHeaders().getFirst("Authorization");
        return (key != null && !key.isBlank())
                || (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7));
    }
}
