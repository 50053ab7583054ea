package io.hearth.expression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A scope while parsing: the names declared in it and the references not resolved yet. References
 * are resolved when their scope closes (so declarations later in the scope are seen, as JavaScript
 * hoists them); a block's variables get storage of their own only when a function inside the block
 * may capture them, else they move to the enclosing environment.
 */
final class ParseScope {

    final ParseScope parent;
    /** A function's scope: always an environment of its own (its activation). */
    final boolean function;

    final BlockScope shape;
    final LinkedHashMap<String, Binding> declared = new LinkedHashMap<>();
    final List<Node.Ref> pending = new ArrayList<>();
    /** Bindings that need storage: this scope's, plus those of closed inner scopes without their own. */
    final List<Binding> hosted = new ArrayList<>();
    /** A function literal appears somewhere inside. */
    boolean hasClosure;

    private ParseScope(ParseScope parent, boolean function, BlockScope shape) {
        this.parent = parent;
        this.function = function;
        this.shape = shape;
    }

    static ParseScope root() {
        return new ParseScope(null, false, new BlockScope());
    }

    ParseScope function() {
        return new ParseScope(this, true, new BlockScope());
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

    /** Resolves the pending references and decides where this scope's variables live. */
    void close() {
        for (Node.Ref ref : pending) {
            Binding b = declared.get(ref.name);
            if (b != null) {
                ref.binding = b;
            } else if (parent != null) {
                parent.pending.add(ref);
            }
        }
        pending.clear();
        List<Binding> all = new ArrayList<>(declared.values()); // own names first: parameters keep slots 0..n-1
        all.addAll(hosted);
        shape.materialized = function || (hasClosure && !all.isEmpty());
        if (shape.materialized) {
            for (Binding b : all) {
                b.host = this;
                b.slot = shape.size++;
            }
        } else if (parent != null) {
            parent.hosted.addAll(all);
        }
        hosted.clear();
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
