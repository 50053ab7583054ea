package io.hearth.nodes.code;

import java.util.function.Consumer;

/** Hands what the code printed with {@code console.*} to the node's run, bounded per node run. */
final class ConsoleLines {

    private static final int MAX_LINE = 10_000;

    private final int maxLines;
    private final Consumer<String> sink;
    private int count;

    ConsoleLines(int maxLines, Consumer<String> sink) {
        this.maxLines = maxLines;
        this.sink = sink;
    }

    void add(String level, String text) {
        count++;
        if (count > maxLines) {
            if (count == maxLines + 1) {
                sink.accept("… more console output not kept (the server keeps " + maxLines + " lines per run)");
            }
            return;
        }
        String line = text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + "… (truncated)" : text;
        sink.accept(level.equals("log") ? line : "[" + level + "] " + line);
    }
}
