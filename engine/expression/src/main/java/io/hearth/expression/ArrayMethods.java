package io.hearth.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Array.prototype and n8n's array extensions. Arrays the expression created change in place
 * (push, splice, sort...); data it did not create is read-only (sort, reverse and fill return a copy).
 * <p>Kept in one file: a table of one family of methods (those of an array), dispatched by name.
 */
final class ArrayMethods {

    private static final Set<String> JS_NAMES = Set.of(
            "at",
            "concat",
            "entries",
            "every",
            "fill",
            "filter",
            "find",
            "findIndex",
            "findLast",
            "findLastIndex",
            "flat",
            "flatMap",
            "forEach",
            "includes",
            "indexOf",
            "join",
            "keys",
            "lastIndexOf",
            "map",
            "reduce",
            "reduceRight",
            "reverse",
            "slice",
            "some",
            "sort",
            "toReversed",
            "toSorted",
            "toSpliced",
            "with",
            "values",
            "toString",
            "push",
            "pop",
            "shift",
            "unshift",
            "splice",
            "copyWithin");

    /** Array.prototype and n8n's array extensions. */
    static final Set<String> NAMES = StringMethods.union(JS_NAMES, ArrayExtensions.NAMES);

    private ArrayMethods() {}

    static Object call(EvalContext ctx, List<?> list, String name, Object[] a) {
        Object a0 = JsOps.arg(a, 0);
        int n = list.size();
        return switch (name) {
            case "at" -> {
                double i = JsOps.toInteger(a0);
                double k = i < 0 ? n + i : i;
                yield k >= 0 && k < n ? list.get((int) k) : Undefined.INSTANCE;
            }
            case "concat", "append" -> {
                long total = n;
                for (Object o : a) {
                    total += o instanceof List<?> l && name.equals("concat") ? l.size() : 1;
                }
                ctx.checkCollection(total);
                ArrayList<Object> out = new JsArray(ctx, list);
                for (Object o : a) {
                    if (o instanceof List<?> l && name.equals("concat")) {
                        ctx.checkCollection((long) out.size() + l.size());
                        ctx.steps(l.size());
                        out.addAll(l);
                    } else {
                        out.add(o);
                    }
                }
                ctx.checkCollection(out.size());
                yield out;
            }
            case "keys" -> {
                ArrayList<Object> out = new JsArray(ctx, ctx.allocate(n));
                for (int i = 0; i < n; i++) {
                    out.add((long) i);
                }
                yield out;
            }
            case "entries" -> {
                ArrayList<Object> out = new JsArray(ctx, ctx.allocate(n));
                for (int i = 0; i < n; i++) {
                    ArrayList<Object> pair = new JsArray(ctx, 2);
                    pair.add((long) i);
                    pair.add(list.get(i));
                    out.add(pair);
                }
                yield out;
            }
            case "values" -> copy(ctx, list);
            case "every" -> {
                Object fn = Members.requireFunction(a0, "every");
                for (int i = 0; i < list.size(); i++) {
                    if (!JsOps.truthy(Members.invoke(ctx, fn, list.get(i), (long) i, list))) {
                        yield false;
                    }
                }
                yield true;
            }
            case "some" -> {
                Object fn = Members.requireFunction(a0, "some");
                for (int i = 0; i < list.size(); i++) {
                    if (JsOps.truthy(Members.invoke(ctx, fn, list.get(i), (long) i, list))) {
                        yield true;
                    }
                }
                yield false;
            }
            case "filter" -> {
                Object fn = Members.requireFunction(a0, "filter");
                ArrayList<Object> out = new JsArray(ctx);
                for (int i = 0; i < list.size(); i++) {
                    Object e = list.get(i);
                    if (JsOps.truthy(Members.invoke(ctx, fn, e, (long) i, list))) {
                        out.add(e);
                    }
                }
                yield out;
            }
            case "find", "findIndex" -> {
                Object fn = Members.requireFunction(a0, name);
                for (int i = 0; i < list.size(); i++) {
                    Object e = list.get(i);
                    if (JsOps.truthy(Members.invoke(ctx, fn, e, (long) i, list))) {
                        yield name.equals("find") ? e : (Object) (long) i;
                    }
                }
                yield name.equals("find") ? Undefined.INSTANCE : Long.valueOf(-1L);
            }
            case "findLast", "findLastIndex" -> {
                Object fn = Members.requireFunction(a0, name);
                for (int i = list.size() - 1; i >= 0; i--) {
                    Object e = list.get(i);
                    if (JsOps.truthy(Members.invoke(ctx, fn, e, (long) i, list))) {
                        yield name.equals("findLast") ? e : (Object) (long) i;
                    }
                }
                yield name.equals("findLast") ? Undefined.INSTANCE : Long.valueOf(-1L);
            }
            case "forEach" -> {
                Object fn = Members.requireFunction(a0, "forEach");
                for (int i = 0; i < list.size(); i++) {
                    Members.invoke(ctx, fn, list.get(i), (long) i, list);
                }
                yield Undefined.INSTANCE;
            }
            case "map" -> {
                Object fn = Members.requireFunction(a0, "map");
                ArrayList<Object> out = new JsArray(ctx, n);
                for (int i = 0; i < list.size(); i++) {
                    out.add(Members.invoke(ctx, fn, list.get(i), (long) i, list));
                }
                yield out;
            }
            case "flatMap" -> {
                Object fn = Members.requireFunction(a0, "flatMap");
                ArrayList<Object> out = new JsArray(ctx, n);
                for (int i = 0; i < list.size(); i++) {
                    Object r = Members.invoke(ctx, fn, list.get(i), (long) i, list);
                    if (r instanceof List<?> l) {
                        ctx.checkCollection((long) out.size() + l.size());
                        ctx.steps(l.size());
                        out.addAll(l);
                    } else {
                        out.add(r);
                    }
                }
                yield out;
            }
            case "flat" -> {
                double depth = a0 == Undefined.INSTANCE ? 1 : JsOps.toInteger(a0);
                ArrayList<Object> out = new JsArray(ctx, n);
                flatten(ctx, out, list, depth, 0);
                yield out;
            }
            case "reduce", "reduceRight" -> reduce(ctx, list, a, name.equals("reduceRight"));
            case "includes" -> {
                int from = JsOps.relativeIndex(JsOps.arg(a, 1), n, 0);
                ctx.steps(n);
                for (int i = from; i < n; i++) {
                    if (JsOps.sameValueZero(list.get(i), a0)) {
                        yield true;
                    }
                }
                yield false;
            }
            case "indexOf" -> {
                int from = JsOps.relativeIndex(JsOps.arg(a, 1), n, 0);
                ctx.steps(n);
                for (int i = from; i < n; i++) {
                    if (JsOps.strictEquals(list.get(i), a0)) {
                        yield (long) i;
                    }
                }
                yield -1L;
            }
            case "lastIndexOf" -> {
                ctx.steps(n);
                int from = JsOps.arg(a, 1) == Undefined.INSTANCE
                        ? n - 1
                        : (int) Math.min(
                                n - 1,
                                JsOps.toInteger(JsOps.arg(a, 1)) < 0
                                        ? n + JsOps.toInteger(JsOps.arg(a, 1))
                                        : JsOps.toInteger(JsOps.arg(a, 1)));
                for (int i = from; i >= 0; i--) {
                    if (JsOps.strictEquals(list.get(i), a0)) {
                        yield (long) i;
                    }
                }
                yield -1L;
            }
            case "join" -> {
                StringBuilder sb = new StringBuilder();
                JsOps.joinInto(ctx, sb, list, a0 == Undefined.INSTANCE ? "," : JsOps.toStr(ctx, a0), 0);
                yield sb.toString();
            }
            case "toString" -> JsOps.toStr(ctx, list);
            case "reverse", "toReversed" -> {
                List<Object> out = copy(ctx, list);
                java.util.Collections.reverse(out);
                yield name.equals("reverse") ? inPlace(ctx, list, out) : out;
            }
            case "slice" -> {
                int from = JsOps.relativeIndex(a0, n, 0);
                int to = JsOps.relativeIndex(JsOps.arg(a, 1), n, n);
                yield from < to ? new JsArray(ctx, list.subList(from, to)) : new JsArray(ctx);
            }
            case "sort" -> inPlace(ctx, list, sort(ctx, list, a0));
            case "toSorted" -> sort(ctx, list, a0);
            case "fill" -> {
                @SuppressWarnings("unchecked")
                List<Object> out = list instanceof JsArray own && ctx.owns(own.owner)
                        ? (List<Object>) list
                        : copy(ctx, list); // data the expression did not create: a filled copy
                int from = JsOps.relativeIndex(JsOps.arg(a, 1), n, 0);
                int to = JsOps.relativeIndex(JsOps.arg(a, 2), n, n);
                ctx.steps(Math.max(0, to - from));
                for (int i = from; i < to; i++) {
                    out.set(i, a0);
                }
                yield out;
            }
            case "with" -> {
                double i = JsOps.toInteger(a0);
                double k = i < 0 ? n + i : i;
                if (k < 0 || k >= n) {
                    throw JsThrow.rangeError("Invalid index : " + JsNumbers.toString(i));
                }
                List<Object> out = copy(ctx, list);
                out.set((int) k, JsOps.arg(a, 1));
                yield out;
            }
            case "toSpliced" -> {
                int start = JsOps.relativeIndex(a0, n, 0);
                int deleteCount =
                        a.length < 2 ? n - start : (int) Math.max(0, Math.min(JsOps.toInteger(a[1]), n - start));
                ArrayList<Object> out = new JsArray(ctx, list.subList(0, start));
                for (int i = 2; i < a.length; i++) {
                    out.add(a[i]);
                }
                out.addAll(list.subList(start + deleteCount, n));
                ctx.checkCollection(out.size());
                yield out;
            }
            case "push" -> {
                JsArray own = writable(ctx, list, name);
                ctx.checkCollection((long) n + a.length);
                java.util.Collections.addAll(own, a);
                yield (long) own.size();
            }
            case "unshift" -> {
                JsArray own = writable(ctx, list, name);
                ctx.checkCollection((long) n + a.length);
                ctx.steps(n);
                own.addAll(0, java.util.Arrays.asList(a));
                yield (long) own.size();
            }
            case "pop" -> {
                JsArray own = writable(ctx, list, name);
                yield n == 0 ? Undefined.INSTANCE : own.remove(n - 1);
            }
            case "shift" -> {
                JsArray own = writable(ctx, list, name);
                ctx.steps(n);
                yield n == 0 ? Undefined.INSTANCE : own.remove(0);
            }
            case "splice" -> {
                JsArray own = writable(ctx, list, name);
                int start = JsOps.relativeIndex(a0, n, 0);
                int deleteCount = a.length == 0
                        ? 0
                        : a.length < 2 ? n - start : (int) Math.max(0, Math.min(JsOps.toInteger(a[1]), n - start));
                ctx.checkCollection((long) n - deleteCount + Math.max(0, a.length - 2));
                ctx.steps(n);
                List<Object> range = own.subList(start, start + deleteCount);
                JsArray removed = new JsArray(ctx, range);
                range.clear();
                if (a.length > 2) {
                    own.addAll(start, java.util.Arrays.asList(a).subList(2, a.length));
                }
                yield removed;
            }
            case "copyWithin" -> {
                JsArray own = writable(ctx, list, name);
                int target = JsOps.relativeIndex(a0, n, 0);
                int from = JsOps.relativeIndex(JsOps.arg(a, 1), n, 0);
                int to = JsOps.relativeIndex(JsOps.arg(a, 2), n, n);
                int count = Math.min(to - from, n - target);
                if (count > 0) {
                    ctx.steps(count);
                    List<Object> chunk = new ArrayList<>(own.subList(from, from + count));
                    for (int i = 0; i < count; i++) {
                        own.set(target + i, chunk.get(i));
                    }
                }
                yield own;
            }
            default -> ArrayExtensions.call(ctx, list, name, a);
        };
    }

