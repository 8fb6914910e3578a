package io.ecslattice.executor.ecs;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts AWS calls by IAM action, e.g. {@code ecs:RunTask} (one per API call, however often the SDK retried it)
 * and, separately, the retried attempts. Every SDK client the ECS executor builds carries one; each
 * count also goes to a process-wide counter so a benchmark or a test sees every executor's calls.
 */
public final class AwsCallCounter implements ExecutionInterceptor {
    private static final AwsCallCounter PROCESS_WIDE = new AwsCallCounter(null);

    private final AwsCallCounter parent;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();

    private AwsCallCounter(AwsCallCounter parent) {
        this.parent = parent;
    }

    /** A counter that also counts into {@link #processWide()}. */
    public static AwsCallCounter create() {
        return new AwsCallCounter(PROCESS_WIDE);
    }

    /** Every call made by every executor's clients in this JVM. */
    public static AwsCallCounter processWide() {
        return PROCESS_WIDE;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        count(calls, operation(attributes));
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        count(attempts, operation(attributes));
    }

    /** Counts one call made outside the SDK's clients (e.g. {@code servicequotas:GetServiceQuota}, see ServiceQuotas). */
    void counted(String iamAction) {
        count(calls, iamAction);
        count(attempts, iamAction);
    }

    /** Calls so far by IAM action, e.g. {@code ecs:RunTask}, sorted by name. */
    public Map<String, Long> calls() {
        return snapshot(calls);
    }

    /** Attempts beyond the first, by operation: how often the SDK retried. */
    public Map<String, Long> retries() {
        Map<String, Long> retries = new TreeMap<>();
        snapshot(attempts).forEach((op, n) -> {
            long extra = n - calls.getOrDefault(op, new LongAdder()).sum();
            if (extra > 0) {
                retries.put(op, extra);
            }
        });
        return retries;
    }

    /** Calls of one operation so far, e.g. {@code count("ecs:RegisterTaskDefinition")}. */
    public long count(String serviceAndOperation) {
        LongAdder adder = calls.get(serviceAndOperation);
        return adder == null ? 0 : adder.sum();
    }

    /** Forgets every count (not the process-wide ones). */
    public void reset() {
        calls.clear();
        attempts.clear();
    }

    private void count(Map<String, LongAdder> map, String operation) {
        map.computeIfAbsent(operation, k -> new LongAdder()).increment();
        if (parent != null) {
            parent.count(map == calls ? parent.calls : parent.attempts, operation);
        }
    }

    /** SDK service names whose IAM prefix is not simply the name in lower case. */
    private static final Map<String, String> IAM_PREFIX = Map.of("CloudWatchLogs", "logs");

    /** The IAM action of the call: service prefix and operation, as policies name it. */
    private static String operation(ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        return IAM_PREFIX.getOrDefault(service, service.toLowerCase(java.util.Locale.ROOT)) + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> map) {
        Map<String, Long> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
