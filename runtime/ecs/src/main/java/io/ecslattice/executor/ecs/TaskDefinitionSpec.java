package io.ecslattice.executor.ecs;

/**
 * Everything a task definition is made of. Two specs with the same content share one task definition,
 * found by the family name {@code <prefix>-<content hash>} so one DescribeTaskDefinition call tells
 * whether it exists; tasks and dispatches never register a revision each.
 */
record TaskDefinitionSpec(
        String familyPrefix,
        String image,
        FargateSize size,
        String executionRoleArn,
        String taskRoleArn,
        String logGroup,
        String region,
        String cpuArchitecture,
        ContainerEnvironment environment) {

    /** The container's name in the task definition and in RunTask's overrides. */
    static final String CONTAINER = "electron";

    /** Prefix of the log streams: streams are named {@code <prefix>/electron/<task id>}. */
    static final String LOG_STREAM_PREFIX = "ecs-lattice";

    /**
     * The family: prefix plus 16 hex digits of a hash of the content. The environment and secrets (names and ARNs,
     * never secret values) count only when there are any, so definitions without them keep the families they had.
     */
    String family() {
        String content = String.join("\n", image, String.valueOf(size.cpuUnits()), String.valueOf(size.memoryMiB()),
                executionRoleArn, taskRoleArn, logGroup, region, cpuArchitecture, CONTAINER, LOG_STREAM_PREFIX);
        if (!environment.isEmpty()) {
            content += "\n" + environment.content();
        }
        return familyPrefix + "-" + Hashes.sha256Hex(content).substring(0, 16);
    }

    /** The log stream a task of this definition writes to. */
    static String logStream(String taskArn) {
        return LOG_STREAM_PREFIX + "/" + CONTAINER + "/" + taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