    /** An array the evaluation may change (it created it), for push/pop/splice... */
    private static JsArray writable(EvalContext ctx, List<?> list, String method) {
        if (list instanceof JsArray a && ctx.owns(a.owner)) {
            return a;
        }
        throw new ExpressionSandboxException(method + "() cannot change this array: data the expression did not create"
                + " (items, other nodes' output) is read-only; copy it first, e.g. [...list]");
    }

    /**
     * sort, reverse and fill change the array in JavaScript. They do on arrays the expression made;
     * on data it did not make (items, other nodes' output) they return a changed copy instead.
     */
    private static List<?> inPlace(EvalContext ctx, List<?> list, List<Object> result) {
        if (list instanceof JsArray a && ctx.owns(a.owner)) {
            a.clear();
            a.addAll(result);
            return a;
        }
        return result;
    }

    private static List<Object> copy(EvalContext ctx, List<?> list) {
        ctx.steps(list.size());
        return new JsArray(ctx, list);
    }

    private static void flatten(EvalContext ctx, List<Object> out, List<?> list, double depth, int level) {
        if (level > JsOps.MAX_DATA_DEPTH) {
            throw JsOps.tooDeep();
        }
        ctx.steps(list.size());
        for (Object e : list) {
            if (e instanceof List<?> inner && depth >= 1) {
                ctx.checkCollection((long) out.size() + inner.size()); // a lower bound of the result: fail early
                flatten(ctx, out, inner, depth - 1, level + 1);
            } else {
                out.add(e);
                if ((out.size() & 0x3FF) == 0) {
                    ctx.checkCollection(out.size());
                }
            }
        }
        ctx.checkCollection(out.size());
    }

