package io.hearth.nodes.http;

import io.hearth.common.Json;
import io.hearth.node.ActionNode;
import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.OAuth2Tokens;
import io.hearth.node.credential.SigningCredential;
import io.hearth.node.description.NodeDescription;
import io.hearth.runtime.execution.NodeEvaluatedParameters;
import io.hearth.runtime.execution.WorkflowDataScope;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * n8n's HTTP Request node. Each input item becomes one request (or one series of pages); items go
 * out together, or in batches with a pause between them. Non-blocking: the JDK client completes
 * the stages.
 */
public final class HttpRequestNode implements ActionNode, NodeEvaluatedParameters {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    @Override
    public NodeDescription description() {
        return HttpRequestDescription.DESCRIPTION;
    }

    @Override
    public Set<String> nodeEvaluatedParameters() {
        return Set.of(Pagination.PATH + ".pagination");
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        List<Item> items = context.items();
        Map<String, Object> first = parameters(context, 0);
        Params options = new Params(first).map("options");
        int batchSize = items.size();
        long interval = 0;
        if (options.map("batching").map("batch").raw().get("batchSize") instanceof Number n && n.intValue() > 0) {
            batchSize = n.intValue();
            interval = options.map("batching").map("batch").raw().get("batchInterval") instanceof Number i
                    ? Math.max(0, i.longValue())
                    : 0;
        }
        List<List<Item>> results = new ArrayList<>();
        Paged paged = new Paged(new AtomicLong(), new AtomicLong());
        for (int i = 0; i < items.size(); i++) {
            results.add(List.of());
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int start = 0; start < items.size(); start += Math.max(1, batchSize)) {
            final int from = start;
            final int to = Math.min(items.size(), start + Math.max(1, batchSize));
            final long pause = start > 0 ? interval : 0;
            chain = chain.thenCompose(v -> pause > 0 ? context.delay(Duration.ofMillis(pause)) : done())
                    .thenCompose(v -> {
                        List<CompletableFuture<Void>> batch = new ArrayList<>();
                        for (int i = from; i < to; i++) {
                            final int index = i;
                            batch.add(runItem(context, index, paged).handle((out, failure) -> {
                                results.set(index, outcome(context, index, out, failure));
                                return null;
                            }));
                        }
                        return CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new));
                    });
        }
        return chain.thenApply(v -> {
            List<Item> out = new ArrayList<>();
            results.forEach(out::addAll);
            return NodeOutput.of(out);
        });
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    private static List<Item> outcome(NodeExecutionContext context, int index, List<Item> out, Throwable failure) {
        if (failure == null) {
            List<Item> paired = new ArrayList<>(out.size());
            out.forEach(item -> paired.add(item.pairedWith(index)));
            return paired;
        }
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!context.continueOnFail()) {
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", cause.getMessage() == null ? cause.toString() : cause.getMessage());
        return List.of(Item.of(json).pairedWith(index));
    }

    /** The item's parameters in the version 3+ form (versions 1 and 2 migrated). */
    private static Map<String, Object> parameters(NodeExecutionContext context, int index) {
        Map<String, Object> p = context.parameters(index).asMap();
        return context.node().typeVersion() < 3 ? LegacyParameters.toV3(p) : p;
    }

    /**
     * What the pages of all items' paginations added up to so far: pagination that never completes (an API that
     * always answers a full page) stops at the execution's item and data limits, not when the memory runs out.
     */
    private record Paged(AtomicLong items, AtomicLong bytes) {}

    private CompletableFuture<List<Item>> runItem(NodeExecutionContext context, int index, Paged paged) {
        try {
            Params p = new Params(parameters(context, index));
            Item item = context.items().get(index);
            RequestDraft draft = draft(p, item);
            HttpSender.Settings settings = settings(p, context);
            sign(context, p, draft);
            Params response = p.map("options").map("response").map("response");
            ResponseItems.Format format = new ResponseItems.Format(
                    response.string("responseFormat", "autodetect"),
                    response.bool("fullResponse"),
                    response.bool("neverError"),
                    response.string("outputPropertyName", "data"));
            Optional<Pagination> pagination = Pagination.of(p.map("options").raw());
            Optional<CredentialData> oauth2 = oauth2Credential(context, p);
            if (oauth2.isPresent()) {
                return withOAuth2(context, oauth2.get(), draft, settings).thenApply(r -> {
                    ResponseItems.checkStatus(r, format, draft.shownUrl());
                    return ResponseItems.of(r, format);
                });
            }
            if (pagination.isEmpty()) {
                return HttpSender.send(draft, settings).thenApply(r -> {
                    ResponseItems.checkStatus(r, format, draft.shownUrl());
                    return ResponseItems.of(r, format);
                });
            }
            Pagination pages = pagination.get();
            if (context instanceof WorkflowDataScope data) {
                pages.scope(data.itemScope(index));
            }
            return page(context, pages, draft, settings, format, 0, new ArrayList<>(), paged);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Optional<CredentialData> oauth2Credential(NodeExecutionContext context, Params p) {
        if (!p.string("authentication", "none").equals("genericCredentialType")
                || !p.string("genericAuthType", "").equals("oAuth2Api")) {
            return Optional.empty();
        }
        return Optional.of(context.credential("oAuth2Api")
                .orElseThrow(() -> new NodeException(
                        "Authentication: no OAuth2 API credential is set on the node",
                        "Choose a credential in Authentication → OAuth2 API",
                        null)));
    }

    /**
     * Sends with the credential's access token; an answer with the credential's "Token Expired Status Code"
     * (401 unless set) gets one more try with a renewed token.
     */
    private static CompletableFuture<HttpSender.Response> withOAuth2(
            NodeExecutionContext context, CredentialData credential, RequestDraft draft, HttpSender.Settings settings) {
        int expired =
                credential.integer("tokenExpiredStatusCode").map(Long::intValue).orElse(401);
        return OAuth2Signer.token(context, credential)
                .thenCompose(tokens -> send(context, tokens, draft, settings)
                        .thenCompose(r -> r.status() == expired
                                ? OAuth2Signer.replace(context, credential, tokens)
                                        .thenCompose(fresh -> send(context, fresh, draft, settings))
                                : CompletableFuture.completedFuture(r)));
    }

    private static CompletableFuture<HttpSender.Response> send(
            NodeExecutionContext context, OAuth2Tokens tokens, RequestDraft draft, HttpSender.Settings settings) {
        context.treatAsSecret(tokens.accessToken().reveal());
        RequestDraft signed = draft.copy();
        signed.header("Authorization", tokens.authorizationHeader());
        return HttpSender.send(signed, settings);
    }

    private CompletableFuture<List<Item>> page(
            NodeExecutionContext context,
            Pagination pages,
            RequestDraft draft,
            HttpSender.Settings settings,
            ResponseItems.Format format,
            int fetched,
            List<Item> collected,
            Paged paged) {
        return HttpSender.send(draft, settings).thenCompose(r -> {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("body", ResponseItems.bodyValue(r, format));
            response.put("headers", ResponseItems.headers(r));
            response.put("statusCode", r.status());
            response.put("statusMessage", ResponseItems.reason(r.status()));
            Pagination.Step step = new Pagination.Step(response, fetched + 1, Pagination.requestValue(draft));
            boolean complete = pages.complete(step);
            if (!(complete && r.status() >= 400)) {
                ResponseItems.checkStatus(r, format, draft.shownUrl());
                List<Item> page = ResponseItems.of(r, format);
                context.checkOutputSize(paged.items().addAndGet(page.size()));
                context.checkOutputBytes(paged.bytes().addAndGet(r.body().length), "The paginated requests returned");
                collected.addAll(page);
            }
            if (complete
                    || fetched + 1 >= pages.maxPages()
                    || context.cancellation().isCancelled()) {
                return CompletableFuture.completedFuture(List.copyOf(collected));
            }
            RequestDraft next = pages.next(draft, step);
            CompletionStage<Void> pause =
                    pages.intervalMillis() > 0 ? context.delay(Duration.ofMillis(pages.intervalMillis())) : done();
            return pause.thenCompose(v -> page(context, pages, next, settings, format, fetched + 1, collected, paged));
        });
    }

    private static HttpSender.Settings settings(Params p, NodeExecutionContext context) {
        Params options = p.map("options");
        Params redirect = options.map("redirect").map("redirect");
        Object timeout = options.raw().get("timeout");
        Optional<HttpSender.Digest> digest = Optional.empty();
        if (p.string("authentication", "none").equals("genericCredentialType")
                && p.string("genericAuthType", "").equals("httpDigestAuth")) {
            CredentialData c = context.credential("httpDigestAuth")
                    .orElseThrow(() -> new NodeException(
                            "Authentication: no Digest Auth credential is set on the node",
                            "Choose a credential in Authentication → Digest Auth",
                            null));
            digest = Optional.of(
                    new HttpSender.Digest(c.string("user"), c.secret("password").reveal()));
        }
        return new HttpSender.Settings(
                timeout instanceof Number n && n.longValue() > 0 ? Duration.ofMillis(n.longValue()) : DEFAULT_TIMEOUT,
                !Boolean.FALSE.equals(redirect.raw().get("followRedirects")),
                redirect.raw().get("maxRedirects") instanceof Number n ? n.intValue() : 21,
                options.bool("allowUnauthorizedCerts"),
                options.string("proxy", ""),
                options.bool("sendCredentialsOnCrossOriginRedirect"),
                digest);
    }

    private static void sign(NodeExecutionContext context, Params p, RequestDraft draft) {
        String authentication = p.string("authentication", "none");
        String type = switch (authentication) {
            case "predefinedCredentialType" -> p.string("nodeCredentialType", "");
            case "genericCredentialType" -> p.string("genericAuthType", "");
            default -> "";
        };
        if (type.isEmpty() || type.equals("httpDigestAuth") || type.equals("oAuth2Api")) {
            if (authentication.equals("predefinedCredentialType")) {
                throw new NodeException("Authentication → Credential Type is empty");
            }
            return;
        }
        SigningCredential credential = context.requestCredential(type)
                .orElseThrow(() -> new NodeException(
                        "Authentication: no credential of type '" + type + "' is set on the node, or that type"
                                + " does not declare how it signs requests",
                        "Choose a credential for " + type + " on the node",
                        null));
        credential.sign(draft);
    }

    /** The request for one item: URL, query, headers and body from the parameters. */
    static RequestDraft draft(Params p, Item item) {
        String url = p.string("url", "").strip();
        if (url.isEmpty()) {
            throw new NodeException("URL: the URL is empty");
        }
        URI uri;
        try {
            uri = URI.create(url.contains("://") ? url : "http://" + url);
        } catch (IllegalArgumentException e) {
            throw new NodeException("URL: '" + url + "' is not a valid URL (" + e.getMessage() + ")");
        }
        if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
            throw new NodeException("URL: only http and https are supported, not '" + uri.getScheme() + "'");
        }
        RequestDraft draft = new RequestDraft(p.string("method", "GET").toUpperCase(Locale.ROOT), uri);
        Params options = p.map("options");
        draft.arrayFormat = options.string("queryParameterArrays", "brackets");
        boolean lowercase = !Boolean.FALSE.equals(options.raw().get("lowercaseHeaders"));
        if (p.bool("sendQuery")) {
            for (Map.Entry<String, Object> e :
                    pairs(p, "specifyQuery", "queryParameters", "jsonQuery", "Query Parameters")) {
                draft.query.add(e);
            }
            groupRepeated(draft.query);
        }
        if (p.bool("sendHeaders")) {
            for (Map.Entry<String, Object> e :
                    pairs(p, "specifyHeaders", "headerParameters", "jsonHeaders", "Headers")) {
                String name = lowercase ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey();
                if (!name.isBlank()) {
                    draft.headers.add(Map.entry(name, RequestDraft.text(e.getValue())));
                }
            }
        }
        if (p.bool("sendBody")) {
            draft.body = body(p, item);
        }
        return draft;
    }

    private static void groupRepeated(List<Map.Entry<String, Object>> query) {
        Map<String, Object> grouped = new LinkedHashMap<>();
        boolean repeated = false;
        for (Map.Entry<String, Object> e : query) {
            if (grouped.containsKey(e.getKey())) {
                repeated = true;
                Object prev = grouped.get(e.getKey());
                List<Object> list = prev instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(prev));
                list.add(e.getValue());
                grouped.put(e.getKey(), list);
            } else {
                grouped.put(e.getKey(), e.getValue());
            }
        }
        if (repeated) {
            query.clear();
            grouped.forEach((k, v) -> query.add(Map.entry(k, v)));
        }
    }

    private static List<Map.Entry<String, Object>> pairs(
            Params p, String specify, String list, String json, String label) {
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        if (p.string(specify, "keypair").equals("json")) {
            Object value = p.raw().get(json);
            Object parsed = value instanceof String s ? parseJson(s, label) : value;
            if (parsed instanceof Map<?, ?> m) {
                m.forEach((k, v) -> out.add(Map.entry(String.valueOf(k), v == null ? "" : v)));
            } else if (parsed != null) {
                throw new NodeException("The value in the \"" + label + "\" field is not a JSON object");
            }
            return out;
        }
        for (Map<String, Object> e : p.list(list, "parameters")) {
            String name = String.valueOf(e.getOrDefault("name", ""));
            if (!name.isEmpty()) {
                out.add(Map.entry(name, e.get("value") == null ? "" : e.get("value")));
            }
        }
        return out;
    }

    private static Object parseJson(String text, String label) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new NodeException("The value in the \"" + label + "\" field is not valid JSON");
        }
    }

    private static RequestDraft.Body body(Params p, Item item) {
        String contentType = p.string("contentType", "json");
        String specify = p.string("specifyBody", "keypair");
        switch (contentType) {
            case "json" -> {
                if (specify.equals("json")) {
                    Object value = p.raw().get("jsonBody");
                    Object parsed = value instanceof String s ? parseJson(s, "JSON Body") : value;
                    return new RequestDraft.JsonBody(parsed == null ? Map.of() : parsed);
                }
                Map<String, Object> fields = new LinkedHashMap<>();
                for (Map<String, Object> e : p.list("bodyParameters", "parameters")) {
                    String name = String.valueOf(e.getOrDefault("name", ""));
                    if (!name.isEmpty()) {
                        fields.put(name, e.get("value"));
                    }
                }
                return new RequestDraft.JsonBody(fields);
            }
            case "form-urlencoded" -> {
                if (specify.equals("string")) {
                    return new RequestDraft.RawBody(
                            p.string("body", "").getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
                }
                List<Map.Entry<String, String>> fields = new ArrayList<>();
                for (Map<String, Object> e : p.list("bodyParameters", "parameters")) {
                    String name = String.valueOf(e.getOrDefault("name", ""));
                    if (!name.isEmpty()) {
                        fields.add(Map.entry(name, RequestDraft.text(e.getOrDefault("value", ""))));
                    }
                }
                return new RequestDraft.FormBody(fields);
            }
            case "multipart-form-data" -> {
                List<RequestDraft.Part> parts = new ArrayList<>();
                for (Map<String, Object> e : p.list("bodyParameters", "parameters")) {
                    String name = String.valueOf(e.getOrDefault("name", ""));
                    if ("formBinaryData".equals(e.get("parameterType"))) {
                        String field = String.valueOf(e.getOrDefault("inputDataFieldName", "data"));
                        BinaryData b = binary(item, field, "Body Parameters → " + name + " → Input Data Field Name");
                        parts.add(new RequestDraft.Part(
                                name, b.data(), b.mimeType(), b.fileName().orElse(field)));
                    } else {
                        parts.add(new RequestDraft.Part(
                                name,
                                RequestDraft.text(e.getOrDefault("value", "")).getBytes(StandardCharsets.UTF_8),
                                null,
                                null));
                    }
                }
                return new RequestDraft.MultipartBody(parts);
            }
            case "binaryData" -> {
                String field = p.string("inputDataFieldName", "data");
                BinaryData b = binary(item, field, "Input Data Field Name");
                return new RequestDraft.RawBody(b.data(), b.mimeType());
            }
            case "raw" -> {
                return new RequestDraft.RawBody(
                        p.string("body", "").getBytes(StandardCharsets.UTF_8),
                        p.string("rawContentType", "text/plain"));
            }
            default -> throw new NodeException("Body Content Type: '" + contentType + "' is not supported");
        }
    }

    private static BinaryData binary(Item item, String field, String parameter) {
        BinaryData b = item.binary().get(field);
        if (b == null) {
            throw new NodeException(parameter + ": the input item has no binary property '" + field + "'"
                    + (item.binary().isEmpty()
                            ? ""
                            : " (it has " + String.join(", ", item.binary().keySet()) + ")"));
        }
        return b;
    }

    /** Reads nested parameter maps without nulls. */
    record Params(Map<String, Object> raw) {
        @SuppressWarnings("unchecked")
        Params map(String key) {
            return new Params(raw.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
        }

        String string(String key, String fallback) {
            Object v = raw.get(key);
            return v == null || String.valueOf(v).isEmpty() ? fallback : String.valueOf(v);
        }

        boolean bool(String key) {
            Object v = raw.get(key);
            return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(String.valueOf(v));
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list(String key, String group) {
            if (raw.get(key) instanceof Map<?, ?> m && m.get(group) instanceof List<?> l) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (Object e : l) {
                    if (e instanceof Map<?, ?> entry) {
                        out.add((Map<String, Object>) entry);
                    }
                }
                return out;
            }
            return List.of();
        }
    }
}
