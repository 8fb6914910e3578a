package io.ecslattice.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the tasks' network interfaces live, and so what the network costs while idle. */
public enum VpcMode {
    /** Public subnets with an internet gateway: tasks get a public IP to reach ECR, S3 and Logs. No NAT, ~$0 idle. */
    PUBLIC,
    /** Isolated subnets with no route to the internet: tasks reach ECR, S3 and Logs through VPC endpoints. */
    PRIVATE;

    /** The mode named by a context value, case-insensitively. */
    static VpcMode parse(String key, String value) {
        for (VpcMode mode : values()) {
            if (mode.contextValue().equalsIgnoreCase(value.trim())) {
                return mode;
            }
        }
        throw new SettingsException(key, value, "one of " + Arrays.stream(values())
                .map(VpcMode::contextValue).collect(Collectors.joining(", ")));
    }

    /** The spelling used in the CDK context and the README. */
    public String contextValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
