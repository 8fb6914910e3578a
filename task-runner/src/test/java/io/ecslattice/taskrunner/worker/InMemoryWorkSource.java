package io.ecslattice.taskrunner.worker;

import io.ecslattice.wire.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A {@link WorkSource} in this JVM's memory with a queue's delivery rules: a received item is invisible
 * for the visibility timeout, {@link WorkItem#keepAlive()} extends it, an item neither acknowledged nor
 * kept alive becomes visible again and is delivered again, {@link WorkItem#release()} makes it visible
 * at once. The worker loop's tests use it; visibility may run on a clock the test moves, so that
 * "kept alive, hence not delivered twice" holds however late a loaded machine runs the keep-alive thread.
 */
final class InMemoryWorkSource implements WorkSource {

    private final Duration visibility;
    private final Duration keepAliveInterval;
    /** The clock of visibility timeouts, in nanoseconds: {@link System#nanoTime()} or one the test advances. */
    private final LongSupplier clock;
    private final AtomicLong manualNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private boolean closed;

    private static final class Entry {
        final String id;
        final TaskSpec spec;
        final String codeVersion;
        int receives;
        int keepAlives;
        long visibleAtNanos;
        boolean acknowledged;
        Runnable cancel;
        String releasedBecause;

        Entry(String id, TaskSpec spec, String codeVersion) {
            this.id = id;
            this.spec = spec;
            this.codeVersion = codeVersion;
        }
    }

    /** A source whose received items stay invisible for {@code visibility}; workers keep them alive every {@code keepAliveInterval}. */
    InMemoryWorkSource(Duration visibility, Duration keepAliveInterval) {
        this(visibility, keepAliveInterval, null);
    }

    private InMemoryWorkSource(Duration visibility, Duration keepAliveInterval, AtomicLong manualNanos) {
        this.visibility = Objects.requireNonNull(visibility, "visibility");
        this.keepAliveInterval = Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        this.manualNanos = manualNanos;
        this.clock = manualNanos == null ? System::nanoTime : manualNanos::get;
    }

    /** A source whose visibility timeouts run only when {@link #advance(Duration)} moves its clock. */
    static InMemoryWorkSource withManualClock(Duration visibility, Duration keepAliveInterval) {
        return new InMemoryWorkSource(visibility, keepAliveInterval, new AtomicLong());
    }

    /** Moves the manual clock forward: items whose visibility timeout passed become visible to waiting receivers. */
    void advance(Duration by) {
        if (manualNanos == null) {
            throw new IllegalStateException("this source runs on System.nanoTime(); use withManualClock");
        }
        lock.lock();
        try {
            manualNanos.addAndGet(by.toNanos());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many times a worker kept item {@code id} alive. */
    int keepAlives(String id) {
        lock.lock();
        try {
            return entry(id).keepAlives;
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code spec} for workers of {@code codeVersion} (null: any) and returns the item's id. */
    String offer(TaskSpec spec, String codeVersion) {
        String id = UUID.randomUUID().toString();
        lock.lock();
        try {
            entries.put(id, new Entry(id, spec, codeVersion));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return id;
    }

    /** How many times item {@code id} was delivered. */
    int receiveCount(String id) {
        lock.lock();
        try {
            return entry(id).receives;
        } finally {
            lock.unlock();
        }
    }

    /** True once a worker acknowledged item {@code id}. */
    boolean acknowledged(String id) {
        lock.lock();
        try {
            return entry(id).acknowledged;
        } finally {
            lock.unlock();
        }
    }

    /** Why a worker last handed item {@code id} back unfinished ({@link WorkItem#release(String)}); null if none said. */
    String releasedBecause(String id) {
        lock.lock();
        try {
            return entry(id).releasedBecause;
        } finally {
            lock.unlock();
        }
    }

    /** Items not yet acknowledged, visible or not. */
    int unacknowledged() {
        lock.lock();
        try {
            return (int) entries.values().stream().filter(e -> !e.acknowledged).count();
        } finally {
            lock.unlock();
        }
    }

    /** Stops item {@code id} if a worker runs it; false when nobody runs it. */
    boolean cancel(String id) {
        Runnable stop;
        lock.lock();
        try {
            stop = entry(id).cancel;
        } finally {
            lock.unlock();
        }
        if (stop == null) {
            return false;
        }
        stop.run();
        return true;
    }

    @Override
    public List<WorkItem> receive(int max, Duration wait) throws ClosedWorkSourceException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();  // the wait is real time whatever the visibility clock
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new ClosedWorkSourceException("the in-memory work source is closed");
                }
                long now = clock.getAsLong();
                List<WorkItem> taken = new ArrayList<>();
                long nextVisible = Long.MAX_VALUE;
                for (Entry entry : entries.values()) {
                    if (entry.acknowledged || taken.size() == max) {
                        continue;
                    }
                    if (entry.visibleAtNanos - now <= 0) {
                        entry.receives++;
                        entry.visibleAtNanos = now + visibility.toNanos();
                        entry.cancel = null;
                        taken.add(new Item(entry));
                    } else {
                        nextVisible = Math.min(nextVisible, entry.visibleAtNanos);
                    }
                }
                long left = deadline - System.nanoTime();
                if (!taken.isEmpty() || left <= 0) {
                    return taken;
                }
                // On a manual clock the next item's time comes with advance(), which signals; waking early only rechecks.
                long until = nextVisible == Long.MAX_VALUE ? left : Math.min(left, nextVisible - now);
                changed.awaitNanos(Math.max(until, TimeUnit.MILLISECONDS.toNanos(1)));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /** Later receives throw {@link ClosedWorkSourceException}; items keep their state. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Opens the source again after a worker closed it, for the next worker. */
    void reopen() {
        lock.lock();
        try {
            closed = false;
        } finally {
            lock.unlock();
        }
    }

    private Entry entry(String id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("no work item " + id + " in this source");
        }
        return entry;
    }

    /** One delivery of an entry; calls after a later delivery of the same entry still act on it, as SQS's do on the message. */
    private final class Item implements WorkItem {
        private final Entry entry;

        Item(Entry entry) {
            this.entry = entry;
        }

        @Override
        public TaskSpec spec() {
            return entry.spec;
        }

        @Override
        public String codeVersion() {
            return entry.codeVersion;
        }

        @Override
        public void ack() {
            change(() -> {
                entry.acknowledged = true;
                entry.cancel = null;
            });
        }

        @Override
        public void keepAlive() {
            change(() -> {
                entry.visibleAtNanos = clock.getAsLong() + visibility.toNanos();
                entry.keepAlives++;
            });
        }

        @Override
        public void release() {
            change(() -> {
                entry.visibleAtNanos = clock.getAsLong();
                entry.cancel = null;
            });
        }

        /** As SqsWorkSource does: a copy goes to the back of the queue, so the items behind it come first. */
        @Override
        public void handBack() {
            change(() -> {
                entries.remove(entry.id);
                entries.put(entry.id, entry);
                entry.visibleAtNanos = clock.getAsLong();
                entry.cancel = null;
            });
        }

        @Override
        public void release(String reason) {
            release();
            change(() -> entry.releasedBecause = reason);
        }

        @Override
        public void onCancel(Runnable stop) {
            change(() -> entry.cancel = stop);
        }

        private void change(Runnable change) {
            lock.lock();
            try {
                change.run();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
