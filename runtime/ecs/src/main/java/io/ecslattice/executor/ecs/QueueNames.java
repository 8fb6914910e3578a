package io.ecslattice.executor.ecs;

/**
 * The prefix of a stack's pool queue names, chosen so that every queue name fits SQS's 80 characters for any
 * valid stack name (up to 128 characters). The longest name is a completion queue,
 * {@code <prefix>done-<36-character dispatch id>}, so the prefix is at most 39 characters: the stack name and
 * an underscore when the name has at most 38 characters, else its first 29 characters, a hyphen, 8 hex digits of
 * the name's SHA-256 and an underscore. A stack name holds no underscore (CloudFormation: letters, digits and
 * hyphens), so no other stack's prefix starts with this one's: with a hyphen, stack {@code Prod}'s grant
 * {@code Prod-*} took in the queues of stack {@code Prod-eu} too. The rest of each name (shape, dispatch id) stays readable, so
 * {@code ecs-lattice pool list} still says what each queue is for. The stack's IAM policies grant SQS on
 * {@code <prefix>*} with the same rule (infra's {@code ClientPolicy.queuePrefix}); change both together.
 */
final class QueueNames {
    /** SQS's longest queue name. */
    static final int MAX_NAME = 80;
    /** The longest stack name that is its own queue prefix. */
    static final int WHOLE_STACK_NAME_MAX = 38;
    private static final int KEPT = 29;
    /** Ends every prefix: a character no stack name has. */
    static final String SEPARATOR = "_";

    private QueueNames() {
    }

    /** The prefix of every pool queue of the stack {@code stackName}, ending in a hyphen. */
    static String prefix(String stackName) {
        if (stackName.length() <= WHOLE_STACK_NAME_MAX) {
            return stackName + SEPARATOR;
        }
        return stackName.substring(0, KEPT) + "-" + Hashes.sha256Hex(stackName).substring(0, 8) + SEPARATOR;
    }
}
