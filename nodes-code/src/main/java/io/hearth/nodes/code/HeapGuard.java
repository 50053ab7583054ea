package io.hearth.nodes.code;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * Calls back when a heap pool is still fuller than a fraction of its maximum right after a garbage
 * collection: live data, not garbage. GraalJS on a stock JDK cannot cap a context's heap, so the
 * sandbox stops the run that allocated most instead of letting the server run out of memory.
 */
final class HeapGuard implements AutoCloseable {

    private final List<MemoryPoolMXBean> pools = new ArrayList<>();
    private final NotificationEmitter emitter;
    private final NotificationListener listener;

    HeapGuard(double fraction, Runnable onPressure) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0) {
                pool.setCollectionUsageThreshold((long) (max * fraction));
                pools.add(pool);
            }
        }
        this.emitter = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
        this.listener = (notification, handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                onPressure.run();
            }
        };
        emitter.addNotificationListener(listener, null, null);
    }

    /** True when a heap pool was still above its threshold after the last collection. */
    boolean aboveThreshold() {
        for (MemoryPoolMXBean pool : pools) {
            var usage = pool.getCollectionUsage();
            if (usage != null && usage.getUsed() >= pool.getCollectionUsageThreshold()) {
                return true;
            }
        }
        return false;
    }

    /** Bytes the thread allocated so far (0 where the JVM cannot tell). */
    static long allocatedBytes(Thread thread) {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
            return Math.max(0, t.getThreadAllocatedBytes(thread.threadId()));
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            emitter.removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
            // already gone
        }
    }
}