    private static Object reduce(EvalContext ctx, List<?> list, Object[] a, boolean right) {
        Object fn = Members.requireFunction(JsOps.arg(a, 0), "reduce");
        int n = list.size();
        int i = right ? n - 1 : 0;
        int step = right ? -1 : 1;
        Object acc;
        if (a.length >= 2) {
            acc = a[1];
        } else {
            if (n == 0) {
                throw JsThrow.typeError("Reduce of empty array with no initial value");
            }
            acc = list.get(i);
            i += step;
        }
        for (; i >= 0 && i < n; i += step) {
            acc = Members.invoke(ctx, fn, acc, list.get(i), (long) i, list);
        }
        return acc;
    }

    /** A stable merge sort: a comparator that is not a total order cannot make it throw. */
    private static List<Object> sort(EvalContext ctx, List<?> list, Object comparator) {
        if (comparator != Undefined.INSTANCE) {
            Members.requireFunction(comparator, "sort");
        }
        ArrayList<Object> defined = new JsArray(ctx, list.size());
        int undefinedCount = 0;
        for (Object e : list) {
            if (e == Undefined.INSTANCE) {
                undefinedCount++;
            } else {
                defined.add(e);
            }
        }
        Object[] items = defined.toArray();
        String[] keys = null;
        if (comparator == Undefined.INSTANCE) {
            keys = new String[items.length];
            for (int i = 0; i < items.length; i++) {
                keys[i] = JsOps.toStr(ctx, items[i]);
            }
        }
        Object[] buf = new Object[items.length];
        String[] keyBuf = keys == null ? null : new String[items.length];
        mergeSort(ctx, items, keys, buf, keyBuf, 0, items.length, comparator);
        ArrayList<Object> out = new JsArray(ctx, list.size());
        for (Object o : items) {
            out.add(o);
        }
        for (int i = 0; i < undefinedCount; i++) {
            out.add(Undefined.INSTANCE);
        }
        return out;
    }

