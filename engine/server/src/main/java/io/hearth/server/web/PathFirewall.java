package io.hearth.server.web;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses (400) request paths that different layers could read differently: encoded slashes, backslashes
 * or percent signs, {@code .}/{@code ..} segments (also encoded), {@code ;} path parameters (e.g. {@code ..;}),
 * empty segments ({@code //}) and control characters. Runs before anything else, so authorization and routing
 * only ever see paths whose decoded form has one meaning. Authorization does not rely on this filter: it decides
 * on the decoded path, as the router does ({@link io.hearth.server.auth.PublicRoutes}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PathFirewall implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<String> problem = problem(exchange.getRequest().getPath().value());
        if (problem.isPresent()) {
            return ProblemWriter.write(
                    exchange, HttpStatus.BAD_REQUEST, "The request path is refused: " + problem.get());
        }
        return chain.filter(exchange);
    }

    /** Why a raw (still encoded) request path is refused, or empty when it is acceptable. */
    public static Optional<String> problem(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Optional.of("it must start with /");
        }
        String[] segments = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String raw = segments[i];
            if (raw.isEmpty()) {
                if (i == segments.length - 1) {
                    continue; // a trailing slash
                }
                return Optional.of("it contains an empty segment (//)");
            }
            if (raw.indexOf(';') >= 0) {
                return Optional.of("it contains ';'");
            }
            String decoded;
            try {
                decoded = StringUtils.uriDecode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.of("it contains a malformed percent-encoding");
            }
            if (decoded.equals(".") || decoded.equals("..")) {
                return Optional.of("it contains a '" + decoded + "' segment");
            }
            for (int c = 0; c < decoded.length(); c++) {
                char ch = decoded.charAt(c);
                if (ch == '/' || ch == '\\' || ch == '%' || ch == ';') {
                    return Optional.of("it contains an encoded or escaped '" + ch + "'");
                }
                if (Character.isISOControl(ch)) {
                    return Optional.of("it contains a control character");
                }
            }
        }
        return Optional.empty();
    }
}
