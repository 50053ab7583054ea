package io.hearth.nodes.code;

import java.util.LinkedHashMap;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/** One pooled GraalJS context: the runner sandbox.js returned and the user functions compiled in it. */
final class SandboxContext {

    private static final int MAX_FUNCTIONS = 32;

    private final Context context;
    private final Value runner;
    private final String params;
    private final Map<String, Value> functions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Value> eldest) {
            return size() > MAX_FUNCTIONS;
        }
    };

    SandboxContext(Context context, Value runner) {
        this.context = context;
        this.runner = runner;
        this.params = runner.getMember("params").asString();
    }

    Context context() {
        return context;
    }

    Value runner() {
        return runner;
    }

    /**
     * The user's code as an async function of n8n's variables. It starts on the wrapper's first line,
     * so line numbers in errors are the user's.
     */
    Value function(JsSandbox sandbox, String code) {
        Value fn = functions.get(code);
        if (fn == null) {
            fn = context.eval(sandbox.source(wrap(code)));
            functions.put(code, fn);
        }
        return fn;
    }

    String wrap(String code) {
        return "(async function (" + params + ") {" + code + "\n})";
    }
}
