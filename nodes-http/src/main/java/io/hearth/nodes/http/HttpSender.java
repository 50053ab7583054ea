package io.hearth.nodes.http;

import io.hearth.node.NodeApiException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Sends drafts with the JDK's non-blocking HttpClient (HTTP/1.1). Redirects are followed here, not by
 * the client, so the node's "Max Redirects" holds and a credential's headers do not follow a redirect
 * to another origin. Digest authentication answers the server's challenge.
 */
final class HttpSender {

    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Map<String, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    /** Per-request settings from the node's options. */
    record Settings(
            Duration timeout,
            boolean followRedirects,
            int maxRedirects,
            boolean insecure,
            String proxy,
            boolean credentialsOnCrossOriginRedirect,
            Optional<Digest> digest) {}

    /** A user and password for Digest authentication. */
    record Digest(String user, String password) {}

    /** What came back. */
    // a carrier of bytes, not a value: never compared or hashed, and copying would cost a copy per use
    @SuppressWarnings("ArrayRecordComponent")
    record Response(int status, Map<String, List<String>> headers, byte[] body, URI url) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }
    }

    private HttpSender() {}

    static CompletableFuture<Response> send(RequestDraft draft, Settings settings) {
        return send(draft, settings, 0, false);
    }

    private static CompletableFuture<Response> send(
            RequestDraft draft, Settings settings, int redirects, boolean digestTried) {
        HttpRequest request = build(draft, settings);
        return client(settings)
                .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((r, failure) -> {
                    if (failure != null) {
                        throw failed(draft, settings, failure);
                    }
                    return r;
                })
                .thenCompose(r -> {
                    Response response = new Response(r.statusCode(), r.headers().map(), r.body(), r.uri());
                    if (r.statusCode() == 401 && settings.digest().isPresent() && !digestTried) {
                        String challenge = response.header("WWW-Authenticate");
                        if (challenge != null && challenge.regionMatches(true, 0, "Digest", 0, 6)) {
                            RequestDraft signed = draft.copy();
                            Digest d = settings.digest().get();
                            signed.header(
                                    "Authorization",
                                    DigestAuth.authorization(
                                            challenge, signed.method(), signed.uri(), d.user(), d.password()));
                            return send(signed, settings, redirects, true);
                        }
                    }
                    if (isRedirect(r.statusCode()) && settings.followRedirects()) {
                        String location = response.header("Location");
                        if (location != null) {
                            if (redirects >= settings.maxRedirects()) {
                                throw new NodeApiException(
                                        "Maximum number of redirects exceeded (" + settings.maxRedirects() + ")",
                                        r.statusCode(),
                                        "URL: " + draft.shownUrl(),
                                        null);
                            }
                            return send(
                                    redirected(draft, r.statusCode(), location, settings),
                                    settings,
                                    redirects + 1,
                                    digestTried);
                        }
                    }
                    return CompletableFuture.completedFuture(response);
                });
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static RequestDraft redirected(RequestDraft draft, int status, String location, Settings settings) {
        URI from = draft.uri();
        URI to = from.resolve(location.trim());
        RequestDraft next = new RequestDraft(draft.method, to);
        next.arrayFormat = draft.arrayFormat;
        boolean sameOrigin = to.getScheme().equalsIgnoreCase(from.getScheme())
                && to.getHost() != null
                && to.getHost().equalsIgnoreCase(from.getHost())
                && port(to) == port(from);
        for (Map.Entry<String, String> h : draft.headers) {
            boolean credential = draft.isSignedHeader(h.getKey())
                    || h.getKey().equalsIgnoreCase("authorization")
                    || h.getKey().equalsIgnoreCase("cookie");
            if (!credential || sameOrigin || settings.credentialsOnCrossOriginRedirect()) {
                next.headers.add(h);
            }
        }
        boolean keepBody = status == 307 || status == 308;
        if (keepBody) {
            next.body = draft.body;
        } else if (!draft.method.equals("HEAD")) {
            next.method = "GET";
            next.headers.removeIf(h -> h.getKey().equalsIgnoreCase("content-type"));
        }
        return next;
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static HttpRequest build(RequestDraft draft, Settings settings) {
        RequestDraft.Encoded body = draft.encodeBody();
        HttpRequest.Builder b = HttpRequest.newBuilder(draft.uri()).timeout(settings.timeout());
        boolean hasContentType = false;
        boolean hasAgent = false;
        for (Map.Entry<String, String> h : draft.headers) {
            String lower = h.getKey().toLowerCase(Locale.ROOT);
            if (RESTRICTED.contains(lower)) {
                continue;
            }
            hasContentType |= lower.equals("content-type");
            hasAgent |= lower.equals("user-agent");
            b.header(h.getKey(), h.getValue());
        }
        if (!hasContentType && body.contentType() != null) {
            b.header("Content-Type", body.contentType());
        }
        if (!hasAgent) {
            b.header("User-Agent", "n8n");
        }
        if (!hasHeader(draft, "accept")) {
            b.header(
                    "Accept",
                    "application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, image/*;q=0.8, */*;q=0.7");
        }
        HttpRequest.BodyPublisher publisher = body.bytes().length == 0 && draft.body instanceof RequestDraft.NoBody
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body.bytes());
        return b.method(draft.method, publisher).build();
    }

    private static boolean hasHeader(RequestDraft draft, String name) {
        return draft.header(name) != null;
    }

    private static RuntimeException failed(RequestDraft draft, Settings settings, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof NodeApiException n) {
            return n;
        }
        String url = draft.shownUrl();
        if (cause instanceof HttpConnectTimeoutException) {
            return new NodeApiException("Connection timed out: " + url, 0, null, null);
        }
        if (cause instanceof HttpTimeoutException) {
            return new NodeApiException(
                    "timeout of " + settings.timeout().toMillis() + "ms exceeded", 0, "URL: " + url, null);
        }
        if (cause instanceof SSLException) {
            return new NodeApiException(
                    "TLS handshake with " + draft.uri().getHost() + " failed: " + cause.getMessage(),
                    0,
                    "The server's certificate could not be verified. If you trust it, enable Options → Ignore SSL"
                            + " Issues (Insecure). URL: " + url,
                    null);
        }
        if (cause instanceof java.net.ConnectException) {
            return new NodeApiException(
                    "The connection to " + draft.uri().getHost() + " was refused (" + url + ")", 0, null, null);
        }
        if (cause instanceof java.nio.channels.UnresolvedAddressException
                || cause instanceof java.net.UnknownHostException) {
            return new NodeApiException(
                    "The host " + draft.uri().getHost() + " could not be found (" + url + ")", 0, null, null);
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new NodeApiException("The request failed: " + message + " (" + url + ")", 0, null, null);
    }

    private static HttpClient client(Settings settings) {
        String key = settings.insecure() + "|" + settings.proxy();
        return CLIENTS.computeIfAbsent(key, k -> {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(30));
            if (settings.insecure()) {
                b.sslContext(trustAll());
            }
            if (settings.proxy() != null && !settings.proxy().isBlank()) {
                URI p = URI.create(settings.proxy().contains("://") ? settings.proxy() : "http://" + settings.proxy());
                b.proxy(ProxySelector.of(new InetSocketAddress(p.getHost(), p.getPort() < 0 ? 80 : p.getPort())));
            }
            return b.build();
        });
    }

    /** Trusts any certificate and any host name: "Ignore SSL Issues (Insecure)". */
    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // An X509ExtendedTrustManager that accepts everything also skips the host-name check.
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
