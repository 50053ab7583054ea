package io.hearth.nodes.http;

import io.hearth.node.ActionNode;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
            RequestDraft draft = ItemRequest.draft(p, item);
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
