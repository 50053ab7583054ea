package io.hearth.nodes.code;

import io.hearth.common.Timers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GraalJS contexts for Code node runs: one shared engine (parsed code is cached across contexts),
 * contexts pooled so a run does not pay for a new JavaScript realm (~1 ms interpreted) and locked
 * down by {@code sandbox.js} before any user code runs.
 * <p>
 * The contexts grant nothing: no host access ({@link HostAccess#NONE}), no Java classes, no
 * polyglot, no IO, no threads, no processes, no environment. This is what GraalJS's
 * {@code SandboxPolicy.CONSTRAINED} checks, set by hand because that policy also forbids the limits
 * set here: statements per run, string length, typed-array length. A wall-clock deadline and a heap
 * guard cancel a run (and discard its context); a context whose run ended abnormally or left
 * undeletable globals behind is never reused.
 */
public final class JsSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JsSandbox.class);
    static final String CODE_SOURCE_NAME = "code";

    private static final String BOOTSTRAP = resource("sandbox.js");

    private final CodeSettings settings;
    private final org.graalvm.polyglot.Engine engine;
    private final Source bootstrap;
    private final LinkedBlockingDeque<SandboxContext> idle = new LinkedBlockingDeque<>();
    private final Set<Lease> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private final HeapGuard heapGuard;
    private long lastFullCollection = System.nanoTime() - 2_000_000_000L;

    public JsSandbox(CodeSettings settings) {
        this.settings = settings;
        this.engine = org.graalvm.polyglot.Engine.newBuilder("js")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        this.bootstrap = Source.newBuilder("js", BOOTSTRAP, "hearth-sandbox.js")
                .cached(true)
                .buildLiteral();
        // Every run arms its deadline here and cancels it when it returns.
        this.watchdog = Timers.daemon("hearth-code-watchdog");
        this.heapGuard = new HeapGuard(settings.heapFraction(), this::onHeapPressure);
    }

    public CodeSettings settings() {
        return settings;
    }

    /** A context for one node run, with the run's deadline armed. Close the lease to give it back. */
    Lease lease(Duration timeout) {
        SandboxContext ctx = idle.pollFirst();
        if (ctx == null) {
            ctx = newContext();
        }
        ctx.context().resetLimits();
        Lease lease = new Lease(ctx, timeout);
        active.add(lease);
        return lease;
    }

    /** The wrapped user code, parsed once per engine (the source is cached by its text). */
    Source source(String wrapped) {
        Source s = sources.get(wrapped);
        if (s == null) {
            s = Source.newBuilder("js", wrapped, CODE_SOURCE_NAME).cached(true).buildLiteral();
            if (sources.size() > 500) {
                sources.clear();
            }
            sources.put(wrapped, s);
        }
        return s;
    }

    private SandboxContext newContext() {
        Context context = Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(name -> false)
                .allowHostClassLoading(false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowValueSharing(false)
                .allowInnerContextOptions(false)
                .allowExperimentalOptions(true)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .in(InputStream.nullInputStream())
                .option("js.console", "false")
                .option("js.print", "false")
                .option("js.load", "false")
                .option("js.polyglot-builtin", "false")
                .option("js.java-package-globals", "false")
                .option("js.shared-array-buffer", "false")
                .option("js.global-arguments", "false")
                .option("js.regexp-static-result", "false")
                .option("js.string-length-limit", Integer.toString(settings.maxStringLength()))
                .option("js.max-typed-array-length", Integer.toString(settings.maxBufferBytes()))
                .resourceLimits(ResourceLimits.newBuilder()
                        .statementLimit(settings.maxStatements(), null)
                        .build())
                .build();
        Value factory = context.eval(bootstrap);
        Value runner = factory.execute(limits(context));
        return new SandboxContext(context, runner);
    }

    private Value limits(Context context) {
        Value limits = context.eval("js", "({})");
        limits.putMember("maxBufferBytes", settings.maxBufferBytes());
        return limits;
    }

    private void onHeapPressure() {
        watchdog.execute(this::relieveHeap);
    }

    // The heap may still hold what an already stopped run left behind: collect once and look again
    // before stopping anything, then stop the run that allocated most since it started.
    private void relieveHeap() {
        long now = System.nanoTime();
        if (active.isEmpty() || now - lastFullCollection < 1_000_000_000L) {
            return;
        }
        lastFullCollection = now;
        System.gc();
        if (!heapGuard.aboveThreshold()) {
            return;
        }
        Lease worst = null;
        long most = -1;
        for (Lease l : active) {
            long allocated = l.allocatedSinceStart();
            if (allocated > most) {
                most = allocated;
                worst = l;
            }
        }
        if (worst != null) {
            LOG.warn(
                    "Heap use above {}% after a collection: stopping a Code node run that allocated {} MB",
                    Math.round(settings.heapFraction() * 100), most >> 20);
            worst.cancel(StopReason.MEMORY);
        }
    }

    @Override
    public void close() {
        heapGuard.close();
        watchdog.shutdownNow();
        SandboxContext c;
        while ((c = idle.pollFirst()) != null) {
            c.context().close(true);
        }
        engine.close(true);
    }

    int idleContexts() {
        return idle.size();
    }

    private static String resource(String name) {
        try (InputStream in = JsSandbox.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why a run was stopped from outside. */
    enum StopReason {
        TIMEOUT,
        MEMORY
    }

    /** One node run's hold on a context. */
    final class Lease implements AutoCloseable {
        private final SandboxContext ctx;
        private final Thread thread = Thread.currentThread();
        private final long allocatedAtStart;
        private final ScheduledFuture<?> deadline;
        private volatile StopReason stopped;
        private boolean reusable = true;

        private Lease(SandboxContext ctx, Duration timeout) {
            this.ctx = ctx;
            this.allocatedAtStart = HeapGuard.allocatedBytes(thread);
            this.deadline =
                    watchdog.schedule(() -> cancel(StopReason.TIMEOUT), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        SandboxContext context() {
            return ctx;
        }

        long allocatedSinceStart() {
            return HeapGuard.allocatedBytes(thread) - allocatedAtStart;
        }

        /** Set when the run was cancelled from outside (deadline, heap). */
        StopReason stopped() {
            return stopped;
        }

        void cancel(StopReason reason) {
            if (stopped == null) {
                stopped = reason;
                reusable = false;
                try {
                    ctx.context().close(true);
                } catch (RuntimeException e) {
                    LOG.debug("closing a cancelled Code context", e);
                }
            }
        }

        /** The context must not serve another run (cancelled, out of statements, left state behind). */
        void discard() {
            reusable = false;
        }

        @Override
        public void close() {
            deadline.cancel(false);
            active.remove(this);
            if (reusable && stopped == null && idle.size() < settings.poolSize()) {
                idle.offerFirst(ctx);
            } else {
                try {
                    ctx.context().close(true);
                } catch (RuntimeException e) {
                    LOG.debug("closing a discarded Code context", e);
                }
            }
        }
    }
}
