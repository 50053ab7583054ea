package io.hearth.nodes.code;

/** The server's one sandbox, created on first use (the engine costs about a second and ~50 MB). */
final class SharedSandbox {

    private static volatile JsSandbox instance;

    private SharedSandbox() {}

    static JsSandbox get() {
        JsSandbox s = instance;
        if (s == null) {
            synchronized (SharedSandbox.class) {
                s = instance;
                if (s == null) {
                    s = new JsSandbox(CodeSettings.fromEnvironment());
                    instance = s;
                }
            }
        }
        return s;
    }
}
