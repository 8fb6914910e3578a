package io.ecslattice.dispatch;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A dispatch's estimated Fargate cost: the sum over its nodes of what their executor recorded in the node
 * details ({@code estimatedCostUsd}, {@code vcpuSeconds}, {@code gbSeconds}; the ECS executor records them, with
 * the one-minute minimum per task in task mode and each electron's share of its worker in pool mode).
 *
 * @param nodes how many nodes carried an estimate
 */
public record DispatchCost(double usd, double vcpuSeconds, double gbSeconds, int nodes) {
    /** Node detail keys the ECS executor writes. */
    public static final String USD = "estimatedCostUsd";
    public static final String VCPU_SECONDS = "vcpuSeconds";
    public static final String GB_SECONDS = "gbSeconds";

    /** The sum over the nodes' details; empty when no node carries an estimate (e.g. the local executor). */
    public static Optional<DispatchCost> of(Map<String, Map<String, String>> nodeDetails) {
        double usd = 0;
        double vcpu = 0;
        double gb = 0;
        int nodes = 0;
        for (Map<String, String> details : nodeDetails.values()) {
            if (details.containsKey(USD)) {
                usd += number(details, USD);
                vcpu += number(details, VCPU_SECONDS);
                gb += number(details, GB_SECONDS);
                nodes++;
            }
        }
        return nodes == 0 ? Optional.empty() : Optional.of(new DispatchCost(usd, vcpu, gb, nodes));
    }

    /** e.g. {@code $0.00251 estimated Fargate cost (60.0 vCPU-s, 120.0 GB-s; 3 nodes)}. */
    public String render() {
        return String.format(Locale.ROOT, "$%.5f estimated Fargate cost (%.1f vCPU-s, %.1f GB-s; %d node%s)", usd, vcpuSeconds,
                gbSeconds, nodes, nodes == 1 ? "" : "s");
    }

    private static double number(Map<String, String> details, String key) {
        try {
            return Double.parseDouble(details.getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;   // a detail another executor wrote in another form adds nothing
        }
    }
}
