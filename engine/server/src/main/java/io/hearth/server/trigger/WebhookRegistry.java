package io.hearth.server.trigger;

import io.hearth.server.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Routes of webhook nodes: static paths in a hash map, paths with {@code :param} segments matched
 * segment by segment. A method+path belongs to one workflow at a time.
 */
public final class WebhookRegistry {

    private final Map<String, WebhookRegistration> exact = new ConcurrentHashMap<>();
    private final List<WebhookRegistration> patterns = new CopyOnWriteArrayList<>();

    /** A registration plus the path parameters captured for one request. */
    public record Match(WebhookRegistration registration, Map<String, String> pathParams) {}

    private static String key(String method, String path) {
        return method + " " + path;
    }

    /** Registers all routes of a workflow, or none: throws 409 naming the workflow that holds a route. */
    public synchronized void register(List<WebhookRegistration> routes) {
        for (WebhookRegistration r : routes) {
            for (String method : r.spec().methods()) {
                Optional<Match> holder = find(method, r.spec().path(), true);
                if (holder.isPresent()
                        && !holder.get().registration().workflowId().equals(r.workflowId())) {
                    WebhookRegistration other = holder.get().registration();
                    throw ApiException.conflict("The webhook " + method + " /"
                            + r.spec().path() + " is already used by active workflow '" + other.workflowName() + "' ("
                            + other.workflowId() + ", node '" + other.nodeName() + "')");
                }
            }
        }
        routes.stream().map(WebhookRegistration::workflowId).distinct().forEach(this::unregister);
        for (WebhookRegistration r : routes) {
            if (isPattern(r.spec().path())) {
                patterns.add(r);
            } else {
                for (String method : r.spec().methods()) {
                    exact.put(key(method, r.spec().path()), r);
                }
            }
        }
    }

    public synchronized void unregister(String workflowId) {
        exact.values().removeIf(r -> r.workflowId().equals(workflowId));
        patterns.removeIf(r -> r.workflowId().equals(workflowId));
    }

    public Optional<Match> find(String method, String path) {
        return find(method, path, false);
    }

    private Optional<Match> find(String method, String path, boolean samePattern) {
        WebhookRegistration r = exact.get(key(method, path));
        if (r != null) {
            return Optional.of(new Match(r, Map.of()));
        }
        String[] segments = path.split("/");
        for (WebhookRegistration p : patterns) {
            if (!p.spec().methods().contains(method)) {
                continue;
            }
            if (samePattern && p.spec().path().equals(path)) {
                return Optional.of(new Match(p, Map.of()));
            }
            Map<String, String> params = match(p.spec().path().split("/"), segments);
            if (params != null) {
                return Optional.of(new Match(p, params));
            }
        }
        return Optional.empty();
    }

    /** True when any method is registered on the path (to tell 404 from 405). */
    public List<String> methodsOn(String path) {
        List<String> out = new ArrayList<>();
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")) {
            if (find(method, path).isPresent()) {
                out.add(method);
            }
        }
        return out;
    }

    public List<WebhookRegistration> of(String workflowId) {
        List<WebhookRegistration> out = new ArrayList<>();
        exact.values().stream()
                .filter(r -> r.workflowId().equals(workflowId))
                .distinct()
                .forEach(out::add);
        patterns.stream().filter(r -> r.workflowId().equals(workflowId)).forEach(out::add);
        return out.stream().distinct().toList();
    }

    private static boolean isPattern(String path) {
        for (String s : path.split("/", -1)) {
            if (s.startsWith(":")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> match(String[] pattern, String[] segments) {
        if (pattern.length != segments.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith(":")) {
                params.put(
                        pattern[i].substring(1),
                        java.net.URLDecoder.decode(segments[i], java.nio.charset.StandardCharsets.UTF_8));
            } else if (!pattern[i].equals(segments[i])) {
                return null;
            }
        }
        return params;
    }
}
