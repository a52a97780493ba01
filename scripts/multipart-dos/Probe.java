import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap seen by the server process under attack: the peak of its heap pools (garbage included)
 * and the most heap still live after any collection since {@link #reset}. Served as text by the
 * targets' /stats endpoint; the script measures CPU time from /proc itself.
 */
final class Probe {
    private static volatile long maxLiveAfterGc;

    static {
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long live = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeap(e.getKey())) {
                        live += e.getValue().getUsed();
                    }
                }
                synchronized (Probe.class) {
                    maxLiveAfterGc = Math.max(maxLiveAfterGc, live);
                }
            }, null, null);
        }
    }

    private Probe() {
    }

    private static boolean isHeap(String pool) {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getName().equals(pool)) {
                return p.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    static synchronized void reset() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
        maxLiveAfterGc = 0;
    }

    static String report() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return "peakHeapMiB=" + peak / (1024 * 1024) + " maxLiveAfterGcMiB=" + maxLiveAfterGc / (1024 * 1024)
                + " heapMaxMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }
}
