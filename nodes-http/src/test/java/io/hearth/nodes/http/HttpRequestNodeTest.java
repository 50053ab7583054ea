package io.hearth.nodes.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.testsupport.TestHttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP Request against real local servers: methods, bodies, options, errors, authentication. */
class HttpRequestNodeTest {

    static TestHttpServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestHttpServer.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> get(String path) {
        return Map.of("url", server.url(path));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> echoed(Map<String, Object> params) {
        var r = new HttpRuns().run(params);
        assertThat(HttpRuns.error(r)).isEmpty();
        return HttpRuns.json(r);
    }

    @Test
    void getsJsonAndSplitsArraysIntoItems() {
        var r = new HttpRuns().run(get("/array"));
        assertThat(HttpRuns.items(r)).extracting(Item::json).containsExactly(Map.of("id", 1L), Map.of("id", 2L));
        assertThat(HttpRuns.items(r).getFirst().pairedItems()).containsExactly(new Item.PairedItem(0, 0));
    }

    // JSON read back from the run is typed by the test, not the compiler
    @SuppressWarnings("unchecked")
    @Test
    void sendsQueryHeadersAndJsonBody() {
        Map<String, Object> e = echoed(Map.of(
                "method",
                "POST",
                "url",
                server.url("/echo"),
                "sendQuery",
                true,
                "queryParameters",
                Map.of(
                        "parameters",
                        List.of(
                                Map.of("name", "limit", "value", "2"),
                                Map.of("name", "tag", "value", "a"),
                                Map.of("name", "tag", "value", "b"))),
                "sendHeaders",
                true,
                "headerParameters",
                Map.of("parameters", List.of(Map.of("name", "X-Trace", "value", "t-1"))),
                "sendBody",
                true,
                "bodyParameters",
                Map.of(
                        "parameters",
                        List.of(
                                Map.of("name", "todo", "value", "write tests"),
                                Map.of("name", "done", "value", false)))));
        assertThat(e.get("method")).isEqualTo("POST");
        assertThat(e.get("rawQuery")).isEqualTo("limit=2&tag%5B%5D=a&tag%5B%5D=b");
        assertThat((Map<String, Object>) e.get("headers"))
                .containsEntry("x-trace", "t-1")
                .containsEntry("content-type", "application/json")
                .containsEntry("user-agent", "n8n");
        assertThat(Json.parse((String) e.get("body"))).isEqualTo(Map.of("todo", "write tests", "done", false));
    }

    @Test
    void sendsJsonSpecifiedAsJsonAndRefusesInvalidJson() {
        Map<String, Object> e = echoed(Map.of(
                "method",
                "PATCH",
                "url",
                server.url("/echo"),
                "sendBody",
                true,
                "specifyBody",
                "json",
                "jsonBody",
                "{\"title\":\"iPhone 12\"}"));
        assertThat(Json.parse((String) e.get("body"))).isEqualTo(Map.of("title", "iPhone 12"));
        var bad = new HttpRuns()
                .continueOnFail()
                .run(Map.of(
                        "method",
                        "POST",
                        "url",
                        server.url("/echo"),
                        "sendBody",
                        true,
                        "specifyBody",
                        "json",
                        "jsonBody",
                        "{\n  \"q\": \"abc\",\n}"));
        assertThat(HttpRuns.json(bad))
                .isEqualTo(Map.of("error", "The value in the \"JSON Body\" field is not valid JSON"));
    }

    @Test
    void sendsFormUrlencodedMultipartRawAndBinaryBodies() {
        Map<String, Object> form = echoed(Map.of(
                "method",
                "POST",
                "url",
                server.url("/echo"),
                "sendBody",
                true,
                "contentType",
                "form-urlencoded",
                "bodyParameters",
                Map.of("parameters", List.of(Map.of("name", "a b", "value", "c&d")))));
        assertThat(form.get("body")).isEqualTo("a+b=c%26d");
        Item withFile = Item.empty()
                .withBinary(
                        "data",
                        BinaryData.of("file-bytes".getBytes(StandardCharsets.UTF_8), "text/plain", "notes.txt"));
        var multi = new HttpRuns()
                .run(
                        Map.of(
                                "method",
                                "POST",
                                "url",
                                server.url("/echo"),
                                "sendBody",
                                true,
                                "contentType",
                                "multipart-form-data",
                                "bodyParameters",
                                Map.of(
                                        "parameters",
                                        List.of(
                                                Map.of("parameterType", "formData", "name", "field", "value", "v1"),
                                                Map.of(
                                                        "parameterType",
                                                        "formBinaryData",
                                                        "name",
                                                        "upload",
                                                        "inputDataFieldName",
                                                        "data")))),
                        List.of(withFile));
        String body = (String) HttpRuns.json(multi).get("body");
        assertThat(body)
                .contains("Content-Disposition: form-data; name=\"field\"\r\n\r\nv1\r\n")
                .contains("name=\"upload\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\nfile-bytes\r\n");
        assertThat((String) ((Map<?, ?>) HttpRuns.json(multi).get("headers")).get("content-type"))
                .startsWith("multipart/form-data; boundary=");
        Map<String, Object> raw = echoed(Map.of(
                "method",
                "PUT",
                "url",
                server.url("/echo"),
                "sendBody",
                true,
                "contentType",
                "raw",
                "rawContentType",
                "text/csv",
                "body",
                "a,b\n1,2"));
        assertThat(raw.get("body")).isEqualTo("a,b\n1,2");
        assertThat(((Map<?, ?>) raw.get("headers")).get("content-type")).isEqualTo("text/csv");
        var binary = new HttpRuns()
                .run(
                        Map.of(
                                "method",
                                "POST",
                                "url",
                                server.url("/echo"),
                                "sendBody",
                                true,
                                "contentType",
                                "binaryData",
                                "inputDataFieldName",
                                "data"),
                        List.of(withFile));
        assertThat(HttpRuns.json(binary).get("body")).isEqualTo("file-bytes");
    }

    // JSON read back from the run is typed by the test, not the compiler
    @SuppressWarnings("unchecked")
    @Test
    void responseFormatsTextFileAndFullResponse() {
        assertThat(HttpRuns.json(new HttpRuns().run(get("/text")))).isEqualTo(Map.of("data", "hello wörld"));
        var file = new HttpRuns().run(get("/image"));
        BinaryData b = HttpRuns.items(file).getFirst().binary().get("data");
        assertThat(b.mimeType()).isEqualTo("image/png");
        assertThat(b.fileName()).contains("pixel.png");
        assertThat(b.data()).hasSize(7);
        var full = new HttpRuns()
                .run(Map.of(
                        "url", server.url("/array"),
                        "options", Map.of("response", Map.of("response", Map.of("fullResponse", true)))));
        assertThat(HttpRuns.json(full))
                .containsEntry("statusCode", 200)
                .containsEntry("statusMessage", "OK")
                .containsEntry("body", List.of(Map.of("id", 1L), Map.of("id", 2L)));
        assertThat((Map<String, Object>) HttpRuns.json(full).get("headers"))
                .containsEntry("content-type", "application/json");
        var notJson = new HttpRuns()
                .continueOnFail()
                .run(Map.of(
                        "url", server.url("/html"),
                        "options", Map.of("response", Map.of("response", Map.of("responseFormat", "json")))));
        assertThat(HttpRuns.json(notJson))
                .isEqualTo(Map.of("error", "Response body is not valid JSON. Change \"Response Format\" to \"Text\""));
    }

    @Test
    void errorsCarryStatusExcerptAndUrl() {
        var r = new HttpRuns().run(get("/status?code=404"));
        assertThat(r.error().orElseThrow().message()).isEqualTo("The resource you are requesting could not be found");
        assertThat(r.error().orElseThrow().httpStatus()).isEqualTo(404);
        assertThat(r.error().orElseThrow().description())
                .contains("404 - {\"message\":\"status 404 from the server\"}")
                .contains(server.url("/status?code=404"));
        var never = new HttpRuns()
                .run(Map.of(
                        "url", server.url("/status?code=500"),
                        "options",
                                Map.of(
                                        "response",
                                        Map.of("response", Map.of("neverError", true, "fullResponse", true)))));
        assertThat(HttpRuns.json(never)).containsEntry("statusCode", 500);
    }

    // JSON read back from the run is typed by the test, not the compiler
    @SuppressWarnings("unchecked")
    @Test
    void followsRedirectsUpToTheLimit() {
        assertThat((Map<String, Object>)
                        HttpRuns.json(new HttpRuns().run(get("/redirect?n=3"))).get("query"))
                .containsEntry("redirected", "yes");
        var limited = new HttpRuns()
                .run(Map.of(
                        "url", server.url("/redirect?n=3"),
                        "options", Map.of("redirect", Map.of("redirect", Map.of("maxRedirects", 2)))));
        assertThat(HttpRuns.error(limited)).contains("Maximum number of redirects exceeded (2)");
        var off = new HttpRuns()
                .run(Map.of(
                        "url", server.url("/redirect?n=1"),
                        "options",
                                Map.of(
                                        "redirect", Map.of("redirect", Map.of("followRedirects", false)),
                                        "response", Map.of("response", Map.of("fullResponse", true)))));
        assertThat(HttpRuns.json(off)).containsEntry("statusCode", 302);
    }

    // JSON read back from the run is typed by the test, not the compiler
    @SuppressWarnings("unchecked")
    @Test
    void credentialsDoNotFollowARedirectToAnotherOrigin() {
        var r = new HttpRuns()
                .credential("httpBearerAuth", Map.of("token", "tok-9f8e7d6c5b4a"))
                .run(Map.of(
                        "url", server.url("/cross-redirect"),
                        "authentication", "genericCredentialType",
                        "genericAuthType", "httpBearerAuth"));
        assertThat(HttpRuns.error(r)).isEmpty();
        assertThat((Map<String, Object>) HttpRuns.json(r).get("headers")).doesNotContainKey("authorization");
    }

    @Test
    void timesOutSlowAnswers() {
        var r = new HttpRuns().run(Map.of("url", server.url("/slow?ms=3000"), "options", Map.of("timeout", 300)));
        assertThat(HttpRuns.error(r)).contains("timeout of 300ms exceeded").contains(server.url("/slow?ms=3000"));
    }

    /** The echo server sends the secrets back: the execution record shows them masked, which proves they were sent. */
    @Test
    void genericCredentialsSignRequests() {
        Map<String, Object> basic = echoed(
                new HttpRuns().credential("httpBasicAuth", Map.of("user", "ada", "password", "pw")), "httpBasicAuth");
        assertThat(((Map<?, ?>) basic.get("headers")).get("authorization")).isEqualTo("Basic YWRhOnB3");
        Map<String, Object> header = echoed(
                new HttpRuns().credential("httpHeaderAuth", Map.of("name", "X-Api-Key", "value", "k-1")),
                "httpHeaderAuth");
        assertThat(((Map<?, ?>) header.get("headers")).get("x-api-key")).isEqualTo("******");
        Map<String, Object> query = echoed(
                new HttpRuns().credential("httpQueryAuth", Map.of("name", "api_key", "value", "q-1")), "httpQueryAuth");
        assertThat(((Map<?, ?>) query.get("query")).get("api_key")).isEqualTo("******");
        Map<String, Object> bearer =
                echoed(new HttpRuns().credential("httpBearerAuth", Map.of("token", "b-1")), "httpBearerAuth");
        assertThat(((Map<?, ?>) bearer.get("headers")).get("authorization")).isEqualTo("Bearer ******");
    }

    private static Map<String, Object> echoed(HttpRuns runs, String type) {
        var r = runs.run(
                Map.of("url", server.url("/echo"), "authentication", "genericCredentialType", "genericAuthType", type));
        assertThat(HttpRuns.error(r)).isEmpty();
        return HttpRuns.json(r);
    }

    @Test
    void digestAuthAnswersTheChallenge() {
        var r = new HttpRuns()
                .credential("httpDigestAuth", Map.of("user", "ada", "password", "s3cret"))
                .run(Map.of(
                        "url",
                        server.url("/digest"),
                        "authentication",
                        "genericCredentialType",
                        "genericAuthType",
                        "httpDigestAuth"));
        assertThat(HttpRuns.error(r)).isEmpty();
        assertThat(HttpRuns.json(r)).isEqualTo(Map.of("authenticated", true));
    }

    @Test
    void secretsNeverAppearInErrorsOrData() {
        String token = "SUPERSECRET-7c1e5a";
        var r = new HttpRuns()
                .credential("httpQueryAuth", Map.of("name", "api_key", "value", token))
                .run(Map.of(
                        "url",
                        server.url("/status?code=401"),
                        "authentication",
                        "genericCredentialType",
                        "genericAuthType",
                        "httpQueryAuth"));
        assertThat(r.error().orElseThrow().message() + r.error().orElseThrow().description())
                .doesNotContain(token)
                .contains("401");
        assertThat(r.runData().toString()).doesNotContain(token);
    }

    /** An API that refuses the request and quotes it back (query, headers) in its error body, as many do. */
    @Test
    void refusalQuotingTheCredentialFailsWithStatusExcerptAndUrlWithoutIt() {
        String key = "qk-3d9a61f0c2b7e845";
        var query = new HttpRuns()
                .credential("httpQueryAuth", Map.of("name", "api_key", "value", key))
                .run(Map.of(
                        "url", server.url("/echo?status=403&page=2"),
                        "authentication", "genericCredentialType",
                        "genericAuthType", "httpQueryAuth"));
        var error = query.error().orElseThrow();
        assertThat(error.httpStatus()).isEqualTo(403);
        assertThat(error.message()).isEqualTo("Forbidden - perhaps check your credentials?");
        assertThat(error.description())
                .startsWith("403 - {\"method\":\"GET\"")
                .contains(server.url("/echo?status=403&page=2"))
                .doesNotContain(key);
        assertThat(error.message() + error.description() + query.runData()).doesNotContain(key);

        String token = "bt-58c0e27fa91d4b36";
        var bearer = new HttpRuns()
                .credential("httpBearerAuth", Map.of("token", token))
                .run(Map.of(
                        "url", server.url("/echo?status=401"),
                        "authentication", "genericCredentialType",
                        "genericAuthType", "httpBearerAuth"));
        assertThat(bearer.error().orElseThrow().httpStatus()).isEqualTo(401);
        assertThat(HttpRuns.error(bearer))
                .contains("401 - {\"method\":\"GET\"")
                .contains(server.url("/echo?status=401"));
        assertThat(HttpRuns.error(bearer) + bearer.runData()).doesNotContain(token);
    }

    @Test
    void paginatesByUpdatingAParameter() {
        var r = new HttpRuns()
                .run(Map.of(
                        "url", server.url("/users"),
                        "sendQuery", true,
                        "queryParameters", Map.of("parameters", List.of(Map.of("name", "limit", "value", "3"))),
                        "options",
                                Map.of(
                                        "pagination",
                                        Map.of(
                                                "pagination",
                                                Map.of(
                                                        "parameters",
                                                                Map.of(
                                                                        "parameters",
                                                                        List.of(Map.of(
                                                                                "name",
                                                                                "skip",
                                                                                "value",
                                                                                "={{ $pageCount * 3 }}"))),
                                                        "paginationCompleteWhen", "other",
                                                        "completeExpression",
                                                                "={{ $response.body.users.length === 0 }}")))));
        assertThat(HttpRuns.error(r)).isEmpty();
        assertThat(HttpRuns.items(r)).hasSize(5);
        assertThat(HttpRuns.items(r).get(3).json().get("skip")).isEqualTo(9L);
    }

    @Test
    void paginatesByNextUrlWithMaxPages() {
        var r = new HttpRuns()
                .run(Map.of(
                        "url", server.url("/users?limit=4"),
                        "options",
                                Map.of(
                                        "pagination",
                                        Map.of(
                                                "pagination",
                                                Map.of(
                                                        "paginationMode", "responseContainsNextURL",
                                                        "nextURL", "={{ $response.headers[\"next-url\"] }}",
                                                        "paginationCompleteWhen", "other",
                                                        "completeExpression", "={{ !$response.headers[\"next-url\"] }}",
                                                        "limitPagesFetched", true,
                                                        "maxRequests", 2)))));
        assertThat(HttpRuns.error(r)).isEmpty();
        assertThat(HttpRuns.items(r)).extracting(i -> i.json().get("skip")).containsExactly(0L, 4L);
    }

    @Test
    void paginationStopsOnAStatusCode() {
        var r = new HttpRuns()
                .run(Map.of(
                        "url", server.url("/users?limit=5&emptyStatus=404"),
                        "options",
                                Map.of(
                                        "pagination",
                                        Map.of(
                                                "pagination",
                                                Map.of(
                                                        "parameters",
                                                                Map.of(
                                                                        "parameters",
                                                                        List.of(Map.of(
                                                                                "name",
                                                                                "skip",
                                                                                "value",
                                                                                "={{ $pageCount * 5 }}"))),
                                                        "paginationCompleteWhen", "receiveSpecificStatusCodes",
                                                        "statusCodesWhenComplete", "404")))));
        assertThat(HttpRuns.error(r)).isEmpty();
        assertThat(HttpRuns.items(r)).hasSize(2);
    }

    @Test
    void batchesItems() {
        List<Item> input = List.of(Item.of(Map.of("n", 1)), Item.of(Map.of("n", 2)), Item.of(Map.of("n", 3)));
        var r = new HttpRuns()
                .run(
                        Map.of(
                                "url",
                                "=" + server.url("/echo") + "?n={{ $json.n }}",
                                "options",
                                Map.of("batching", Map.of("batch", Map.of("batchSize", 2, "batchInterval", 10)))),
                        input);
        assertThat(HttpRuns.items(r))
                .extracting(i -> String.valueOf(((Map<?, ?>) i.json().get("query")).get("n")))
                .containsExactly("1", "2", "3");
        assertThat(HttpRuns.items(r))
                .extracting(i -> i.pairedItems().getFirst().item())
                .containsExactly(0, 1, 2);
    }

    @Test
    void version1ParametersStillWork() {
        var r = new HttpRuns()
                .version(1)
                .run(Map.of(
                        "requestMethod", "POST",
                        "url", server.url("/echo"),
                        "bodyParametersUi", Map.of("parameter", List.of(Map.of("name", "a", "value", "1"))),
                        "headerParametersUi", Map.of("parameter", List.of(Map.of("name", "X-Old", "value", "yes")))));
        assertThat(HttpRuns.error(r)).isEmpty();
        assertThat(Json.parse((String) HttpRuns.json(r).get("body"))).isEqualTo(Map.of("a", "1"));
        assertThat(((Map<?, ?>) HttpRuns.json(r).get("headers")).get("x-old")).isEqualTo("yes");
        var file = new HttpRuns().version(2).run(Map.of("url", server.url("/image"), "responseFormat", "file"));
        assertThat(HttpRuns.items(file).getFirst().binary()).containsKey("data");
    }

    @Test
    void selfSignedTlsNeedsIgnoreSslIssues(@TempDir Path dir) throws Exception {
        try (TestHttpServer tls = TestHttpServer.https(dir)) {
            var refused = new HttpRuns().run(Map.of("url", tls.url("/array")));
            assertThat(HttpRuns.error(refused)).contains("TLS").contains("Ignore SSL Issues");
            var accepted = new HttpRuns()
                    .run(Map.of("url", tls.url("/array"), "options", Map.of("allowUnauthorizedCerts", true)));
            assertThat(HttpRuns.error(accepted)).isEmpty();
            assertThat(HttpRuns.items(accepted)).hasSize(2);
        }
    }

    private static Map<String, Object> oauth2(String grant, Map<String, Object> extra) {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("grantType", grant);
        c.put("accessTokenUrl", server.url("/token"));
        c.put("clientId", "app");
        c.put("clientSecret", "app-secret");
        c.putAll(extra);
        return c;
    }

    private static Map<String, Object> protectedCall() {
        return Map.of(
                "url",
                server.url("/protected"),
                "authentication",
                "genericCredentialType",
                "genericAuthType",
                "oAuth2Api");
    }

    @Test
    void oauth2ClientCredentialsFetchesAndReusesAToken() {
        int before = server.tokensIssued();
        HttpRuns runs = new HttpRuns().credential("oAuth2Api", oauth2("clientCredentials", Map.of()));
        var first = runs.run(protectedCall());
        var second = runs.run(protectedCall());
        assertThat(HttpRuns.error(first)).isEmpty();
        assertThat(HttpRuns.json(first).get("token")).isEqualTo("******");
        assertThat(HttpRuns.error(second)).isEmpty();
        assertThat(server.tokensIssued() - before).isEqualTo(1);
    }

    @Test
    void oauth2ExpiredTokenIsRefreshed() {
        String stored = "{\"access_token\":\"old\",\"refresh_token\":\"rt-1\",\"token_type\":\"Bearer\","
                + "\"expires_at\":\"2020-01-01T00:00:00Z\"}";
        var r = new HttpRuns()
                .credential(
                        "oAuth2Api",
                        oauth2(
                                "authorizationCode",
                                Map.of("authUrl", server.url("/authorize"), "oauthTokenData", stored)))
                .run(protectedCall());
        assertThat(HttpRuns.error(r)).isEmpty();
    }

    @Test
    void oauth2RefusedClientIsExplained() {
        var r = new HttpRuns()
                .credential("oAuth2Api", oauth2("clientCredentials", Map.of("clientSecret", "wrong-secret-3a2b1c")))
                .run(protectedCall());
        assertThat(HttpRuns.error(r))
                .contains("The OAuth2 token endpoint refused the request: invalid_client (unknown client)")
                .doesNotContain("wrong-secret-3a2b1c");
    }

    /** Pagination that never completes: the API answers a full page whatever the page number. */
    private static Map<String, Object> endlessPagination(String url) {
        return Map.of(
                "url",
                url,
                "options",
                Map.of(
                        "pagination",
                        Map.of(
                                "pagination",
                                Map.of(
                                        "parameters",
                                        Map.of(
                                                "parameters",
                                                List.of(Map.of("name", "page", "value", "={{ $pageCount }}")))))));
    }

    @Test
    void endlessPaginationStopsAtTheItemLimitWhateverTheOnErrorSetting() {
        var limits = io.hearth.runtime.workflow.WorkflowSettings.DEFAULTS.withLimits(
                io.hearth.runtime.workflow.WorkflowLimits.NONE.withMaxItemsPerOutput(50));
        for (HttpRuns runs : List.of(new HttpRuns(), new HttpRuns().continueOnFail())) {
            int before = server.requests();

            var r = runs.settings(limits).run(endlessPagination(server.url("/array")));

            assertThat(r.status()).isEqualTo(io.hearth.runtime.execution.ExecutionStatus.ERROR);
            assertThat(HttpRuns.error(r))
                    .startsWith("The node produced more than 50 items on one output; the limit is 50")
                    .contains("maxItemsPerOutput");
            // Two items a page: the 26th page went past the limit, and no page was asked for after it.
            assertThat(server.requests() - before).isEqualTo(26);
        }
    }

    @Test
    void endlessPaginationStopsAtTheExecutionDataLimit() {
        var limits = io.hearth.runtime.workflow.WorkflowSettings.DEFAULTS.withLimits(
                io.hearth.runtime.workflow.WorkflowLimits.NONE.withMaxExecutionDataMb(
                        1, io.hearth.runtime.workflow.WorkflowLimits.DataOverflow.FAIL));

        var r = new HttpRuns().settings(limits).run(endlessPagination(server.url("/padded?size=200000")));

        assertThat(r.status()).isEqualTo(io.hearth.runtime.execution.ExecutionStatus.ERROR);
        assertThat(HttpRuns.error(r))
                .startsWith("The paginated requests returned about 1.1 MB of data (as JSON), more than the"
                        + " execution's data limit of 1 MB");
    }

    private static String storedTokens(String access, String refresh, String expiresAt) {
        return "{\"access_token\":\"" + access + "\",\"refresh_token\":\"" + refresh
                + "\",\"token_type\":\"Bearer\",\"expires_at\":\"" + expiresAt + "\"}";
    }

    private static HttpRuns connected(String tokens) {
        return new HttpRuns()
                .credential(
                        "oAuth2Api",
                        oauth2(
                                "authorizationCode",
                                Map.of("authUrl", server.url("/authorize"), "oauthTokenData", tokens)));
    }

    @Test
    void oauth2RefreshedTokensAreStoredWithTheRotatedRefreshToken() {
        HttpRuns runs = connected(storedTokens("at-old", "rt-rotating-store", "2020-01-01T00:00:00Z"));
        var r = runs.run(protectedCall());
        assertThat(HttpRuns.error(r)).isEmpty();
        var stored = io.hearth.node.credential.OAuth2Tokens.stored(runs.stored("oAuth2Api"))
                .orElseThrow();
        assertThat(stored.accessToken().reveal()).startsWith("at-").endsWith("-refresh_token");
        assertThat(stored.refreshToken().orElseThrow().reveal())
                .startsWith("rt-rotating-")
                .isNotEqualTo("rt-rotating-store");
        assertThat(stored.expiresAt()).isPresent();
        // the next run starts from what was stored: no refresh needed
        int refreshes = server.refreshes();
        assertThat(HttpRuns.error(runs.run(protectedCall()))).isEmpty();
        assertThat(server.refreshes()).isEqualTo(refreshes);
    }

    @Test
    void oauth2RefusedAccessTokenIsRefreshedOnce() {
        HttpRuns runs = connected(storedTokens("refused-by-the-server", "rt-on-401", "2999-01-01T00:00:00Z"));
        int refreshes = server.refreshes();
        var r = runs.run(protectedCall());
        assertThat(HttpRuns.error(r)).isEmpty();
        assertThat(server.refreshes() - refreshes).isEqualTo(1);
        assertThat(io.hearth.node.credential.OAuth2Tokens.stored(runs.stored("oAuth2Api"))
                        .orElseThrow()
                        .accessToken()
                        .reveal())
                .startsWith("at-");
    }

    @Test
    void oauth2ConcurrentRunsShareOneRefresh() throws Exception {
        String tokens = storedTokens("at-expired", "rt-shared", "2020-01-01T00:00:00Z");
        int refreshes = server.refreshes();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> HttpRuns.error(connected(tokens).run(protectedCall()))));
            }
            for (var run : runs) {
                assertThat(run.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.refreshes() - refreshes).isEqualTo(1);
    }

    @Test
    void oauth2RevokedRefreshTokenAsksToReconnect() {
        var r = connected(storedTokens("at-expired", "rt-revoked-7f3e9d", "2020-01-01T00:00:00Z"))
                .run(protectedCall());
        assertThat(HttpRuns.error(r))
                .contains("The OAuth2 credential must be reconnected")
                .contains("invalid_grant")
                .contains("Connect my account")
                .doesNotContain("rt-revoked-7f3e9d");
    }

    @Test
    void oauth2WithoutTokensSaysToConnect() {
        var r = new HttpRuns()
                .credential("oAuth2Api", oauth2("authorizationCode", Map.of("authUrl", server.url("/authorize"))))
                .run(protectedCall());
        assertThat(HttpRuns.error(r))
                .contains("The OAuth2 credential is not connected")
                .contains("Connect my account");
    }
}
