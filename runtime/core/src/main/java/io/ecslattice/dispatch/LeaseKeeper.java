package io.ecslattice.dispatch;

import io.ecslattice.store.ResultsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driving process's side of the lease: renews the leases of the dispatches it drives (every third of
 * the lease time), stops driving one whose lease another process took, and applies cancel requests that
 * other processes recorded in the store.
 */
final class LeaseKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);
    private static final long TICK_MS = 250;

    private final ResultsStore store;
    private final String owner;
    private final Duration leaseTtl;
    private final Clock clock;
    private final Map<String, DispatchRun> runs;
    private final ScheduledExecutorService ticker;
    private Instant lastRenewal = Instant.EPOCH;

    LeaseKeeper(ResultsStore store, String owner, Duration leaseTtl, Clock clock, Map<String, DispatchRun> runs) {
        this.store = store;
        this.owner = owner;
        this.leaseTtl = leaseTtl;
        this.clock = clock;
        this.runs = runs;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> Dispatcher.daemon(r, "ecs-lattice-lease"));
        ticker.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            List<String> ids = new ArrayList<>(runs.keySet());
            Instant now = clock.instant();
            if (Duration.between(lastRenewal, now).compareTo(leaseTtl.dividedBy(3)) >= 0) {
                for (String id : ids) {
                    if (!store.renewLease(id, owner, now.plus(leaseTtl))) {
                        LOG.warn("dispatch {}: lease lost to another process; stopped driving it here", id);
                        DispatchRun run = runs.remove(id);
                        if (run != null) {
                            run.abandon();
                        }
                    }
                }
                // Only a renewal that went through counts: one that threw (a busy store) is tried again at the next
                // tick, not a third of the lease later, which two failures in a row would have lost the lease to.
                lastRenewal = now;
            }
            for (String id : store.cancelRequested(ids)) {
                DispatchRun run = runs.get(id);
                if (run != null) {
                    run.cancel();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("lease renewal failed; retrying in {} ms: {}", TICK_MS, e.toString());
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
