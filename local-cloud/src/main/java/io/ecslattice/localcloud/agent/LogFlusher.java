package io.ecslattice.localcloud.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Flushes every running task's log shipper periodically, so lines reach CloudWatch while tasks run. */
public final class LogFlusher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LogFlusher.class);
    private final Set<LogShipper> shippers = ConcurrentHashMap.newKeySet();

    public void register(LogShipper shipper) {
        shippers.add(shipper);
    }

    public void unregister(LogShipper shipper) {
        shippers.remove(shipper);
    }

    @Override
    public void run() {
        for (LogShipper shipper : shippers) {
            try {
                shipper.flush();
            } catch (RuntimeException e) {
                LOG.warn("shipping log lines failed; they are dropped: {}", e.getMessage());
            }
        }
    }
}
