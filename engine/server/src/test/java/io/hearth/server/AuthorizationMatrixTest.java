package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.auth.PublicRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;

/**
 * Every route of the running server (read from its own handler mappings) against requests that must not get
 * in: no credentials, a revoked API key, a forged session cookie, and paths encoded so that a check on the raw
 * path and the router's decoded match could disagree. A protected route answers 401 from the authentication
 * filter (or 400 from the path firewall), never its handler's answer.
 */
class AuthorizationMatrixTest extends ApiTestSupport {

    private static final String FILTER_DETAIL = "Sign in (POST /api/v1/auth/login)";

    /** The public routes, stated here on purpose: making a route public has to change this test. */
    private static final Set<String> EXPECTED_PUBLIC = Set.of(
            "GET /api/v1/auth/status",
            "POST /api/v1/auth/setup",
            "POST /api/v1/auth/login",
            "GET /",
            "GET /actuator/health",
            "GET /actuator/health/{*path}",
            "GET /v3/api-docs",
            "GET /v3/api-docs/swagger-config",
            "GET /swagger-ui.html",
            "GET /webhook/**",
            "POST /webhook/**",
            "GET /webhook-test/**",
            "POST /webhook-test/**",
            // a credential's browser sign-in comes back here; the controller admits only the session that started it
            "GET /rest/oauth2-credential/callback");

    @Autowired
    ApplicationContext context;

