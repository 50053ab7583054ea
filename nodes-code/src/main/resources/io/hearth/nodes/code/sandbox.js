// Hearth Code node: evaluated once in each pooled GraalJS context, before any user code runs.
// It locks the context down (built-ins frozen, host-specific globals removed, allocation paths that
// a cancel cannot interrupt routed through ones it can) and returns the runner the host drives.
// Facts about n8n's Code node (variables, return shapes, messages) come from n8n's documentation and
// sources; the code is Hearth's own.
(function bootstrap(limits) {
    'use strict';
    const G = globalThis;
    const O = Object;
    const freeze = O.freeze;
    const defineProperty = O.defineProperty;
    const getOwnPropertyNames = O.getOwnPropertyNames;
    const getOwnPropertySymbols = O.getOwnPropertySymbols;
    const getOwnPropertyDescriptor = O.getOwnPropertyDescriptor;
    const getPrototypeOf = O.getPrototypeOf;
    const ownKeys = Reflect.ownKeys;
    const reflectApply = Reflect.apply;
    const reflectConstruct = Reflect.construct;
    const parse = JSON.parse;
    const stringify = JSON.stringify;
    const isArray = Array.isArray;
    const SetC = Set;
    const MapC = Map;
    const WeakMapC = WeakMap;
    const ProxyC = Proxy;
    const PromiseC = Promise;
    const DateC = Date;
    const ErrorC = Error;
    const TypeErrorC = TypeError;
    const RangeErrorC = RangeError;
    const dateNow = Date.now;

    // ---- 1. Globals that belong to the host, not to JavaScript.
    for (const name of ['Graal', 'Java', 'Packages', 'java', 'javax', 'Polyglot', 'print', 'printErr', 'load',
        'loadWithNewGlobal', 'quit', 'exit', 'console', 'FinalizationRegistry', 'WeakRef', 'SharedArrayBuffer']) {
        delete G[name];
    }

    // ---- 2. Allocation paths a cancel cannot interrupt.
    // Array.from over an array-like without a map function runs in one uninterruptible loop; with an
    // identity map function it takes the interruptible path and gives the same result.
    const arrayFrom = Array.from;
    const identity = (v) => v;
    defineProperty(Array, 'from', {
        value: function from(items) {
            const args = arguments;
            if (args.length < 2 && items != null && typeof items[Symbol.iterator] !== 'function') {
                return reflectApply(arrayFrom, this, [items, identity]);
            }
            return reflectApply(arrayFrom, this, args);
        },
        writable: true, enumerable: false, configurable: true,
    });
    // One ArrayBuffer is one allocation: bound it like typed arrays are bounded.
    const maxBuffer = limits.maxBufferBytes;
    const checkBufferLength = (n) => {
        if (typeof n === 'number' && n > maxBuffer) {
            throw new RangeErrorC('Array buffer allocation failed: ' + n + ' bytes is more than the Code node allows ('
                + maxBuffer + ')');
        }
    };
    const AB = ArrayBuffer;
    const abProto = AB.prototype;
    for (const method of ['resize', 'transfer', 'transferToFixedLength']) {
        const original = abProto[method];
        if (typeof original === 'function') {
            defineProperty(abProto, method, {
                value: {[method](n) { checkBufferLength(n); return reflectApply(original, this, arguments); }}[method],
                writable: true, enumerable: false, configurable: true,
            });
        }
    }
    G.ArrayBuffer = new ProxyC(AB, {
        construct(target, args, newTarget) {
            checkBufferLength(args[0]);
            if (args[1] != null && typeof args[1] === 'object') {
                checkBufferLength(args[1].maxByteLength);
            }
            return reflectConstruct(target, args, newTarget);
        },
    });

    // ---- 3. Freeze every built-in (n8n freezes its globals too), so a run cannot change what the next
    // run sees. Assigning an inherited frozen property (o.toString = f) would then fail ("the override
    // mistake"), so the commonly overridden ones become accessors that define an own property instead.
    const enableOverride = (proto, names) => {
        for (const name of names) {
            const desc = getOwnPropertyDescriptor(proto, name);
            if (!desc || !('value' in desc)) {
                continue;
            }
            const value = desc.value;
            defineProperty(proto, name, {
                get() { return value; },
                set(v) {
                    if (this === proto) {
                        throw new TypeErrorC('Cannot assign to read only property \'' + name + '\' of a built-in object');
                    }
                    defineProperty(this, name, {value: v, writable: true, enumerable: true, configurable: true});
                },
                enumerable: desc.enumerable, configurable: false,
            });
        }
    };
    enableOverride(O.prototype, ['toString', 'valueOf', 'constructor', 'hasOwnProperty', 'toLocaleString',
        'isPrototypeOf', 'propertyIsEnumerable']);
    enableOverride(ErrorC.prototype, ['name', 'message', 'toString']);
    enableOverride(Function.prototype, ['toString']);

    const roots = [G, [][Symbol.iterator](), new MapC().entries(), new SetC().values(), ''[Symbol.iterator](),
        /a/[Symbol.matchAll]('a'), function* g() {}, async function a() {}, async function* ag() {}, async () => {},
        PromiseC.resolve(), getPrototypeOf(Int8Array)];
    if (typeof Intl === 'object' && typeof Intl.Segmenter === 'function') {
        roots.push(new Intl.Segmenter().segment('a')[Symbol.iterator]());
    }
    const seen = new SetC();
    const stack = roots.slice();
    while (stack.length > 0) {
        const o = stack.pop();
        if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) {
            continue;
        }
        seen.add(o);
        stack.push(getPrototypeOf(o));
        for (const key of ownKeys(o)) {
            const d = getOwnPropertyDescriptor(o, key);
            if ('value' in d) {
                stack.push(d.value);
            } else {
                stack.push(d.get, d.set);
            }
        }
    }
    seen.delete(G);
    seen.forEach(freeze);
    for (const key of ownKeys(G)) {
        const d = getOwnPropertyDescriptor(G, key);
        if (d.configurable || d.writable) {
            defineProperty(G, key, 'value' in d
                ? {value: d.value, writable: false, enumerable: d.enumerable, configurable: false}
                : {get: d.get, set: d.set, enumerable: d.enumerable, configurable: false});
        }
    }
    const baseline = new SetC(ownKeys(G));

    // ---- 4. Values crossing the boundary. The host answers [tag, payload]:
    // 'j' JSON text, 'u' undefined, 'f' a method, 'd' a DateTime handle, 'D' a Duration handle.
    let host = null;
    const handles = new WeakMapC();

    const decode = (r) => {
        switch (r[0]) {
            case 'j': return parse(r[1]);
            case 'u': return undefined;
            case 'd': return wrapHandle(r[1], DateTimeProto);
            case 'D': return wrapHandle(r[1], DurationProto);
            case 'I': return wrapHandle(r[1], IntervalProto);
            case 'e': throw new ErrorC(r[1]);
            default: throw new TypeErrorC('unexpected host value ' + r[0]);
        }
    };
    // Arguments go to the host as JSON text; DateTime/Duration handles and JS Dates travel beside it as
    // {"\u0000h": index} / {"\u0000d": epochMillis} placeholders.
    const encodeArgs = (args) => {
        const hs = [];
        let n = args.length;
        while (n > 0 && args[n - 1] === undefined) {
            n--;
        }
        const top = [];
        for (let i = 0; i < n; i++) {
            const a = args[i];
            if (handles.has(a)) {
                hs.push(handles.get(a));
                top[i] = {'\u0000h': hs.length - 1};
            } else {
                top[i] = a;
            }
        }
        const json = stringify(top, function (k, x) {
            const raw = this[k];
            if (raw instanceof DateC) {
                return {'\u0000d': raw.getTime()};
            }
            if (typeof raw === 'object' && raw !== null && handles.has(raw)) {
                hs.push(handles.get(raw));
                return {'\u0000h': hs.length - 1};
            }
            return x;
        });
        return [json, hs];
    };

    const DateTimeProto = {};
    const DurationProto = {};
    const IntervalProto = {};
    const handleTrap = {
        get(target, name) {
            const h = handles.get(target);
            if (typeof name === 'symbol') {
                return undefined;
            }
            if (name === 'then' || name === 'constructor') {
                if (name === 'then') {
                    return undefined;
                }
                const proto = getPrototypeOf(target);
                return proto === DateTimeProto ? DateTime : proto === IntervalProto ? Interval : Duration;
            }
            if (name === 'isLuxonDateTime') {
                return getPrototypeOf(target) === DateTimeProto;
            }
            const r = host('member', h, name);
            if (r[0] === 'f') {
                return function () {
                    const [json, hs] = encodeArgs(arguments);
                    return decode(host('call', h, name, json, hs));
                };
            }
            return decode(r);
        },
        set() { return false; },
    };
    function wrapHandle(h, proto) {
        const target = O.create(proto);
        handles.set(target, h);
        const p = new ProxyC(target, handleTrap);
        handles.set(p, h);
        return p;
    }
    const staticNamespace = (kind, proto, extra) => {
        const ns = function () {
            throw new TypeErrorC(kind + ' cannot be constructed with new; use ' + kind + '.fromISO(), '
                + kind + '.fromObject()...');
        };
        ns.prototype = proto;
        return new ProxyC(ns, {
            get(target, name) {
                if (name === 'prototype') {
                    return proto;
                }
                if (typeof name === 'symbol' || name === 'then') {
                    return undefined;
                }
                if (extra[name] !== undefined) {
                    return extra[name];
                }
                return function () {
                    const [json, hs] = encodeArgs(arguments);
                    return decode(host('static', kind, name, json, hs));
                };
            },
            construct() {
                throw new TypeErrorC(kind + ' cannot be constructed with new; use ' + kind + '.fromISO(), '
                    + kind + '.fromObject()...');
            },
        });
    };
    const DateTime = staticNamespace('DateTime', DateTimeProto, {
        isDateTime: (v) => handles.has(v) && getPrototypeOf(v) === DateTimeProto,
        fromJSDate: (d) => decode(host('static', 'DateTime', 'fromMillis', stringify([d instanceof DateC ? d.getTime() : d]), [])),
    });
    const Duration = staticNamespace('Duration', DurationProto, {
        isDuration: (v) => handles.has(v) && getPrototypeOf(v) === DurationProto,
    });
    const Interval = staticNamespace('Interval', IntervalProto, {
        isInterval: (v) => handles.has(v) && getPrototypeOf(v) === IntervalProto,
    });
    DateTimeProto.toJSON = function () { return this.toISO(); };

    // ---- 5. Console output goes to the node's run in the execution record.
    const describe = (v) => {
        if (typeof v === 'string') {
            return v;
        }
        if (v === undefined) {
            return 'undefined';
        }
        if (handles.has(v) && getPrototypeOf(v) === DateTimeProto) {
            return v.toISO();
        }
        if (typeof v === 'function') {
            return '[Function' + (v.name ? ': ' + v.name : '') + ']';
        }
        if (typeof v === 'symbol' || typeof v === 'bigint') {
            return String(v);
        }
        if (v instanceof ErrorC) {
            return String(v.stack || v);
        }
        try {
            const seenObjects = new SetC();
            const s = stringify(v, (k, x) => {
                if (typeof x === 'object' && x !== null) {
                    if (seenObjects.has(x)) {
                        return '[Circular]';
                    }
                    seenObjects.add(x);
                }
                return x === undefined ? 'undefined' : typeof x === 'function' ? '[Function]' : x;
            });
            return s === undefined ? String(v) : s;
        } catch (e) {
            return String(v);
        }
    };
    const makeConsole = () => {
        const line = (level) => function () {
            const parts = [];
            for (let i = 0; i < arguments.length; i++) {
                parts[i] = describe(arguments[i]);
            }
            host('console', level, parts.join(' '));
        };
        const noop = () => undefined;
        const c = {log: line('log'), info: line('info'), warn: line('warn'), error: line('error'), debug: line('debug'),
            trace: line('log'), dir: line('log'), table: line('log')};
        for (const name of ['time', 'timeEnd', 'timeLog', 'assert', 'clear', 'count', 'countReset', 'group', 'groupEnd',
            'groupCollapsed', 'dirxml', 'profile', 'profileEnd', 'timeStamp']) {
            c[name] = noop;
        }
        return c;
    };

    // ---- 6. Timers: run by the host's loop between promise jobs, within the run's deadline.
    let timers = new MapC();
    let timerSeq = 0;
    const addTimer = (fn, ms, args, repeat) => {
        if (typeof fn !== 'function') {
            throw new TypeErrorC('The "callback" argument must be of type function');
        }
        const id = ++timerSeq;
        const delay = Math.max(0, Number(ms) || 0);
        timers.set(id, {fn, args, due: dateNow() + delay, repeat: repeat ? Math.max(1, delay) : 0});
        return id;
    };
    const timerApi = {
        setTimeout: function setTimeout(fn, ms, ...args) { return addTimer(fn, ms, args, false); },
        setInterval: function setInterval(fn, ms, ...args) { return addTimer(fn, ms, args, true); },
        setImmediate: function setImmediate(fn, ...args) { return addTimer(fn, 0, args, false); },
        clearTimeout: function clearTimeout(id) { timers.delete(id); },
        clearInterval: function clearInterval(id) { timers.delete(id); },
        clearImmediate: function clearImmediate(id) { timers.delete(id); },
    };
    // Runs the timers that are due; answers the milliseconds until the next one, or -1 when none is left.
    const pump = () => {
        const now = dateNow();
        let next = -1;
        for (const [id, t] of Array.from(timers)) {
            if (!timers.has(id)) {
                continue;
            }
            if (t.due <= now) {
                if (t.repeat > 0) {
                    t.due = now + t.repeat;
                } else {
                    timers.delete(id);
                }
                reflectApply(t.fn, undefined, t.args);
            }
        }
        for (const t of timers.values()) {
            const wait = Math.max(0, t.due - dateNow());
            next = next < 0 ? wait : Math.min(next, wait);
        }
        return next;
    };

    // ---- 7. Base64 helpers n8n's Code node offers.
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const btoa = function btoa(input) {
        const s = String(input);
        let out = '';
        for (let i = 0; i < s.length; i += 3) {
            const a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2);
            if (a > 255 || b > 255 || c > 255) {
                throw new ErrorC('Invalid character: btoa() takes a string of Latin-1 characters');
            }
            const n = (a << 16) | ((b || 0) << 8) | (c || 0);
            out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < s.length ? B64[(n >> 6) & 63] : '=')
                + (i + 2 < s.length ? B64[n & 63] : '=');
        }
        return out;
    };
    const atob = function atob(input) {
        const s = String(input).replace(/[\t\n\f\r ]/g, '').replace(/=+$/, '');
        if (/[^A-Za-z0-9+/]/.test(s) || s.length % 4 === 1) {
            throw new ErrorC('Invalid character: the string to be decoded is not correctly encoded');
        }
        let out = '';
        let bits = 0, value = 0;
        for (let i = 0; i < s.length; i++) {
            value = (value << 6) | B64.indexOf(s[i]);
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out += String.fromCharCode((value >> bits) & 255);
            }
        }
        return out;
    };

    // ---- 8. One node run: the variables n8n's Code node offers, built from what the host sends.
    const PARAMS = ['$input', '$json', '$binary', '$', '$node', '$items', '$item', '$now', '$today', '$workflow',
        '$execution', '$vars', '$env', '$prevNode', '$runIndex', '$itemIndex', '$mode', '$parameter', '$nodeVersion',
        '$nodeId', '$jmespath', '$getWorkflowStaticData', '$evaluateExpression', '$if', '$ifEmpty', '$min', '$max',
        'DateTime', 'Duration', 'Interval', 'items', 'item', 'console', 'require', 'module', 'setTimeout', 'setInterval',
        'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'btoa', 'atob'];

    let run = null; // {meta, items, console, now, today}

    const nodeAccessor = (name, itemIndex) => {
        const get = (prop) => decode(host('node', name, prop, itemIndex, null));
        const call = (prop) => function () { return decode(host('node', name, prop, itemIndex, encodeArgs(arguments)[0])); };
        return {
            get json() { return get('json'); },
            get binary() { return get('binary'); },
            get item() { return get('item'); },
            get pairedItem() { return get('item'); },
            get isExecuted() { return get('isExecuted'); },
            get params() { return get('params'); },
            get parameter() { return get('params'); },
            get runIndex() { return get('runIndex'); },
            get context() { return get('context'); },
            first: call('first'),
            last: call('last'),
            all: call('all'),
            itemMatching: call('itemMatching'),
        };
    };
    const isEmpty = (v) => v === undefined || v === null || v === ''
        || (isArray(v) && v.length === 0)
        || (typeof v === 'object' && !isArray(v) && !(v instanceof DateC) && O.keys(v).length === 0);

    const environment = (itemIndex) => {
        const meta = run.meta;
        const items = run.items;
        const current = itemIndex >= 0 ? items[itemIndex] : items[0];
        const $input = {
            all: () => items,
            first: () => items[0],
            last: () => items[items.length - 1],
            get item() { return current; },
            params: meta.parameter,
            context: {noItemsLeft: false},
            itemMatching: (i) => items[i],
        };
        const $node = new ProxyC({}, {
            get(t, name) { return typeof name === 'string' ? nodeAccessor(name, Math.max(itemIndex, 0)) : undefined; },
        });
        const env = {
            $input,
            $json: current === undefined ? undefined : current.json,
            $binary: current === undefined ? undefined : (current.binary || {}),
            $: (name) => nodeAccessor(String(name), Math.max(itemIndex, 0)),
            $node,
            $items: function $items() {
                return decode(host('items', Math.max(itemIndex, 0), encodeArgs(arguments)[0]));
            },
            $item: (i) => ({$node: new ProxyC({}, {get(t, name) { return nodeAccessor(String(name), i); }})}),
            $now: run.now,
            $today: run.today,
            $workflow: meta.workflow,
            $execution: meta.execution,
            $vars: meta.vars,
            $env: meta.env === null ? new ProxyC({}, {get() { throw new ErrorC('access to env vars denied'); }}) : meta.env,
            $prevNode: meta.prevNode,
            $runIndex: meta.runIndex,
            $itemIndex: Math.max(itemIndex, 0),
            $mode: meta.mode,
            $parameter: meta.parameter,
            $nodeVersion: meta.nodeVersion,
            $nodeId: meta.nodeId,
            $jmespath: (data, expression) => decode(host('jmespath', encodeArgs([data])[0], String(expression))),
            $getWorkflowStaticData: (type) => {
                const t = String(type);
                if (t !== 'global' && t !== 'node') {
                    throw new ErrorC('The static data type "' + t + '" is not known. Valid types are: global, node');
                }
                if (!run.staticData[t]) {
                    run.staticData[t] = decode(host('staticData', t));
                }
                return run.staticData[t];
            },
            $evaluateExpression: (expression, i) => decode(host('evaluate', String(expression),
                i === undefined ? Math.max(itemIndex, 0) : Number(i))),
            $if: (c, a, b) => (c ? a : b),
            $ifEmpty: (v, d) => (isEmpty(v) ? d : v),
            $min: (...a) => Math.min(...a),
            $max: (...a) => Math.max(...a),
            DateTime,
            Duration,
            Interval,
            items: itemIndex < 0 ? items : undefined,
            item: itemIndex >= 0 ? current : undefined,
            console: run.console,
            require: (name) => { throw new ErrorC('Module \'' + name + '\' is disallowed'); },
            module: {exports: {}},
            btoa,
            atob,
        };
        O.assign(env, timerApi);
        return PARAMS.map((p) => env[p]);
    };

    const settle = (outcome, value) => {
        outcome.done = true;
        outcome.ok = true;
        try {
            outcome.type = value === null ? 'null' : isArray(value) ? 'array' : typeof value;
            outcome.json = outcome.type === 'undefined' || outcome.type === 'function' || outcome.type === 'symbol'
                ? undefined : stringify(value);
            // Read by the host before it copies the text: data past the limits is refused uncopied.
            outcome.jsonLength = outcome.json === undefined ? 0 : outcome.json.length;
        } catch (e) {
            fail(outcome, e, true);
        }
    };
    const fail = (outcome, e, serializing) => {
        outcome.done = true;
        outcome.ok = false;
        outcome.serializing = serializing === true;
        if (e instanceof ErrorC) {
            outcome.errorName = String(e.name);
            outcome.message = String(e.message);
            outcome.stack = String(e.stack || '');
            outcome.error = e;
        } else {
            outcome.errorName = '';
            try {
                outcome.message = typeof e === 'string' ? e : stringify(e);
            } catch (ignored) {
                outcome.message = String(e);
            }
            outcome.stack = '';
        }
    };

    return freeze({
        params: PARAMS.join(', '),
        // Starts a node run: the input items (JSON text) and the run's metadata.
        begin(hostFunction, itemsJson, metaJson, now, today) {
            host = hostFunction;
            timers = new MapC();
            const meta = parse(metaJson);
            run = {meta, items: parse(itemsJson), console: makeConsole(), now: decode(now), today: decode(today),
                staticData: {}};
        },
        // Calls the compiled user function for all items (itemIndex -1) or for one item.
        call(fn, itemIndex) {
            const outcome = {done: false};
            try {
                const p = reflectApply(fn, undefined, environment(itemIndex));
                PromiseC.resolve(p).then((v) => settle(outcome, v), (e) => fail(outcome, e, false));
            } catch (e) {
                fail(outcome, e, false);
            }
            return outcome;
        },
        pump,
        // The static data objects the code asked for, as JSON, to hand back to the workflow.
        staticData() {
            return stringify(run.staticData);
        },
        // Ends a run: drops its timers and the globals it created. False when the context must not be reused.
        end() {
            timers = new MapC();
            run = null;
            host = null;
            let clean = O.isExtensible(G);
            for (const key of ownKeys(G)) {
                if (!baseline.has(key)) {
                    const d = getOwnPropertyDescriptor(G, key);
                    if (d && d.configurable) {
                        delete G[key];
                    } else {
                        clean = false;
                    }
                }
            }
            return clean;
        },
    });
})
