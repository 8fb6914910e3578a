#!/usr/bin/env bash
# Runs every test tagged local-cloud, in two Maven processes side by side on the one running local cloud
# (its env sourced): runtime-ecs's tests in one, the other modules' in the other. Most of their time is spent
# waiting on containers, moto and SQS long polls, so two streams on two cores take about the longer one's time
# instead of the sum. Every module's classes must be compiled and installed first (make test runs
# `mvn install` without these tests before). Each line is prefixed with its stream; the exit code is non-zero
# when either stream failed, and the end says which.
set -uo pipefail
cd "$(dirname "$0")/../.."
MVN=${MVN:-mvn -B -ntp}
: "${AWS_ENDPOINT_URL:?no local cloud: run make local-cloud-up, then source the env file in its state dir}"

# Both streams share the stack's pool queues only by pool shape; tests that drain or shorten a queue use a shape
# of their own (see PoolLongElectronLocalCloudTest, IamPolicyDriftTest, the matrix's ecs-pool column).
STREAM_ECS=runtime/ecs
STREAM_OTHERS=runtime/cli,runtime/conformance,bench,local-cloud

run_stream() {
    local name=$1 modules=$2
    $MVN -o surefire:test -pl "$modules" -Dgroups=local-cloud 2>&1 | sed -u "s/^/[$name] /"
}

started=$(date +%s)
run_stream ecs "$STREAM_ECS" & ecs=$!
run_stream others "$STREAM_OTHERS" & others=$!
wait $ecs; ecs_status=$?
wait $others; others_status=$?
echo "cloud tests: $(( $(date +%s) - started )) s; runtime-ecs stream exit $ecs_status ($STREAM_ECS), other stream exit $others_status ($STREAM_OTHERS)"
if (( ecs_status != 0 || others_status != 0 )); then
    echo "cloud tests FAILED: see the [ecs]/[others] lines above and each module's target/surefire-reports" >&2
    exit 1
fi
