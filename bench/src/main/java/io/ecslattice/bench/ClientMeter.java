package io.ecslattice.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Measures this JVM while a dispatch runs: process CPU time, and the live heap (used heap right after
 * a full collection) at the moment the most tasks are in flight, so heap per in-flight task counts
 * what the client keeps per task, not garbage waiting for a collection. The CPU of the collections the
 * meter forces is not counted as the client's.
 */
final class ClientMeter implements AutoCloseable {

    /** What the meter saw. */
    record Reading(double cpuSeconds, long baselineHeapBytes, long peakLiveHeapBytes, int peakInFlight) {
        /** Live heap above the baseline divided by the tasks in flight at that moment; 0 without tasks. */
        long heapPerInFlightTask() {
            return peakInFlight == 0 ? 0 : Math.max(0, peakLiveHeapBytes - baselineHeapBytes) / peakInFlight;
        }
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-heap-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final IntSupplier inFlight;
    private final long cpuStart;
    private final long baseline;
    private volatile long peakLiveHeap;
    private volatile int peakInFlight;
    private volatile long meterCpu;

    /**
     * Starts measuring.
     *
     * @param inFlight how many tasks are in flight now
     * @param period   how often to look; a full collection is forced only when in flight reaches a new peak
     */
    ClientMeter(IntSupplier inFlight, Duration period) {
        this.inFlight = inFlight;
        this.baseline = liveHeap();
        this.peakLiveHeap = baseline;
        this.meterCpu = 0;
        this.cpuStart = os.getProcessCpuTime();
        sampler.scheduleWithFixedDelay(this::sample, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sample() {
        int now = inFlight.getAsInt();
        // Only a new peak of tasks in flight (by 20% at least) is worth a forced collection.
        if (now > 0 && now >= peakInFlight * 1.2) {
            long live = liveHeap();
            peakInFlight = Math.min(now, inFlight.getAsInt());
            peakLiveHeap = live;
        }
    }

    /** Used heap after a full collection; the CPU the collection took is kept out of the client's. */
    private long liveHeap() {
        long before = os.getProcessCpuTime();
        System.gc();
        long used = memory.getHeapMemoryUsage().getUsed();
        meterCpu += os.getProcessCpuTime() - before;
        return used;
    }

    /** Stops sampling and returns what was measured. */
    Reading stop() {
        sampler.shutdownNow();
        double cpu = (os.getProcessCpuTime() - cpuStart - meterCpu) / 1e9;
        return new Reading(cpu, baseline, peakLiveHeap, peakInFlight);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
