#!/usr/bin/env bash
# Runs every test tagged local-cloud, in five Maven processes side by side on the one running local cloud
# (its env sourced): runtime-ecs's task-mode tests, its pool-mode tests in two streams, bench's drills, and the
# other modules'. Most of their time is spent waiting on containers, moto and SQS long polls, so the streams on
# two cores take about the longest one's time instead of the sum.
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
# Each stream: name, modules, and the -Dtest filter (empty: all of the modules' local-cloud tests). The pool tests
# are split so that the long ones (an electron past its visibility, a stuck electron's grace, the IAM drift run
# over every call) do not queue behind the others; bench's drills run apart from the matrix for the same reason.
SLOW_POOL_TESTS='PoolLong*,PoolStuck*,IamPolicyDriftTest'
streams=(
    "ecs-task|runtime/ecs|!Pool*,!IamPolicyDriftTest"
    "ecs-pool|runtime/ecs|Pool*,!PoolLong*,!PoolStuck*"
    "ecs-pool-long|runtime/ecs|$SLOW_POOL_TESTS"
    "others|runtime/cli,runtime/conformance,local-cloud|"
    "bench|bench|"
)

started=$(date +%s)
pids=()
for stream in "${streams[@]}"; do
    IFS='|' read -r name modules filter <<< "$stream"
    args=(-o -fae surefire:test -Dgroups=local-cloud -pl "$modules")
    [[ -n $filter ]] && args+=("-Dtest=$filter")
    ( $MVN "${args[@]}" 2>&1 | sed -u "s/^/[$name] /" ) &
    pids+=($!)
done
failed=()
for i in "${!streams[@]}"; do
    wait "${pids[$i]}" || failed+=("${streams[$i]%%|*} (${streams[$i]#*|})")
done
echo "cloud tests: $(( $(date +%s) - started )) s in ${#streams[@]} streams"
if (( ${#failed[@]} > 0 )); then
    echo "cloud tests FAILED in: ${failed[*]}; see the lines with those prefixes above and each module's target/surefire-reports" >&2
    exit 1
fi
