#!/usr/bin/env bash
# Runs every test tagged local-cloud, in three Maven processes side by side on the one running local cloud
# (its env sourced): runtime-ecs's task-mode tests, runtime-ecs's pool-mode tests, and the other modules'. Most
# of their time is spent waiting on containers, moto and SQS long polls, so three streams on two cores take
# about the longest one's time instead of the sum (about 4, 5 and 6 minutes on a quiet 2-core machine).
# Every module's classes must be compiled and installed first (make test runs `mvn install` without these
# tests before). A stream runs all its modules even after one failed (-fae), so one run names every failure.
# Each line is prefixed with its stream; the exit code is non-zero when any stream failed, and
# the end says which.
set -uo pipefail
cd "$(dirname "$0")/../.."
MVN=${MVN:-mvn -B -ntp}
: "${AWS_ENDPOINT_URL:?no local cloud: run make local-cloud-up, then source the env file in its state dir}"

# The streams share the stack's pool queues only by pool shape; tests that drain or shorten a queue use a shape
# of their own (see PoolLongElectronLocalCloudTest, IamPolicyDriftTest, the matrix's ecs-pool column).
POOL_TESTS='Pool*,IamPolicyDriftTest'
OTHER_MODULES=runtime/cli,runtime/conformance,bench,local-cloud

run_stream() {
    local name=$1; shift
    $MVN -o -fae surefire:test -Dgroups=local-cloud "$@" 2>&1 | sed -u "s/^/[$name] /"
}

started=$(date +%s)
run_stream ecs-task -pl runtime/ecs "-Dtest=!Pool*,!IamPolicyDriftTest" & task=$!
run_stream ecs-pool -pl runtime/ecs "-Dtest=$POOL_TESTS" & pool=$!
run_stream others -pl "$OTHER_MODULES" & others=$!
failed=()
wait $task || failed+=("ecs-task (runtime/ecs but $POOL_TESTS)")
wait $pool || failed+=("ecs-pool (runtime/ecs $POOL_TESTS)")
wait $others || failed+=("others ($OTHER_MODULES)")
echo "cloud tests: $(( $(date +%s) - started )) s in three streams"
if (( ${#failed[@]} > 0 )); then
    echo "cloud tests FAILED in: ${failed[*]}; see the lines with those prefixes above and each module's target/surefire-reports" >&2
    exit 1
fi
