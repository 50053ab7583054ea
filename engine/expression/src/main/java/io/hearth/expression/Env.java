package io.hearth.expression;

/** The parameters of one arrow-function activation, chained to the enclosing ones. */
final class Env {

    final Object[] slots;
    final Env parent;

    Env(Object[] slots, Env parent) {
        this.slots = slots;
        this.parent = parent;
    }

    Object get(int depth, int index) {
        Env e = this;
        for (int i = 0; i < depth; i++) {
            e = e.parent;
        }
        return e.slots[index];
    }
}
