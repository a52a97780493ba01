package io.subito.bench.load;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Bytes a running JVM's threads allocated between two moments, counted exactly, for
 * scripts/alloc-per-request.sh: {@code ThreadAllocation PID}.
 *
 * <p>Why not only jstat: eden's "used" figure grows by whole TLABs (thread-local allocation
 * buffers), and a TLAB's unused tail is counted as used when a collection retires it, so the
 * eden method also counts how many threads were handed a TLAB, not only the bytes allocated.
 * HotSpot's per-thread counter ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes})
 * counts the bytes each thread's allocations took.
 *
 * <p>Attaches to PID, starts the JDK's own local management agent (no agent of ours goes into the
 * server), prints {@code READY}, then for each line read from standard input prints one line:
 * the first time {@code SNAPSHOT threads N}; each later time the bytes allocated since the
 * previous line, summed over the server's threads: {@code ALLOCATED bytes threads N new K gone G
 * gone-bytes-before B}. A thread that ended in between took its count with it (the JVM keeps no
 * total for dead threads on JDK 17), so {@code gone} says how many did and B what they had
 * allocated at the previous line; a non-zero G makes the figure a lower bound. The threads that serve this
 * tool's own JMX connection (names starting "RMI " or "JMX ", and the attach listener) are left
 * out: their allocation is the measurement's, not the server's.
 */
public final class ThreadAllocation {
    private ThreadAllocation() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ThreadAllocation PID   (then one line on stdin per snapshot)");
            System.exit(2);
        }
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        String address = vm.startLocalManagementAgent();
        vm.detach();
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            com.sun.management.ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(
                    connector.getMBeanServerConnection(), ManagementFactory.THREAD_MXBEAN_NAME,
                    com.sun.management.ThreadMXBean.class);
            if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
                System.err.println("this JVM does not count allocated bytes per thread");
                System.exit(1);
            }
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            Map<Long, Long> previous = null;
            while (in.readLine() != null) {
                Map<Long, Long> now = snapshot(threads);
                System.out.println(previous == null ? "SNAPSHOT threads " + now.size() : difference(previous, now));
                System.out.flush();
                previous = now;
            }
        }
    }

    /** Allocated bytes by thread id, the measurement's own threads left out. */
    private static Map<Long, Long> snapshot(com.sun.management.ThreadMXBean threads) {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null || bytes[i] < 0 || isMeasurementThread(infos[i].getThreadName())) {
                continue;
            }
            byThread.put(ids[i], bytes[i]);
        }
        return byThread;
    }

    static boolean isMeasurementThread(String name) {
        return name.startsWith("RMI ") || name.startsWith("JMX ") || name.equals("Attach Listener");
    }

    static String difference(Map<Long, Long> before, Map<Long, Long> after) {
        long allocated = 0;
        int added = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            Long was = before.get(e.getKey());
            if (was == null) {
                added++;
            }
            allocated += e.getValue() - (was == null ? 0 : was);
        }
        int gone = 0;
        long lost = 0;
        for (Map.Entry<Long, Long> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                gone++;
                lost += e.getValue();
            }
        }
        return "ALLOCATED " + allocated + " threads " + after.size() + " new " + added + " gone " + gone
                + " gone-bytes-before " + lost;
    }
}