    private static void mergeSort(
            EvalContext ctx,
            Object[] a,
            String[] keys,
            Object[] buf,
            String[] keyBuf,
            int from,
            int to,
            Object comparator) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(ctx, a, keys, buf, keyBuf, from, mid, comparator);
        mergeSort(ctx, a, keys, buf, keyBuf, mid, to, comparator);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            boolean takeRight =
                    keys != null ? keys[i].compareTo(keys[j]) > 0 : compare(ctx, comparator, a[i], a[j]) > 0;
            if (takeRight) {
                copyOne(a, keys, buf, keyBuf, j++, k++);
            } else {
                copyOne(a, keys, buf, keyBuf, i++, k++);
            }
        }
        while (i < mid) {
            copyOne(a, keys, buf, keyBuf, i++, k++);
        }
        while (j < to) {
            copyOne(a, keys, buf, keyBuf, j++, k++);
        }
        System.arraycopy(buf, from, a, from, to - from);
        if (keys != null) {
            System.arraycopy(keyBuf, from, keys, from, to - from);
        }
    }

    private static void copyOne(Object[] a, String[] keys, Object[] buf, String[] keyBuf, int from, int to) {
        buf[to] = a[from];
        if (keys != null) {
            keyBuf[to] = keys[from];
        }
    }

    private static double compare(EvalContext ctx, Object comparator, Object x, Object y) {
        double d = JsOps.toNumber(Members.invoke(ctx, comparator, x, y));
        return Double.isNaN(d) ? 0 : d;
    }
}
