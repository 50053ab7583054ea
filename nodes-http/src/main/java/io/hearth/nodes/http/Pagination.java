package io.hearth.nodes.http;

import io.hearth.expression.ExpressionEngine;
import io.hearth.expression.ExpressionValues;
import io.hearth.expression.Scope;
import io.hearth.node.NodeException;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * n8n's pagination: update a parameter per page, or follow a next URL from the response; stop when
 * the response is empty, has given status codes, or an expression says so; at most "Max Pages".
 * Its expressions see {@code $response} (body, headers, statusCode), {@code $pageCount} and
 * {@code $request}, so the node evaluates them itself, per page.
 */
final class Pagination {

    static final String PATH = "options.pagination";
    private static final ExpressionEngine EXPRESSIONS = new ExpressionEngine();

    private final Map<String, Object> settings;

    private Pagination(Map<String, Object> settings) {
        this.settings = settings;
    }

    static Parameter parameter() {
        return Parameter.fixedCollection(
                        "pagination",
                        false,
                        "Add Pagination",
                        new FieldGroup(
                                "pagination",
                                "Pagination",
                                List.of(
                                        Parameter.options(
                                                        "paginationMode",
                                                        Option.of("Off", "off"),
                                                        Option.of(
                                                                "Update a Parameter in Each Request",
                                                                "updateAParameterInEachRequest"),
                                                        Option.of(
                                                                "Response Contains Next URL",
                                                                "responseContainsNextURL"))
                                                .displayName("Pagination Mode")
                                                .defaultValue("updateAParameterInEachRequest")
                                                .build(),
                                        Parameter.string("nextURL")
                                                .displayName("Next URL")
                                                .description("An expression giving the next page's URL, e.g."
                                                        + " {{ $response.body.next }}")
                                                .build(),
                                        Parameter.fixedCollection(
                                                        "parameters",
                                                        true,
                                                        "Add Parameter",
                                                        new FieldGroup(
                                                                "parameters",
                                                                "Parameter",
                                                                List.of(
                                                                        Parameter.options(
                                                                                        "type",
                                                                                        Option.of("Body", "body"),
                                                                                        Option.of("Header", "headers"),
                                                                                        Option.of("Query", "qs"))
                                                                                .displayName("Type")
                                                                                .defaultValue("qs")
                                                                                .build(),
                                                                        Parameter.string("name")
                                                                                .displayName("Name")
                                                                                .build(),
                                                                        Parameter.string("value")
                                                                                .displayName("Value")
                                                                                .build())))
                                                .displayName("Parameters")
                                                .build(),
                                        Parameter.options(
                                                        "paginationCompleteWhen",
                                                        Option.of("Response Is Empty", "responseIsEmpty"),
                                                        Option.of(
                                                                "Receive Specific Status Code(s)",
                                                                "receiveSpecificStatusCodes"),
                                                        Option.of("Other", "other"))
                                                .displayName("Pagination Complete When")
                                                .defaultValue("responseIsEmpty")
                                                .build(),
                                        Parameter.string("statusCodesWhenComplete")
                                                .displayName("Status Code(s) when Complete")
                                                .build(),
                                        Parameter.string("completeExpression")
                                                .displayName("Complete Expression")
                                                .build(),
                                        Parameter.bool("limitPagesFetched")
                                                .displayName("Limit Pages Fetched")
                                                .build(),
                                        Parameter.number("maxRequests")
                                                .displayName("Max Pages")
                                                .defaultValue(100)
                                                .build(),
                                        Parameter.number("requestInterval")
                                                .displayName("Interval Between Requests (ms)")
                                                .build())))
                .displayName("Pagination")
                .build();
    }

    /** The pagination settings, when pagination is on. */
    @SuppressWarnings("unchecked")
    static java.util.Optional<Pagination> of(Map<String, Object> options) {
        if (options.get("pagination") instanceof Map<?, ?> outer
                && outer.get("pagination") instanceof Map<?, ?> inner) {
            Map<String, Object> s = (Map<String, Object>) inner;
            String mode = String.valueOf(s.getOrDefault("paginationMode", "updateAParameterInEachRequest"));
            return mode.equals("off") ? java.util.Optional.empty() : java.util.Optional.of(new Pagination(s));
        }
        return java.util.Optional.empty();
    }

    int maxPages() {
        return Boolean.TRUE.equals(settings.get("limitPagesFetched")) && settings.get("maxRequests") instanceof Number n
                ? Math.max(1, n.intValue())
                : Integer.MAX_VALUE;
    }

