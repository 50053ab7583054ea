package io.hearth.server.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Headers that keep the editor and the API from being framed, sniffed or leaking their URLs: a Content Security
 * Policy (own scripts only, no plug-ins, no framing), {@code X-Frame-Options: DENY},
 * {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: same-origin}. Webhook answers are the
 * workflow's own and get none of them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class SecurityHeaders implements WebFilter {

    /** Inline styles: React Flow positions nodes with style attributes. data:/blob: images: icons, previews. */
    public static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private static final PathPattern WEBHOOKS = PathPatternParser.defaultInstance.parse("/webhook/**");
    private static final PathPattern TEST_WEBHOOKS = PathPatternParser.defaultInstance.parse("/webhook-test/**");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        if (!WEBHOOKS.matches(path) && !TEST_WEBHOOKS.matches(path)) {
            exchange.getResponse().beforeCommit(() -> {
                HttpHeaders h = exchange.getResponse().getHeaders();
                h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                h.set("X-Frame-Options", "DENY");
                h.set("X-Content-Type-Options", "nosniff");
                h.set("Referrer-Policy", "same-origin");
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }
}
