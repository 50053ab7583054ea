package io.hearth.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.hearth.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP server for tests of HTTP clients (JDK HttpServer): echo (method, path, query, headers and body sent
 * back as JSON), JSON, text, files, redirects, slow answers, errors, Digest, an OAuth2 token endpoint (client
 * credentials, refresh) and a resource it protects, pages; optionally TLS with a self-signed certificate made by
 * keytool. The Digest user and the OAuth2 client can be chosen ({@link #withDigestUser}, {@link #withOAuthClient}).
 */
public final class TestHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private volatile String digestUser = "ada";
    private volatile String digestPassword = "s3cret";
    private volatile String clientId = "app";
    private volatile String clientSecret = "app-secret";
    private volatile String tokenPrefix = "at-";

    private TestHttpServer(HttpServer server) {
        this.server = server;
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    public static TestHttpServer http() throws IOException {
        return new TestHttpServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    public static TestHttpServer https(Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        if (!Files.exists(keystore)) {
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "keytool")
                                    .toString(),
                            "-genkeypair",
                            "-alias",
                            "test",
                            "-keyalg",
                            "RSA",
                            "-keysize",
                            "2048",
                            "-dname",
                            "CN=localhost",
                            "-validity",
                            "2",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            keystore.toString(),
                            "-storepass",
                            "changeit",
                            "-keypass",
                            "changeit")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed");
            }
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(ssl));
        return new TestHttpServer(s);
    }

    /** The user and password {@code /digest} accepts (default ada / s3cret). */
    public TestHttpServer withDigestUser(String user, String password) {
        this.digestUser = user;
        this.digestPassword = password;
        return this;
    }

    /**
     * The client {@code /token} accepts (Basic auth or in the form; default app / app-secret) and how the access
     * tokens it issues begin (default {@code at-}); {@code /protected} accepts those tokens.
     */
    public TestHttpServer withOAuthClient(String id, String secret, String accessTokenPrefix) {
        this.clientId = id;
        this.clientSecret = secret;
        this.tokenPrefix = accessTokenPrefix;
        return this;
    }

    /** Requests received so far. */
    public int requests() {
        return requests.get();
    }

    /** Access tokens {@code /token} issued so far. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Refresh-token grants answered so far ({@code rt-…} tokens are accepted, {@code rt-revoked…} refused). */
    public int refreshes() {
        return refreshes.get();
    }

    public String url(String path) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The same server under another origin (host name localhost instead of 127.0.0.1). */
    public String otherOriginUrl(String path) {
        return url(path).replace("127.0.0.1", "localhost");
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String path = ex.getRequestURI().getPath();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        byte[] body = ex.getRequestBody().readAllBytes();
        try {
            switch (path) {
                // ?status=403: the echo comes with that status, as an API that quotes the refused request
                case "/echo" -> echo(ex, body, Integer.parseInt(query.getOrDefault("status", "200")));
                case "/array" -> send(ex, 200, "application/json", "[{\"id\":1},{\"id\":2}]");
                case "/padded" ->
                    send(
                            ex,
                            200,
                            "application/json",
                            "[{\"pad\":\"" + "x".repeat(Integer.parseInt(query.getOrDefault("size", "1000"))) + "\"}]");
                case "/text" -> send(ex, 200, "text/plain; charset=utf-8", "hello wörld");
                case "/html" -> send(ex, 200, "text/html", "<html>not json</html>");
                case "/image" -> {
                    ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"pixel.png\"");
                    send(ex, 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
                }
                case "/empty" -> send(ex, 204, null, new byte[0]);
                case "/redirect" -> {
                    int n = Integer.parseInt(query.getOrDefault("n", "1"));
                    ex.getResponseHeaders().add("Location", n <= 1 ? "/echo?redirected=yes" : "/redirect?n=" + (n - 1));
                    send(ex, 302, null, new byte[0]);
                }
                case "/cross-redirect" -> {
                    ex.getResponseHeaders().add("Location", otherOriginUrl("/echo"));
                    send(ex, 302, null, new byte[0]);
                }
                case "/slow" -> {
                    Thread.sleep(Long.parseLong(query.getOrDefault("ms", "3000")));
                    send(ex, 200, "application/json", "{\"slow\":true}");
                }
                case "/status" -> {
                    int code = Integer.parseInt(query.getOrDefault("code", "500"));
                    send(ex, code, "application/json", "{\"message\":\"status " + code + " from the server\"}");
                }
                case "/digest" -> digest(ex);
                case "/users" -> users(ex, query);
                case "/token" -> token(ex, new String(body, StandardCharsets.UTF_8));
                case "/protected" -> {
                    String auth = ex.getRequestHeaders().getFirst("Authorization");
                    if (auth != null && auth.startsWith("Bearer " + tokenPrefix)) {
                        send(ex, 200, "application/json", "{\"token\":\"" + auth.substring(7) + "\"}");
                    } else {
                        send(ex, 401, "application/json", "{\"message\":\"no valid token\"}");
                    }
                }
                default -> send(ex, 404, "text/plain", "no route " + path);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ex.close();
        }
    }

    private void echo(HttpExchange ex, byte[] body, int status) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", ex.getRequestMethod());
        out.put("path", ex.getRequestURI().getPath());
        out.put("rawQuery", ex.getRequestURI().getRawQuery());
        out.put("query", query(ex.getRequestURI().getRawQuery()));
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        out.put("headers", headers);
        out.put("body", new String(body, StandardCharsets.ISO_8859_1));
        send(ex, status, "application/json", Json.write(out));
    }

    private void users(HttpExchange ex, Map<String, String> query) throws IOException {
        int skip = Integer.parseInt(query.getOrDefault("skip", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "3"));
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = skip; i < Math.min(10, skip + limit); i++) {
            users.add(Map.of("id", i));
        }
        if (skip + limit < 10) {
            ex.getResponseHeaders().add("next-url", url("/users?limit=" + limit + "&skip=" + (skip + limit)));
        }
        if (users.isEmpty() && "404".equals(query.get("emptyStatus"))) {
            send(ex, 404, "application/json", "{\"message\":\"no more\"}");
            return;
        }
        send(ex, 200, "application/json", Json.write(Map.of("users", users, "total", 10, "skip", skip)));
    }

    private void token(HttpExchange ex, String form) throws IOException {
        Map<String, String> f = query(form);
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        boolean client = ("Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString(
                                                (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)))
                        .equals(basic)
                || (clientId.equals(f.get("client_id")) && clientSecret.equals(f.get("client_secret")));
        if (!client) {
            send(
                    ex,
                    401,
                    "application/json",
                    "{\"error\":\"invalid_client\",\"error_description\":\"unknown client\"}");
            return;
        }
        String grant = f.getOrDefault("grant_type", "");
        String refresh = f.getOrDefault("refresh_token", "");
        if (grant.equals("refresh_token") && (!refresh.startsWith("rt-") || refresh.startsWith("rt-revoked"))) {
            send(ex, 400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"revoked\"}");
            return;
        }
        if (!grant.equals("client_credentials") && !grant.equals("refresh_token")) {
            send(ex, 400, "application/json", "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        if (grant.equals("refresh_token")) {
            refreshes.incrementAndGet();
        }
        // refresh tokens rt-rotating-… are replaced at each refresh, as some providers do
        String rotated = refresh.startsWith("rt-rotating")
                ? ",\"refresh_token\":\"rt-rotating-" + tokensIssued.get() + "\""
                : "";
        send(
                ex,
                200,
                "application/json",
                "{\"access_token\":\"" + tokenPrefix + tokensIssued.incrementAndGet() + "-" + grant
                        + "\",\"token_type\":\"bearer\",\"expires_in\":3600" + rotated + "}");
    }

    private void digest(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String nonce = "abc123nonce";
        if (auth == null || !auth.startsWith("Digest ")) {
            ex.getResponseHeaders()
                    .add(
                            "WWW-Authenticate",
                            "Digest realm=\"test\", qop=\"auth\", nonce=\"" + nonce + "\", opaque=\"xyz\"");
            send(ex, 401, "text/plain", "challenge");
            return;
        }
        Map<String, String> p = new LinkedHashMap<>();
        var m = java.util.regex.Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]*))")
                .matcher(auth.substring(7));
        while (m.find()) {
            p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        String ha1 = md5(digestUser + ":test:" + digestPassword);
        String ha2 = md5(ex.getRequestMethod() + ":" + p.get("uri"));
        String expected = md5(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        if (expected.equals(p.get("response")) && digestUser.equals(p.get("username"))) {
            send(ex, 200, "application/json", "{\"authenticated\":true}");
        } else {
            send(ex, 401, "text/plain", "wrong digest");
        }
    }

    private static String md5(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.merge(k, v, (a, b) -> a + "," + b);
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            ex.getResponseHeaders().add("Content-Type", type);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
