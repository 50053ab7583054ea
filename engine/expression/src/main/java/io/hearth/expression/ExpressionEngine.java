package io.hearth.expression;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles and evaluates {@code =...} parameter templates. Thread-safe; one per server. Compiled
 * templates are cached by source text.
 */
public final class ExpressionEngine {

    private static final int MAX_CACHED = 10_000;

    /** Touches every part of the interpreter; evaluated once when the class is loaded. */
    static final String WARM_UP = "{{ [JSON.stringify(JSON.parse('{\"a\":[1]}')), 'a'.replace(/a/g, 'b').split(''),"
            + " 'a'.localeCompare('b'), 'x'.normalize(), DateTime.fromMillis(0).plus({days: 1}).toFormat('yyyy'),"
            + " DateTime.fromISO('2024-01-01').diff(DateTime.fromMillis(0), 'days').days, new Date(0).toISOString(),"
            + " (1.5).toFixed(1), (1).toLocaleString(), encodeURIComponent('x'), Math.max(...[1]), [2, 1].sort(),"
            + " {a: 1}.keys(), 'a'.match(/(?<n>a)/).groups, `${1}`, (x => x)(1), ({}).y?.z].length }}";

    static {
        // Initialise the interpreter's classes (and the JDK classes they use) up front: a class
        // initialiser must never run for the first time deep inside a recursion that overflows the stack.
        try {
            Parser.parseTemplate(WARM_UP, ExpressionLimits.defaults()).evaluate(Scope.empty());
        } catch (RuntimeException e) {
            // best effort only; the engine works without it
        }
    }

    private final ExpressionLimits limits;
    private final ConcurrentHashMap<String, Template> cache = new ConcurrentHashMap<>();

    public ExpressionEngine() {
        this(ExpressionLimits.defaults());
    }

    public ExpressionEngine(ExpressionLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        Globals.init(); // initialise built-ins eagerly, never in the middle of a deep evaluation
    }

    /**
     * Compiles a template: the parameter value without its leading '='.
     *
     * @throws ExpressionSyntaxException with the line/column of the problem
     * @throws ExpressionSandboxException for constructs refused at compile time (this, import, new X)
     */
    public Template compile(String template) {
        Objects.requireNonNull(template, "template");
        Template t = cache.get(template);
        if (t != null) {
            return t;
        }
        try {
            t = Parser.parseTemplate(template, limits);
        } catch (StackOverflowError e) {
            throw new ExpressionSyntaxException("expression is nested too deeply", template, 0);
        }
        if (cache.size() >= MAX_CACHED) {
            evictSome();
        }
        Template raced = cache.putIfAbsent(template, t);
        return raced != null ? raced : t;
    }

    /** Compiles (cached) and evaluates {@code template} against {@code scope}. */
    public Object evaluate(String template, Scope scope) {
        return compile(template).evaluate(scope);
    }

    /** True for a parameter value that is a template: a String starting with '='. */
    public static boolean isExpression(Object parameterValue) {
        return parameterValue instanceof String s && s.startsWith("=");
    }

    /** Drops about a tenth of the entries; cheap and good enough for a cache of parsed templates. */
    private void evictSome() {
        int toRemove = MAX_CACHED / 10;
        Iterator<String> it = cache.keySet().iterator();
        while (toRemove-- > 0 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
