package io.hearth.expression;

/** The variables of one function activation or block, chained to the enclosing ones. */
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

    void set(int depth, int index, Object value) {
        Env e = this;
        for (int i = 0; i < depth; i++) {
            e = e.parent;
        }
        e.slots[index] = value;
    }

    /** A copy for the next iteration of a {@code for (let ...)} loop. */
    Env copy() {
        return new Env(slots.clone(), parent);
    }
}