    private List<RouteCatalog.Route> routes;
    private String revokedKey;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void routesAndARevokedKey() {
        routes = RouteCatalog.of(context);
        Map<String, Object> created = api.post()
                .uri("/api/v1/api-keys")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "revoked"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        revokedKey = (String) created.get("key");
        api.get()
                .uri("/api/v1/workflows")
                .header("X-Hearth-Api-Key", revokedKey)
                .exchange()
                .expectStatus()
                .isOk();
        api.delete()
                .uri("/api/v1/api-keys/{id}", created.get("id"))
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    @Test
    void theRouteListIsTheServersOwn() {
        assertThat(routes)
                .extracting(RouteCatalog.Route::toString)
                .contains(
                        "GET /api/v1/credentials",
                        "DELETE /api/v1/workflows/{id}",
                        "POST /api/v1/admin/rotate-encryption-key",
                        "GET /actuator/prometheus",
                        "POST /webhook/**");
        assertThat(routes.size()).isGreaterThan(40);
    }

    @Test
    void onlyTheDeclaredRoutesArePublic() {
        Set<String> publicRoutes = new TreeSet<>();
        for (RouteCatalog.Route r : routes) {
            if (PublicRoutes.isPublic(r.method(), PathContainer.parsePath(r.examplePath()))) {
                publicRoutes.add(r.toString());
            }
        }
        assertThat(publicRoutes)
                .containsExactlyInAnyOrderElementsOf(EXPECTED_PUBLIC.stream()
                        .filter(p -> routes.stream().anyMatch(r -> r.toString().equals(p)))
                        .toList());
        assertThat(publicRoutes).isSubsetOf(EXPECTED_PUBLIC);
    }

    @Test
    void publicRoutesAnswerWithoutCredentials() {
        SoftAssertions soft = new SoftAssertions();
        for (RouteCatalog.Route r : routes) {
            if (isPublic(r)) {
                var answer = RawHttp.send(port, r.method().name(), r.examplePath(), Map.of());
                soft.assertThat(answer.status())
                        .as(r.toString())
                        .isNotEqualTo(401)
                        .isLessThan(500);
            }
        }
        soft.assertAll();
    }

    @Test
    void everyOtherRouteRefusesRequestsWithoutValidCredentials() {
        List<Map<String, String>> identities = List.of(
                Map.of(),
                Map.of("X-Hearth-Api-Key", revokedKey),
                Map.of("Authorization", "Bearer " + revokedKey),
                Map.of("X-Hearth-Api-Key", "hk_forged0000000000000000000000000000"),
                Map.of("Cookie", "hearth_session=forged-session-token-0123456789abcdef"),
                Map.of("Cookie", "hearth_session="));
        SoftAssertions soft = new SoftAssertions();
        int checked = 0;
        for (RouteCatalog.Route r : routes) {
            if (isPublic(r)) {
                continue;
            }
            for (Map<String, String> identity : identities) {
                var answer = RawHttp.send(port, r.method().name(), r.examplePath(), identity);
                soft.assertThat(answer.status())
                        .as("%s with %s", r, identity.keySet())
                        .isEqualTo(401);
                soft.assertThat(answer.body())
                        .as("%s with %s", r, identity.keySet())
                        .contains(FILTER_DETAIL);
                checked++;
            }
        }
        soft.assertAll();
        assertThat(checked).isGreaterThan(200);
    }

    @Test
    void encodedAndAlteredPathsNeverReachAProtectedHandler() {
        SoftAssertions soft = new SoftAssertions();
        int checked = 0;
        for (RouteCatalog.Route r : routes) {
            if (isPublic(r)) {
                continue;
            }
            for (String variant : variants(r.examplePath())) {
                var answer = RawHttp.send(port, r.method().name(), variant, Map.of());
                soft.assertThat(answer.status())
                        .as("%s %s", r.method(), variant)
                        .isIn(400, 401);
                checked++;
            }
        }
        soft.assertAll();
        assertThat(checked).isGreaterThan(500);
    }

    @Test
    void withAValidKeyEveryReadRouteExists() {
        SoftAssertions soft = new SoftAssertions();
        for (RouteCatalog.Route r : routes) {
            if (r.method().name().equals("GET") && !isPublic(r)) {
                var answer = RawHttp.send(port, "GET", r.examplePath(), Map.of("X-Hearth-Api-Key", apiKey()));
                soft.assertThat(answer.status())
                        .as(r.toString())
                        .isNotEqualTo(401)
                        .isLessThan(500);
            }
        }
        soft.assertAll();
    }

    @Test
    void aPercentEncodedPathIsAuthorizedAsItsDecodedForm() {
        assertThat(RawHttp.send(port, "GET", "/%61pi/v1/credentials", Map.of()).status())
                .isEqualTo(401);
        assertThat(RawHttp.send(port, "GET", "/ap%69/v1/workflows", Map.of()).status())
                .isEqualTo(401);
        assertThat(RawHttp.send(port, "GET", "/%61ctuator/prometheus", Map.of()).status())
                .isEqualTo(401);
        assertThat(RawHttp.send(port, "DELETE", "/%61pi/v1/workflows/x1", Map.of())
                        .status())
                .isEqualTo(401);
        assertThat(RawHttp.send(port, "POST", "/%61pi/v1/admin/rotate-encryption-key", Map.of())
                        .status())
                .isEqualTo(401);
        // the same decoding lets a legitimate (if odd) request through with a key
        assertThat(RawHttp.send(port, "GET", "/%61pi/v1/credentials", Map.of("X-Hearth-Api-Key", apiKey()))
                        .status())
                .isEqualTo(200);
    }

    /** The request target altered the ways proxies, filters and routers have been seen to disagree on. */
    static List<String> variants(String path) {
        List<String> out = new ArrayList<>();
        String[] segments = path.substring(1).split("/");
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (!s.isEmpty()) {
                out.add(replace(segments, i, String.format("%%%02X", (int) s.charAt(0)) + s.substring(1)));
                out.add(replace(segments, i, String.format("%%%02x", (int) s.charAt(0)) + s.substring(1)));
                out.add(replace(segments, i, s.toUpperCase(java.util.Locale.ROOT)));
                out.add(replace(segments, i, s + "."));
                out.add(replace(segments, i, s + "%2E"));
                out.add(replace(segments, i, s + ";"));
                out.add(replace(segments, i, s + ";x=1"));
                out.add(replace(segments, i, s + "/"));
            }
        }
        out.add(path.toUpperCase(java.util.Locale.ROOT));
        out.add("/" + path);
        out.add(path.replace("/", "//"));
        out.add(path + "/");
        out.add(path + ".");
        out.add(path + "%00");
        out.add(path + "%0d%0a");
        out.add(path + "?x=1");
        out.add(path.replaceFirst("/([^/]*)$", "%2F$1"));
        out.add(path.replaceFirst("/([^/]*)$", "%2f$1"));
        out.add(path.replace("/", "%2F").replaceFirst("^%2F", "/"));
        for (String publicPrefix : List.of("/webhook", "/webhook-test", "/assets", "/api/v1/auth/login")) {
            out.add(publicPrefix + "/.." + path);
            out.add(publicPrefix + "/..;" + path);
            out.add(publicPrefix + "/%2e%2e" + path);
            out.add(publicPrefix + "/%2E%2E" + path);
            out.add(publicPrefix + "/..%2F.." + path);
            out.add(publicPrefix + "%2F..%2F.." + path);
            out.add(publicPrefix + "/..%5C.." + path);
            out.add(publicPrefix + "/%252e%252e" + path);
            out.add(publicPrefix + ";/.." + path);
        }
        out.add("/.." + path);
        out.add("/./" + path.substring(1));
        out.add(path.replaceFirst("^/([^/]*)", "/$1/..;/$1"));
        return out;
    }

    private static String replace(String[] segments, int index, String value) {
        String[] copy = segments.clone();
        copy[index] = value;
        return "/" + String.join("/", copy);
    }

    private static boolean isPublic(RouteCatalog.Route r) {
        return PublicRoutes.isPublic(r.method(), PathContainer.parsePath(r.examplePath()));
    }
}
