package io.hearth.server.credential;

import io.hearth.common.SecretRedactor;
import io.hearth.credentials.CredentialNotFoundException;
import io.hearth.credentials.CredentialService;
import io.hearth.node.credential.BrowserSignIn;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.FieldError;
import io.hearth.runtime.registry.NodeRegistry;
import io.hearth.runtime.workflow.FieldProblem;
import io.hearth.server.auth.AuthFilter;
import io.hearth.server.auth.AuthService;
import io.hearth.server.config.HearthProperties;
import io.hearth.server.support.Blocking;
import io.hearth.server.support.Hashing;
import io.hearth.server.web.ApiException;
import io.hearth.server.web.PublicUrl;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Browser sign-in for credential types that declare one ({@link BrowserSignIn}, e.g. "Sign in with Home
 * Assistant"): start it (the URL the editor opens), the callback the provider's page sends the browser to
 * (the code is exchanged and the tokens stored encrypted in the credential), and Disconnect (revoked at the
 * provider, removed from the credential). The callback's address is {@code <public URL>rest/oauth2-credential/callback}
 * ({@code HEARTH_PUBLIC_URL} behind a proxy).
 */
@RestController
public class CredentialSignInController {

    static final String CALLBACK = "rest/oauth2-credential/callback";
    private static final Logger LOG = LoggerFactory.getLogger(CredentialSignInController.class);

    private final CredentialService credentials;
    private final NodeRegistry registry;
    private final HearthProperties properties;
    private final Blocking blocking;
    private final SignInStates states;

    public CredentialSignInController(
            CredentialService credentials, NodeRegistry registry, HearthProperties properties, Blocking blocking) {
        this.credentials = credentials;
        this.registry = registry;
        this.properties = properties;
        this.blocking = blocking;
        this.states = new SignInStates(Clock.systemUTC());
    }

    /** A sign-in to open in the browser: {@code {url, redirectUri}}. */
    @PostMapping("/api/v1/credentials/{id}/sign-in")
    public Mono<Map<String, Object>> start(@PathVariable String id, ServerWebExchange exchange) {
        String publicUrl = PublicUrl.of(properties, exchange);
        SignInStates.Starter starter =
                starter(exchange).orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "not signed in"));
        return blocking.call(() -> {
                    SignInTarget target = target(id);
                    List<FieldError> problems = target.type().validate(target.data());
                    if (!problems.isEmpty()) {
                        throw ApiException.invalid(problems.stream()
                                .map(e -> new FieldProblem("data." + e.field(), e.message()))
                                .toList());
                    }
                    URI base = URI.create(publicUrl);
                    URI redirect = base.resolve(CALLBACK);
                    String state = states.start(id, publicUrl, starter);
                    Map<String, Object> m = new LinkedHashMap<>();
                    URI url;
                    try {
                        url = target.signIn()
                                .authorizationUri(target.data(), base, redirect, state, states.codeVerifier(state));
                    } catch (IllegalArgumentException e) {
                        throw ApiException.badRequest(e.getMessage());
                    }
                    m.put("url", url.toString());
                    m.put("redirectUri", redirect.toString());
                    m.put("buttonText", target.signIn().buttonText());
                    return m;
                })
                .onErrorMap(e -> !(e instanceof ApiException), CredentialController::translate);
    }

    /** Where the provider's page sends the browser: exchanges the code, stores the tokens, answers a page. */
    @GetMapping(value = "/" + CALLBACK, produces = MediaType.TEXT_HTML_VALUE)
    public Mono<ResponseEntity<String>> callback(
            @RequestParam Optional<String> code,
            @RequestParam Optional<String> state,
            @RequestParam Optional<String> error,
            @RequestParam(name = "error_description") Optional<String> errorDescription,
            ServerWebExchange exchange) {
        Optional<SignInStates.Pending> pending = states.take(state);
        if (pending.isEmpty()) {
            return Mono.just(page(
                    HttpStatus.BAD_REQUEST,
                    false,
                    "",
                    "This sign-in link has expired or was already used",
                    "Go back to Hearth and click the sign-in button of the credential again."));
        }
        String id = pending.get().credentialId();
        Optional<SignInStates.Starter> requester = starter(exchange);
        if (requester.isEmpty() || !pending.get().starter().admits(requester.get())) {
            LOG.warn("Browser sign-in of credential {} refused: the callback came to another Hearth session", id);
            return Mono.just(page(
                    HttpStatus.FORBIDDEN,
                    false,
                    "",
                    "This sign-in belongs to another Hearth session",
                    requester.isEmpty()
                            ? "Sign in to Hearth in this browser, then click the sign-in button of the credential again."
                            : "Click the sign-in button of the credential again, in the Hearth window you work in."));
        }
        if (error.isPresent() || code.isEmpty()) {
            return Mono.just(page(
                    HttpStatus.BAD_REQUEST,
                    false,
                    id,
                    "You were not signed in",
                    error.map(e -> "The sign-in page answered: " + e
                                    + errorDescription.map(d -> " (" + d + ")").orElse(""))
                            .orElse("The sign-in page sent no code.")));
        }
        URI base = URI.create(pending.get().publicUrl());
        return blocking.call(() -> target(id))
                .flatMap(target -> Mono.fromCompletionStage(() -> target.signIn()
                                .exchange(
                                        target.data(),
                                        base,
                                        base.resolve(CALLBACK),
                                        code.get(),
                                        pending.get().codeVerifier()))
                        .flatMap(values -> blocking.call(() -> {
                            Map<String, Object> merged =
                                    new LinkedHashMap<>(target.data().values());
                            merged.putAll(values);
                            credentials.update(id, merged);
                            return page(
                                    HttpStatus.OK,
                                    true,
                                    id,
                                    "Signed in",
                                    "The credential is connected. You can close this window and return to Hearth.");
                        })))
                .onErrorResume(e -> {
                    String message = SecretRedactor.of(List.of(code.get())).describe(unwrap(e));
                    LOG.warn("Browser sign-in of credential {} failed: {}", id, message);
                    return Mono.just(page(HttpStatus.BAD_GATEWAY, false, id, "You were not signed in", message));
                });
    }

    /** The callback page's script: tells the editor that opened it, then closes it (scripts must be files: CSP). */
    @GetMapping(value = "/rest/oauth2-credential/done.js", produces = "text/javascript")
    public String doneScript() {
        return """
                (function () {
                  var b = document.body;
                  if (window.opener) {
                    window.opener.postMessage({ type: 'hearth-sign-in', credentialId: b.dataset.credential,
                      ok: b.dataset.ok === 'true', message: b.dataset.message }, window.location.origin);
                    if (b.dataset.ok === 'true') setTimeout(function () { window.close(); }, 1500);
                  }
                })();
                """;
    }

    /** Disconnect: revokes the sign-in at the provider and removes it from the credential. */
    @PostMapping("/api/v1/credentials/{id}/sign-out")
    public Mono<Map<String, Object>> signOut(@PathVariable String id) {
        return blocking.call(() -> target(id))
                .flatMap(target -> Mono.fromCompletionStage(
                                () -> target.signIn().revoke(target.data()))
                        .then(Mono.just(Optional.<String>empty()))
                        .onErrorResume(e -> Mono.just(Optional.of(
                                SecretRedactor.of(target.data().secretValues()).describe(unwrap(e)))))
                        .flatMap(problem -> blocking.call(() -> {
                            Map<String, Object> cleared =
                                    new LinkedHashMap<>(target.data().values());
                            cleared.put(target.signIn().tokenField(), "");
                            credentials.update(id, cleared);
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("signedIn", false);
                            m.put("revoked", problem.isEmpty());
                            problem.ifPresent(p -> m.put("message", "Removed from Hearth, but not revoked: " + p));
                            return m;
                        })))
                .onErrorMap(e -> !(e instanceof ApiException), CredentialController::translate);
    }

    /**
     * Who is asking: the signed-in user and, for a browser session (not an API key), the digest of its
     * session token. Empty without a session or key (the callback route is public so that it can say so).
     */
    private static Optional<SignInStates.Starter> starter(ServerWebExchange exchange) {
        AuthService.Principal principal = exchange.getAttribute(AuthFilter.PRINCIPAL);
        if (principal == null) {
            return Optional.empty();
        }
        Optional<String> session = principal.apiKeyId().isPresent()
                ? Optional.empty()
                : Optional.ofNullable(exchange.getRequest().getCookies().getFirst(AuthFilter.COOKIE))
                        .map(HttpCookie::getValue)
                        .map(Hashing::sha256);
        return Optional.of(new SignInStates.Starter(principal.user().id(), session));
    }

    private record SignInTarget(CredentialData data, CredentialType type, BrowserSignIn signIn) {}

    private SignInTarget target(String id) {
        CredentialData data;
        try {
            data = credentials.decrypt(id);
        } catch (CredentialNotFoundException e) {
            throw ApiException.notFound("Credential", id);
        }
        CredentialType type = registry.credentialType(data.type())
                .orElseThrow(() -> ApiException.badRequest("The credential type " + data.type() + " is not installed"));
        BrowserSignIn signIn = type.browserSignIn()
                .orElseThrow(() -> ApiException.badRequest("Credentials of type " + data.type() + " have no sign-in"));
        return new SignInTarget(type.normalize(data), type, signIn);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static ResponseEntity<String> page(
            HttpStatus status, boolean ok, String credentialId, String title, String message) {
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%s · Hearth</title>
                <style>body{font-family:system-ui,sans-serif;margin:3rem auto;max-width:36rem;color:#222}
                h1{font-size:1.4rem}.ok{color:#176b3a}.failed{color:#a4262c}</style></head>
                <body data-ok="%s" data-credential="%s" data-message="%s">
                <h1 class="%s" data-testid="sign-in-result">%s</h1><p>%s</p>
                %s</body></html>
                """.formatted(
                        escape(title),
                        ok,
                        escape(credentialId),
                        escape(message),
                        ok ? "ok" : "failed",
                        escape(title),
                        escape(message),
                        // tells the editor window that opened this one (only a page of the signed-in session has one)
                        credentialId.isEmpty() ? "" : "<script src=\"done.js\"></script>");
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
