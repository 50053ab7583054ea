package io.hearth.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.result.method.AbstractHandlerMethodMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every route the running server answers, read from its own handler mappings (controllers, actuator
 * endpoints, router functions, static resources), so a route added tomorrow is in the list without
 * anyone editing a test.
 */
final class RouteCatalog {

    /** One route: a method and a path pattern, with a concrete path that the pattern matches. */
    record Route(HttpMethod method, String pattern, String examplePath) {
        @Override
        public String toString() {
            return method.name() + " " + pattern;
        }
    }

    private RouteCatalog() {}

    static List<Route> of(ApplicationContext context) {
        Set<Route> routes = new LinkedHashSet<>();
        for (AbstractHandlerMethodMapping<?> mapping :
                context.getBeansOfType(AbstractHandlerMethodMapping.class).values()) {
            for (Object key : mapping.getHandlerMethods().keySet()) {
                if (key instanceof RequestMappingInfo info) {
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                        if (methods.isEmpty()) {
                            routes.add(route(HttpMethod.GET, pattern.getPatternString()));
                        }
                        methods.forEach(m -> routes.add(route(m.asHttpMethod(), pattern.getPatternString())));
                    }
                }
            }
        }
        for (RouterFunctionMapping mapping :
                context.getBeansOfType(RouterFunctionMapping.class).values()) {
            RouterFunction<?> functions = mapping.getRouterFunction();
            if (functions != null) {
                functions.accept(new Visitor(routes));
            }
        }
        for (AbstractUrlHandlerMapping mapping :
                context.getBeansOfType(AbstractUrlHandlerMapping.class).values()) {
            mapping.getHandlerMap().keySet().forEach(p -> routes.add(route(HttpMethod.GET, p.getPatternString())));
        }
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparing(Route::toString));
        return sorted;
    }

    private static Route route(HttpMethod method, String pattern) {
        String path =
                pattern.replaceAll("\\{\\*?[^}/]+}", "x1").replace("**", "x1").replace("*", "x1");
        return new Route(method, pattern, path);
    }

    /** Router functions: each route's path patterns and methods, read from its predicate. */
    private record Visitor(Set<Route> routes) implements RouterFunctions.Visitor {

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
            List<String> paths = new ArrayList<>();
            Set<HttpMethod> methods = new LinkedHashSet<>();
            predicate.accept(new PredicateVisitor(paths::add, methods::addAll));
            if (methods.isEmpty()) {
                methods.addAll(List.of(HttpMethod.GET, HttpMethod.POST));
            }
            for (String path : paths) {
                methods.forEach(m -> routes.add(RouteCatalog.route(m, path)));
            }
        }

        @Override
        public void startNested(RequestPredicate predicate) {}

        @Override
        public void endNested(RequestPredicate predicate) {}

        @Override
        public void resources(
                Function<ServerRequest, reactor.core.publisher.Mono<org.springframework.core.io.Resource>> lookup) {}

        @Override
        public void attributes(java.util.Map<String, Object> attributes) {}

        @Override
        public void unknown(RouterFunction<?> routerFunction) {}
    }

    private record PredicateVisitor(
            java.util.function.Consumer<String> paths, java.util.function.Consumer<Set<HttpMethod>> methods)
            implements RequestPredicates.Visitor {
        @Override
        public void method(Set<HttpMethod> m) {
            methods.accept(m);
        }

        @Override
        public void path(String pattern) {
            paths.accept(pattern);
        }

        @Override
        @SuppressWarnings("removal") // RequestPredicates.Visitor still declares it, so a Visitor implements it
        public void pathExtension(String extension) {}

        @Override
        public void header(String name, String value) {}

        @Override
        public void queryParam(String name, String value) {}

        @Override
        public void version(String version) {}

        @Override
        public void startAnd() {}

        @Override
        public void and() {}

        @Override
        public void endAnd() {}

        @Override
        public void startOr() {}

        @Override
        public void or() {}

        @Override
        public void endOr() {}

        @Override
        public void startNegate() {}

        @Override
        public void endNegate() {}

        @Override
        public void unknown(RequestPredicate predicate) {}
    }
}
