package io.hearth.server.auth;

import io.hearth.server.support.Blocking;
import io.hearth.server.web.ApiException;
import io.hearth.server.web.ApiShapes;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
public class AuthController {

    private final AuthService auth;
    private final AuthThrottle throttle;
    private final Blocking blocking;

    public AuthController(AuthService auth, AuthThrottle throttle, Blocking blocking) {
        this.auth = auth;
        this.throttle = throttle;
        this.blocking = blocking;
    }

    public record Credentials(String email, String password, String name) {}

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.AuthStatus.class)))
    @GetMapping("/auth/status")
    public Mono<Map<String, Object>> status(ServerWebExchange exchange) {
        AuthService.Principal p = exchange.getAttribute(AuthFilter.PRINCIPAL);
        return blocking.call(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("setupRequired", auth.setupRequired());
            m.put("authenticated", p != null);
            m.put("user", p == null ? null : user(p.user()));
            return m;
        });
    }

    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.User.class)))
    @PostMapping("/auth/setup")
    public Mono<ResponseEntity<Map<String, Object>>> setup(@RequestBody Credentials body) {
        return blocking.call(() -> {
            User u = auth.setupOwner(body.email(), body.password(), body.name());
            return signedIn(HttpStatus.CREATED, u, auth.newSession(u));
        });
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.User.class)))
    @PostMapping("/auth/login")
    public Mono<ResponseEntity<Map<String, Object>>> login(@RequestBody Credentials body, ServerWebExchange exchange) {
        String account = body.email() == null ? "" : body.email().strip().toLowerCase(Locale.ROOT);
        String address = clientAddress(exchange);
        Optional<String> previous = sessionCookie(exchange);
        Optional<Duration> wait = later(
                throttle.waitFor(AuthThrottle.Kind.ACCOUNT, account),
                throttle.waitFor(AuthThrottle.Kind.ADDRESS, address));
        if (wait.isPresent()) {
            return Mono.error(ApiException.tooManyAttempts("Too many failed sign-ins", wait.get()));
        }
        return blocking.call(() -> {
            User u;
            try {
                u = auth.login(body.email(), body.password());
            } catch (ApiException e) {
                throttle.failed(AuthThrottle.Kind.ACCOUNT, account);
                throttle.failed(AuthThrottle.Kind.ADDRESS, address);
                throw e;
            }
            throttle.succeeded(AuthThrottle.Kind.ACCOUNT, account);
            throttle.succeeded(AuthThrottle.Kind.ADDRESS, address);
            // A new session on every sign-in; one the browser already carried ends (no session fixation).
            previous.ifPresent(auth::logout);
            return signedIn(HttpStatus.OK, u, auth.newSession(u));
        });
    }

    @GetMapping("/auth/sessions")
    public Mono<List<Map<String, Object>>> sessions(ServerWebExchange exchange) {
        User u = AuthFilter.principal(exchange).user();
        Optional<String> current = sessionCookie(exchange);
        return blocking.call(() -> auth.sessions(u, current).stream()
                .map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", s.id());
                    m.put("createdAt", s.createdAt().toString());
                    m.put("expiresAt", s.expiresAt().toString());
                    m.put("current", s.current());
                    return m;
                })
                .toList());
    }

    @DeleteMapping("/auth/sessions/{id}")
    public Mono<ResponseEntity<Void>> revokeSession(@PathVariable String id, ServerWebExchange exchange) {
        User u = AuthFilter.principal(exchange).user();
        return blocking.run(() -> auth.revokeSession(u, id))
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** Signs out every other session of the signed-in user (all of them when called with an API key). */
    @PostMapping("/auth/sessions/revoke-others")
    public Mono<Map<String, Object>> revokeOtherSessions(ServerWebExchange exchange) {
        User u = AuthFilter.principal(exchange).user();
        Optional<String> current = sessionCookie(exchange);
        return blocking.call(() -> Map.of("revoked", auth.revokeOtherSessions(u, current)));
    }

    private static Optional<String> sessionCookie(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getRequest().getCookies().getFirst(AuthFilter.COOKIE))
                .map(org.springframework.http.HttpCookie::getValue)
                .filter(v -> !v.isBlank());
    }

    /** The peer's address; forwarding headers are not trusted (anyone can send them). */
    static String clientAddress(ServerWebExchange exchange) {
        var remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
    }

    private static Optional<Duration> later(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().compareTo(a.get()) > 0 ? b : a;
    }

    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PostMapping("/auth/logout")
    public Mono<ResponseEntity<Void>> logout(ServerWebExchange exchange) {
        var cookie = exchange.getRequest().getCookies().getFirst(AuthFilter.COOKIE);
        return blocking.run(() -> {
                    if (cookie != null) {
                        auth.logout(cookie.getValue());
                    }
                })
                .thenReturn(ResponseEntity.noContent()
                        .header(
                                "Set-Cookie",
                                ResponseCookie.from(AuthFilter.COOKIE, "")
                                        .path("/")
                                        .maxAge(0)
                                        .build()
                                        .toString())
                        .build());
    }

    private static ResponseEntity<Map<String, Object>> signedIn(HttpStatus status, User u, String token) {
        ResponseCookie cookie = ResponseCookie.from(AuthFilter.COOKIE, token)
                .httpOnly(true)
                .sameSite("Lax")
                .path("/")
                .maxAge(Duration.ofDays(14))
                .build();
        return ResponseEntity.status(status)
                .header("Set-Cookie", cookie.toString())
                .body(user(u));
    }

    static Map<String, Object> user(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("email", u.email());
        m.put("name", u.name());
        m.put("role", u.role());
        return m;
    }

    public record NewKey(String label) {}

    @GetMapping("/api-keys")
    public Mono<List<Map<String, Object>>> keys(ServerWebExchange exchange) {
        User u = AuthFilter.principal(exchange).user();
        return blocking.call(
                () -> auth.apiKeys(u).stream().map(AuthController::key).toList());
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api-keys")
    public Mono<ResponseEntity<Map<String, Object>>> createKey(@RequestBody NewKey body, ServerWebExchange exchange) {
        User u = AuthFilter.principal(exchange).user();
        return blocking.call(() -> {
            var created = auth.createApiKey(u, body.label());
            Map<String, Object> m = key(created.key());
            m.put("key", created.secret());
            return ResponseEntity.status(HttpStatus.CREATED).body(m);
        });
    }

    @DeleteMapping("/api-keys/{id}")
    public Mono<ResponseEntity<Void>> deleteKey(@PathVariable String id, ServerWebExchange exchange) {
        User u = AuthFilter.principal(exchange).user();
        return blocking.run(() -> auth.deleteApiKey(u, id))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private static Map<String, Object> key(AuthRepository.ApiKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("label", k.label());
        m.put("createdAt", k.createdAt().toString());
        m.put("lastUsedAt", k.lastUsedAt().map(Object::toString).orElse(null));
        return m;
    }
}
