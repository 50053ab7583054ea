package io.hearth.server.auth;

import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The routes answered without a session or an API key; every other route requires one (deny by default).
 * Matched like the router matches: {@link PathPattern}s on the decoded path segments, case-sensitive, so
 * {@code /%61pi/v1/credentials} is {@code /api/v1/credentials} here as it is there.
 */
public final class PublicRoutes {

    /** A public route: any of {@code methods} (all methods when empty) on {@code pattern}. */
    public record Route(Set<HttpMethod> methods, PathPattern pattern) {
        public boolean matches(HttpMethod method, PathContainer path) {
            return (methods.isEmpty() || methods.contains(method)) && pattern.matches(path);
        }
    }

    private static final Set<HttpMethod> READ = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    public static final List<Route> ROUTES = List.of(
            // signing in
            route("/api/v1/auth/status", READ),
            route("/api/v1/auth/setup", Set.of(HttpMethod.POST)),
            route("/api/v1/auth/login", Set.of(HttpMethod.POST)),
            // a credential's browser sign-in comes back here from the provider's page; public only so that a
            // browser without a Hearth session gets a page saying so: the controller admits the session that
            // started the sign-in, once (its single-use state)
            route("/rest/oauth2-credential/callback", Set.of(HttpMethod.GET)),
            // webhooks check their own authentication (the Webhook node's Authentication option)
            route("/webhook/**", Set.of()),
            route("/webhook-test/**", Set.of()),
            // the editor's static files (it signs in through the API)
            route("/", READ),
            route("/index.html", READ),
            route("/assets/**", READ),
            // liveness/readiness probes and the API documentation
            route("/actuator/health", READ),
            route("/actuator/health/**", READ),
            route("/v3/api-docs", READ),
            route("/v3/api-docs/**", READ),
            route("/swagger-ui.html", READ),
            route("/webjars/swagger-ui/**", READ));

    private PublicRoutes() {}

    public static boolean isPublic(HttpMethod method, PathContainer path) {
        return ROUTES.stream().anyMatch(r -> r.matches(method, path));
    }

    private static Route route(String pattern, Set<HttpMethod> methods) {
        return new Route(methods, PathPatternParser.defaultInstance.parse(pattern));
    }
}
