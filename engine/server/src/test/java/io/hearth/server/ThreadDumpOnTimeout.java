package io.hearth.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a request of a test gets no answer in time, prints what the server's threads were doing: the event loops,
 * Hearth's own pools and Reactor's schedulers (and writes every thread to target/thread-dumps). A request that hangs
 * while others are answered is rare and has so far left no other trace.
 */
final class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (isTimeout(thrown)) {
            dump(context.getDisplayName() + " in "
                    + context.getRequiredTestClass().getSimpleName());
        }
        throw thrown;
    }

    private static boolean isTimeout(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof java.util.concurrent.TimeoutException
                    || message.contains("Timeout on blocking read")
                    || message.contains("did not observe any item or terminal signal")) {
                return true;
            }
        }
        return false;
    }

    private static void dump(String test) {
        ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
        String all = Arrays.stream(threads).map(ThreadDumpOnTimeout::format).collect(Collectors.joining("\n"));
        String server = Arrays.stream(threads)
                .filter(t -> t.getThreadName().startsWith("reactor-")
                        || t.getThreadName().startsWith("hearth-")
                        || t.getThreadName().startsWith("parallel-")
                        || t.getThreadName().startsWith("boundedElastic-"))
                .filter(t -> t.getThreadState() != Thread.State.TIMED_WAITING || !isIdle(t))
                .map(ThreadDumpOnTimeout::format)
                .collect(Collectors.joining("\n"));
        System.err.println("=== A request timed out in " + test + "; busy server threads:\n" + server);
        try {
            Path dir = Files.createDirectories(Path.of("target", "thread-dumps"));
            Files.writeString(dir.resolve(System.currentTimeMillis() + ".txt"), test + "\n" + all);
        } catch (IOException e) {
            System.err.println("(could not write the full thread dump: " + e + ")");
        }
    }

    private static boolean isIdle(ThreadInfo t) {
        StackTraceElement[] stack = t.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().startsWith("jdk.internal.misc.Unsafe");
    }

    private static String format(ThreadInfo t) {
        StringBuilder s = new StringBuilder("\"" + t.getThreadName() + "\" " + t.getThreadState());
        if (t.getLockName() != null) {
            s.append(" on ").append(t.getLockName());
        }
        if (t.getLockOwnerName() != null) {
            s.append(" owned by \"").append(t.getLockOwnerName()).append('"');
        }
        StackTraceElement[] stack = t.getStackTrace();
        for (int i = 0; i < Math.min(stack.length, 30); i++) {
            s.append("\n    at ").append(stack[i]);
        }
        return s.toString();
    }
}
