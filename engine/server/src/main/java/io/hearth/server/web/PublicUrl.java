package io.hearth.server.web;

import io.hearth.server.config.HearthProperties;
import org.springframework.web.server.ServerWebExchange;

/**
 * Hearth's base URL as users and other systems reach it, ending in {@code /}: {@code HEARTH_PUBLIC_URL} when
 * set (behind a reverse proxy), else the scheme and host the request came to.
 */
public final class PublicUrl {

    private PublicUrl() {}

    public static String of(HearthProperties properties, ServerWebExchange exchange) {
        String configured = properties.publicUrl();
        String base;
        if (configured != null && !configured.isBlank()) {
            base = configured.strip();
        } else {
            var uri = exchange.getRequest().getURI();
            base = uri.getScheme() + "://" + uri.getAuthority() + "/";
        }
        return base.endsWith("/") ? base : base + "/";
    }
}
