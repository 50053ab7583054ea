package io.hearth.expression;

import java.util.Set;

/**
 * The deny-lists. The interpreter has no path to Java objects anyway (values are dispatched by an
 * allowlist of types); these lists turn the well-known JavaScript escape shapes into clear errors
 * instead of {@code undefined}, and keep them errors should the allowlist ever grow.
 */
final class Sandbox {

    /** Refused on anything but a plain data Map that holds the key. */
    private static final Set<String> FORBIDDEN_PROPERTIES = Set.of(
            "constructor",
            "__proto__",
            "prototype",
            "__defineGetter__",
            "__defineSetter__",
            "__lookupGetter__",
            "__lookupSetter__",
            "getClass",
            "class",
            "getClassLoader",
            "caller",
            "callee",
            "arguments",
            "mainModule",
            "binding",
            "getPrototypeOf",
            "setPrototypeOf",
            "defineProperty",
            "defineProperties",
            "getOwnPropertyDescriptor",
            "getOwnPropertyDescriptors",
            "getOwnPropertyNames",
            "getOwnPropertySymbols",
            "isPrototypeOf",
            "propertyIsEnumerable",
            "__noSuchMethod__");

    /** Refused on functions: there is no this-binding or reflection on functions. */
    private static final Set<String> FORBIDDEN_FUNCTION_PROPERTIES = Set.of("call", "apply", "bind", "toSource");

    /** Root identifiers that exist in JavaScript hosts and must never resolve here. */
    private static final Set<String> DENIED_GLOBALS = Set.of(
            "globalThis",
            "global",
            "window",
            "self",
            "top",
            "parent",
            "frames",
            "document",
            "navigator",
            "process",
            "require",
            "module",
            "exports",
            "__dirname",
            "__filename",
            "Buffer",
            "eval",
            "Function",
            "AsyncFunction",
            "GeneratorFunction",
            "Reflect",
            "Proxy",
            "Symbol",
            "WebAssembly",
            "Atomics",
            "SharedArrayBuffer",
            "Worker",
            "importScripts",
            "fetch",
            "XMLHttpRequest",
            "setTimeout",
            "setInterval",
            "setImmediate",
            "queueMicrotask",
            "Deno",
            "Bun",
            "Java",
            "Packages",
            "java",
            "javax",
            "jdk",
            "sun",
            "com",
            "org",
            "Polyglot",
            "Graal",
            "load",
            "loadWithNewGlobal",
            "arguments",
            "constructor",
            "__proto__",
            "prototype");

    /** JavaScript's reserved words: never variable names or labels. */
    private static final Set<String> RESERVED_WORDS = Set.of(
            "break",
            "case",
            "catch",
            "class",
            "const",
            "continue",
            "debugger",
            "default",
            "delete",
            "do",
            "else",
            "enum",
            "export",
            "extends",
            "false",
            "finally",
            "for",
            "function",
            "if",
            "import",
            "in",
            "instanceof",
            "new",
            "null",
            "return",
            "super",
            "switch",
            "this",
            "throw",
            "true",
            "try",
            "typeof",
            "var",
            "void",
            "while",
            "with",
            "yield",
            "let",
            "static",
            "await",
            "implements",
            "package",
            "protected",
            "interface",
            "private",
            "public");

    private Sandbox() {}

    static boolean isReservedWord(String name) {
        return RESERVED_WORDS.contains(name);
    }

    static boolean isForbiddenProperty(String name) {
        return FORBIDDEN_PROPERTIES.contains(name);
    }

    static boolean isForbiddenOnFunction(String name) {
        return FORBIDDEN_PROPERTIES.contains(name) || FORBIDDEN_FUNCTION_PROPERTIES.contains(name);
    }

    static boolean isDeniedGlobal(String name) {
        return DENIED_GLOBALS.contains(name);
    }

    static ExpressionSandboxException forbiddenProperty(String name) {
        return new ExpressionSandboxException("access to '" + name + "' is not allowed in expressions");
    }

    static ExpressionSandboxException deniedGlobal(String name) {
        return new ExpressionSandboxException("'" + name + "' is not available in expressions");
    }

    static ExpressionSandboxException unsupportedValue() {
        return new ExpressionSandboxException(
                "this value cannot be used in expressions: only JSON data, dates and host objects are accessible");
    }
}
