package io.hearth.expression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A scope while parsing: the names declared in it and the references not resolved yet. References
 * are resolved when their scope closes (so declarations later in the scope are seen, as JavaScript
 * hoists them); a block's variables get storage of their own only when a function inside the block
 * may capture them, else they move to the enclosing environment. Collections are made on first use:
 * most templates are one expression without a single declaration.
 */
final class ParseScope {

    final ParseScope parent;
    /** A function's scope: always an environment of its own (its activation). */
    final boolean function;

    final BlockScope shape;
    private LinkedHashMap<String, Binding> declared;
    private List<Node.Ref> pending;
    /** Bindings that need storage: those of closed inner scopes without an environment of their own. */
    private List<Binding> hosted;
    /** A function literal appears somewhere inside. */
    boolean hasClosure;

    private ParseScope(ParseScope parent, boolean function, BlockScope shape) {
        this.parent = parent;
        this.function = function;
        this.shape = shape;
    }

    /** A function's scope; {@code parent} is null for a function at the top of a segment. */
    static ParseScope function(ParseScope parent) {
        return new ParseScope(parent, true, new BlockScope());
    }

    ParseScope block() {
        return new ParseScope(this, false, new BlockScope());
    }

    ParseScope nearestFunction() {
        ParseScope s = this;
        while (!s.function && s.parent != null) {
            s = s.parent;
        }
        return s;
    }

    void markClosure() {
        for (ParseScope s = this; s != null; s = s.parent) {
            s.hasClosure = true;
        }
    }

    Binding declared(String name) {
        return declared == null ? null : declared.get(name);
    }

    void declare(Binding b) {
        if (declared == null) {
            declared = new LinkedHashMap<>();
        }
        declared.put(b.name, b);
    }

    void addPending(Node.Ref ref) {
        if (pending == null) {
            pending = new ArrayList<>();
        }
        pending.add(ref);
    }

    private void addHosted(List<Binding> bindings) {
        if (hosted == null) {
            hosted = new ArrayList<>();
        }
        hosted.addAll(bindings);
    }

    /** Resolves the pending references and decides where this scope's variables live. */
    void close() {
        if (pending != null) {
            for (Node.Ref ref : pending) {
                Binding b = declared(ref.name);
                if (b != null) {
                    ref.binding = b;
                } else if (parent != null) {
                    parent.addPending(ref);
                }
            }
            pending = null;
        }
        if (declared == null && hosted == null) {
            shape.materialized = function;
            return;
        }
        List<Binding> all = new ArrayList<>(); // own names first: parameters keep slots 0..n-1
        if (declared != null) {
            all.addAll(declared.values());
        }
        if (hosted != null) {
            all.addAll(hosted);
        }
        shape.materialized = function || (hasClosure && !all.isEmpty());
        if (shape.materialized) {
            for (Binding b : all) {
                b.host = this;
                b.slot = shape.size++;
            }
        } else if (parent != null) {
            parent.addHosted(all);
        }
        hosted = null;
    }

    /** A declared name: where it lives is known once the scope that stores it closes. */
    static final class Binding {
        final String name;
        final Stmt.DeclKind kind;
        ParseScope host;
        int slot = -1;

        Binding(String name, Stmt.DeclKind kind) {
            this.name = name;
            this.kind = kind;
        }
    }
}
