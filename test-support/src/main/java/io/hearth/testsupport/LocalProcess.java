package io.hearth.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A server process a test helper starts and stops (Mosquitto, the SMTP server): its output goes to a log
 * file, start waits for a line or a port with a deadline, stop is SIGTERM then SIGKILL, and a JVM shutdown
 * hook stops whatever is still running.
 */
final class LocalProcess {

    /** What a short command printed. */
    record Result(int exitCode, String output) {}

    private final String name;
    private final List<String> command;
    private final Path log;
    private volatile Process process;

    LocalProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "stop-" + name));
    }

    /** Runs a short command to its end (at most two minutes) and returns its output. */
    static Result run(List<String> command, Path directory) {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "(unreadable: " + e.getMessage() + ")";
                }
            });
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + command);
            }
            return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS));
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        } catch (Exception e) {
            return new Result(-1, e.toString());
        }
    }

    /** Starts the process and returns once a line of its output matches {@code ready}, or fails with its log. */
    synchronized void startAndWaitForLine(Predicate<String> ready, Duration deadline) {
        Process p = launch(false);
        CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        BufferedReader in =
                                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                        String line;
                        while ((line = in.readLine()) != null) {
                            appendLog(line);
                            if (ready.test(line)) {
                                // keep draining on a thread of its own so the process never blocks on a full pipe
                                Thread.ofVirtual().name(name + "-output").start(() -> drain(in));
                                return true;
                            }
                        }
                        in.close();
                        return false;
                    } catch (IOException e) {
                        return false;
                    }
                },
                task -> Thread.ofVirtual().name(name + "-start").start(task));
        awaitStarted(seen, deadline);
    }

    /** Starts the process and returns once {@code port} on 127.0.0.1 accepts connections. */
    synchronized void startAndWaitForPort(int port, Duration deadline) {
        Process p = launch(true);
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + p.exitValue() + " while starting; its log (" + log + "):\n" + tail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        stop();
        throw new IllegalStateException(
                name + " did not listen on " + port + " within " + deadline + "; log:\n" + tail());
    }

    private Process launch(boolean outputToLog) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            java.nio.file.Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (outputToLog) {
                pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            }
            process = pb.start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot start " + name + " (" + command.getFirst() + "): " + e.getMessage(), e);
        }
    }

    private void awaitStarted(CompletableFuture<Boolean> seen, Duration deadline) {
        try {
            if (Boolean.TRUE.equals(seen.get(deadline.toMillis(), TimeUnit.MILLISECONDS))) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception timeout) {
            // reported below
        }
        stop();
        throw new IllegalStateException(
                name + " did not become ready within " + deadline + "; its log (" + log + "):\n" + tail());
    }

    private void drain(BufferedReader in) {
        try (in) {
            String line;
            while ((line = in.readLine()) != null) {
                appendLog(line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private void appendLog(String line) {
        // not on this object's monitor: start() holds it while the reader thread logs what it reads
        synchronized (log) {
            writeLog(line);
        }
    }

    private void writeLog(String line) {
        try {
            java.nio.file.Files.writeString(
                    log, line + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // a log line lost is not worth failing a test
        }
    }

    private String tail() {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** SIGTERM, then SIGKILL after ten seconds; returns once the process is gone. */
    synchronized void stop() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    /** {@code count} different TCP ports on 127.0.0.1 that were free a moment ago (held open together while chosen). */
    static int[] freePorts(int count) {
        List<ServerSocket> held = new java.util.ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a listening socket we opened
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50); // polling a port that is about to open; not a test's wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
