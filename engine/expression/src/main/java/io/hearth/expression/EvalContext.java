package io.hearth.expression;

import java.time.ZoneId;

/** Mutable state of one evaluation: the scope, the budgets and the counters. Not thread-safe. */
final class EvalContext {

    /** Rough bound on nested AST levels across arrow calls, so deep recursion fails before the JVM stack. */
    private static final int MAX_STACK_UNITS = 2000;

    final ExpressionLimits limits;
    final Scope scope;
    final int maxStringLength;
    final int maxCollectionSize;
    private final long maxSteps;
    private final long deadline;
    private long steps;
    private int callDepth;
    private int stackUnits;
    private ZoneId defaultZone;
    /** Marks the objects and arrays this evaluation created: only those may be changed. */
    private Object owner;
    /** Variables an expression assigned without declaring them (JavaScript's sloppy-mode globals). */
    private java.util.HashMap<String, Object> globals;
    /** The value of the {@code return} being executed (see {@link Stmt.Completion#RETURN}). */
    Object returnValue;

    EvalContext(ExpressionLimits limits, Scope scope) {
        this.limits = limits;
        this.scope = scope;
        this.maxSteps = limits.maxSteps();
        this.maxStringLength = limits.maxStringLength();
        this.maxCollectionSize = limits.maxCollectionSize();
        long timeout;
        try {
            timeout = limits.timeout().toNanos();
        } catch (ArithmeticException tooLong) {
            timeout = Long.MAX_VALUE / 2;
        }
        this.deadline = System.nanoTime() + Math.min(timeout, Long.MAX_VALUE / 2);
    }

    Object owner() {
        if (owner == null) {
            owner = new Object();
        }
        return owner;
    }

    /** True when {@code marker} is this evaluation's: the object may be changed. */
    // identity: the marker object is this evaluation's own
    @SuppressWarnings("ReferenceEquality")
    boolean owns(Object marker) {
        return marker == owner && marker != null;
    }

    /** An undeclared variable the expression assigned, or null. */
    Object global(String name) {
        if (globals == null) {
            return null;
        }
        Object v = globals.get(name);
        return v == null && globals.containsKey(name) ? NULL_GLOBAL : v;
    }

    /** Stands for a global assigned {@code null}, so that null can mean "not assigned". */
    static final Object NULL_GLOBAL = new Object();

    void setGlobal(String name, Object value) {
        if (globals == null) {
            globals = new java.util.HashMap<>();
        }
        globals.put(name, value);
        checkCollection(globals.size());
    }

    static EvalContext standalone() {
        return new EvalContext(ExpressionLimits.defaults(), Scope.empty());
    }

    void step() {
        if (++steps > maxSteps) {
            throw stepsExceeded();
        }
        if ((steps & 0x3FF) == 0) {
            checkDeadline();
        }
    }

    /** Charges work done by a built-in (elements visited, characters produced...). */
    void steps(long n) {
        long before = steps;
        steps += n;
        if (steps > maxSteps) {
            throw stepsExceeded();
        }
        if ((before >>> 10) != (steps >>> 10)) {
            checkDeadline();
        }
    }

    void checkDeadline() {
        if (System.nanoTime() - deadline > 0) {
            throw new ExpressionLimitException(
                    "timeout", "expression took longer than " + limits.timeout().toMillis() + " ms");
        }
    }

    private ExpressionLimitException stepsExceeded() {
        return new ExpressionLimitException("maxSteps", "expression exceeded " + maxSteps + " evaluation steps");
    }

    void enterCall(int units) {
        if (++callDepth > limits.maxCallDepth() || (stackUnits += units) > MAX_STACK_UNITS) {
            callDepth--;
            stackUnits -= units;
            throw callDepthExceeded();
        }
    }

    void exitCall(int units) {
        callDepth--;
        stackUnits -= units;
    }

    ExpressionLimitException callDepthExceeded() {
        return new ExpressionLimitException("maxCallDepth", "maximum call depth exceeded (too much recursion)");
    }

    /** Refuses a string of {@code length} chars (checked as a builder grows, so it charges nothing). */
    void checkString(long length) {
        if (length > maxStringLength) {
            throw new ExpressionLimitException(
                    "maxStringLength", "string of " + length + " characters exceeds the maximum of " + maxStringLength);
        }
    }

    /** Checks a string about to be allocated in one go and charges one step per 16 chars. */
    void allocateString(long length) {
        checkString(length);
        if (length > 256) {
            steps(length >>> 4);
        }
    }

    /** Refuses a collection of {@code size} elements (checked as it grows, so it charges nothing). */
    int checkCollection(long size) {
        if (size > maxCollectionSize || size < 0) {
            throw new ExpressionLimitException(
                    "maxCollectionSize",
                    "collection of " + size + " elements exceeds the maximum of " + maxCollectionSize);
        }
        return (int) size;
    }

    /** Checks a collection about to be allocated in one go and charges one step per element. */
    int allocate(long size) {
        checkCollection(size);
        if (size > 16) {
            steps(size);
        }
        return (int) size;
    }

    /** The zone of {@code $now} when the runtime binds it, else the JVM default (Luxon's "local"). */
    ZoneId defaultZone() {
        if (defaultZone == null) {
            Object now = scope.lookup("$now");
            defaultZone =
                    now instanceof DateTimeValue d && d.isValid() ? d.time().getZone() : ZoneId.systemDefault();
        }
        return defaultZone;
    }

    /** {@code $now} when bound (so one execution sees one clock), else the system clock. */
    java.time.ZonedDateTime now() {
        Object now = scope.lookup("$now");
        if (now instanceof DateTimeValue d && d.isValid()) {
            return d.time();
        }
        return java.time.ZonedDateTime.now(defaultZone());
    }
}