    long intervalMillis() {
        return settings.get("requestInterval") instanceof Number n ? Math.max(0, n.longValue()) : 0;
    }

    /** The variables of one pagination step. */
    record Step(Map<String, Object> response, int pageCount, Map<String, Object> request) {}

    boolean complete(Step step) {
        String when = String.valueOf(settings.getOrDefault("paginationCompleteWhen", "responseIsEmpty"));
        return switch (when) {
            case "receiveSpecificStatusCodes" -> {
                Set<Integer> codes = Arrays.stream(String.valueOf(settings.getOrDefault("statusCodesWhenComplete", ""))
                                .split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(Integer::parseInt)
                        .collect(Collectors.toSet());
                yield codes.contains(((Number) step.response().get("statusCode")).intValue());
            }
            case "other" ->
                ExpressionValues.truthy(evaluate(
                        String.valueOf(settings.getOrDefault("completeExpression", "")), step, "Complete Expression"));
            default -> isEmpty(step.response().get("body"));
        };
    }

    /** The next page's request: the updated parameters, or the next URL. */
    @SuppressWarnings("unchecked")
    RequestDraft next(RequestDraft previous, Step step) {
        RequestDraft next = previous.copy();
        String mode = String.valueOf(settings.getOrDefault("paginationMode", "updateAParameterInEachRequest"));
        if (mode.equals("responseContainsNextURL")) {
            Object url = evaluate(String.valueOf(settings.getOrDefault("nextURL", "")), step, "Next URL");
            if (url == null || String.valueOf(url).isBlank()) {
                throw new NodeException(
                        "Pagination → Next URL gave no URL for page " + (step.pageCount() + 1),
                        "The expression must evaluate to the next page's URL, e.g. {{ $response.body.next }}",
                        null);
            }
            next.base = previous.uri().resolve(URI.create(String.valueOf(url)));
            next.query.clear();
            return next;
        }
        List<Map<String, Object>> params =
                settings.get("parameters") instanceof Map<?, ?> m && m.get("parameters") instanceof List<?> l
                        ? (List<Map<String, Object>>) l
                        : List.of();
        for (Map<String, Object> p : params) {
            String name = String.valueOf(p.getOrDefault("name", ""));
            Object value = evaluate(String.valueOf(p.getOrDefault("value", "")), step, "Parameters → " + name);
            switch (String.valueOf(p.getOrDefault("type", "qs"))) {
                case "headers" -> next.header(name, RequestDraft.text(value));
                case "body" -> next.bodyField(name, value);
                default -> {
                    next.query.removeIf(e -> e.getKey().equals(name));
                    next.query.add(Map.entry(name, value == null ? "" : value));
                }
            }
        }
        return next;
    }

    /** {@code $request} for expressions. */
    static Map<String, Object> requestValue(RequestDraft draft) {
        Map<String, Object> qs = new LinkedHashMap<>();
        draft.query.forEach(e -> qs.put(e.getKey(), e.getValue()));
        Map<String, Object> headers = new LinkedHashMap<>();
        draft.headers.forEach(e -> headers.put(e.getKey(), e.getValue()));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("url", draft.base.toString());
        r.put("method", draft.method);
        r.put("qs", qs);
        r.put("headers", headers);
        r.put("body", draft.body instanceof RequestDraft.JsonBody j ? j.value() : null);
        return r;
    }

    private Scope scope;

    void scope(Scope itemScope) {
        this.scope = itemScope;
    }

    private Object evaluate(String expression, Step step, String field) {
        if (!expression.startsWith("=")) {
            return expression;
        }
        Scope base = scope == null ? Scope.empty() : scope;
        Scope s = name -> switch (name) {
            case "$response" -> step.response();
            case "$pageCount" -> (long) step.pageCount();
            case "$request" -> step.request();
            default -> base.lookup(name);
        };
        try {
            Object v = EXPRESSIONS.evaluate(expression.substring(1), s);
            return v == io.hearth.expression.Undefined.INSTANCE ? null : v;
        } catch (RuntimeException e) {
            throw new NodeException("Pagination → " + field + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Object body) {
        return body == null
                || (body instanceof String s && s.isBlank())
                || (body instanceof List<?> l && l.isEmpty())
                || (body instanceof Map<?, ?> m && m.isEmpty());
    }

    static List<Object> copy(List<Object> l) {
        return new ArrayList<>(l);
    }
}
