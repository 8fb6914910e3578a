#!/usr/bin/env bash
# make smoke: the release check. Deploys the stack, runs the hello workflow on the ECS executor in each of its
# modes (task, pool), an electron that fails, a cancel, reads a task's logs, destroys the stack, and prints how
# long each step took (the workflow steps run side by side, each timed on its own). The same script runs against a real account (your AWS credentials, no
# AWS_ENDPOINT_URL) and against the local cloud (its env sourced: AWS_ENDPOINT_URL set), where deploy is
# make deploy-local and destroy is skipped: moto cannot delete the stack (DeleteStack fails with
# DependencyViolation on the VPC; recreate the local cloud instead).
#   SMOKE_KEEP_STACK=1  keep the stack on AWS afterwards (skip destroy)
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export ECS_LATTICE_EXECUTOR=ecs
# A results store of its own, so the smoke run neither reads nor disturbs the user's dispatches.
export ECS_LATTICE_DATA_DIR=$WORK/data
LOCAL=${AWS_ENDPOINT_URL:+1}
STEPS=() TIMES=() RESULTS=() BG=()
failed=0

step() {  # step <name> <command...>: runs it, records its time and outcome; a failed step fails the smoke run
  local name=$1 start=$SECONDS; shift
  echo "smoke: $name" >&2
  if "$@" > "$WORK/$name.log" 2>&1; then
    RESULTS+=("ok")
  else
    RESULTS+=("FAILED (log below)"); failed=1
    tail -n 30 "$WORK/$name.log" | sed "s/^/  $name| /" >&2
  fi
  STEPS+=("$name") TIMES+=($((SECONDS - start)))
}

step_bg() {  # step_bg <name> <command...>: step in the background; collect_bg records it
  local name=$1; shift
  echo "smoke: $name (in the background)" >&2
  BG+=("$name")
  ( start=$SECONDS
    if "$@" > "$WORK/$name.log" 2>&1; then echo ok; else echo "FAILED (log below)"; fi > "$WORK/$name.result"
    echo $((SECONDS - start)) > "$WORK/$name.seconds" ) &
}

collect_bg() {
  wait
  local name
  for name in "${BG[@]}"; do
    STEPS+=("$name") TIMES+=("$(cat "$WORK/$name.seconds")") RESULTS+=("$(cat "$WORK/$name.result")")
    if [[ $(cat "$WORK/$name.result") != ok ]]; then
      failed=1; tail -n 30 "$WORK/$name.log" | sed "s/^/  $name| /" >&2
    fi
  done
  BG=()
}

skip() {  # skip <name> <why>
  echo "smoke: $1 skipped: $2" >&2
  STEPS+=("$1") TIMES+=(0) RESULTS+=("skipped: $2")
}

expect() {  # expect <log> <text>: the step's output holds the text
  grep -qF -- "$2" "$WORK/$1.log" || { echo "expected '$2' in the output of $1" >> "$WORK/$1.log"; return 1; }
}

deploy() {
  local template=cdk.out/EcsLatticeStack.template.json
  if [[ -z $LOCAL ]]; then
    make --no-print-directory deploy CDK_FLAGS="--require-approval never ${CDK_FLAGS:-}"
  elif [[ -f $template && -z $(find infra/src infra/pom.xml -newer "$template" -print -quit) ]]; then
    # The template is newer than the stack's code (make test synthesized it moments ago): skip the ~40 s synth.
    python3 local-cloud/scripts/deploy_local.py "$template" cdk-outputs.json
  else
    make --no-print-directory deploy-local
  fi
}
hello() {
  bin/ecs-lattice run io.ecslattice.examples.HelloWorkflow "smoke: Hello, World!" > "$WORK/hello.out" 2>&1
  cat "$WORK/hello.out"
  grep -qx "Hello, World!" "$WORK/hello.out"
}
hello_pool() {  # the same on pool workers: the config file's [executors.ecs] with mode = "pool"
  local config=${ECS_LATTICE_CONFIG:-$HOME/.config/ecs-lattice/config.toml} pooled=$WORK/pool.toml
  if [[ -f $config ]] && grep -qx '\[executors.ecs\]' "$config"; then
    awk '{print} $0 == "[executors.ecs]" {print "mode = \"pool\""}' "$config" > "$pooled"
  else
    { cat "$config" 2>/dev/null; printf '\n[executors.ecs]\nmode = "pool"\n'; } > "$pooled"
  fi
  ECS_LATTICE_CONFIG=$pooled bin/ecs-lattice run io.ecslattice.examples.HelloWorkflow "smoke: pool" > "$WORK/pool.out" 2>&1
  cat "$WORK/pool.out"
  grep -qx "Hello, World!" "$WORK/pool.out"
}
fail_electron() {
  bin/ecs-lattice run io.ecslattice.examples.SmokeWorkflow fail && expect fail_electron "): FAILED" \
    && expect fail_electron "IllegalStateException" && expect fail_electron "smoke: meant to fail"
}
cancel() { bin/ecs-lattice run io.ecslattice.examples.SmokeWorkflow cancel && expect cancel "): CANCELLED"; }
logs() {
  local id
  id=$(sed -n 's/^Dispatch \([0-9a-f-]*\) .*/\1/p' "$WORK/hello.out" | head -n 1)
  [[ -n $id ]] || { echo "no dispatch id in the hello step's output"; return 1; }
  bin/ecs-lattice logs "$id" 0
}

step deploy deploy
bin/ecs-lattice --help > /dev/null 2>&1  # compiles once, before the steps start side by side
step_bg hello hello
step_bg hello_pool hello_pool
step_bg fail_electron fail_electron
step_bg cancel cancel
collect_bg
step logs logs
if [[ -n $LOCAL ]]; then
  skip destroy "moto cannot delete the stack (DependencyViolation on the VPC); make local-cloud-down removes it"
elif [[ -n ${SMOKE_KEEP_STACK:-} ]]; then
  skip destroy "SMOKE_KEEP_STACK is set"
else
  step destroy make --no-print-directory destroy CDK_FLAGS="${CDK_FLAGS:-}"
fi

printf '\n%-14s %8s  %s\n' step seconds result
total=0
for i in "${!STEPS[@]}"; do
  printf '%-14s %8s  %s\n' "${STEPS[$i]}" "${TIMES[$i]}" "${RESULTS[$i]}"
  total=$((total + TIMES[i]))
done
printf '%-14s %8s  %s\n' "steps' sum" "$total" "(the workflow steps ran side by side)"
printf '%-14s %8s  %s\n' wall "$SECONDS" "against ${AWS_ENDPOINT_URL:-AWS (region ${AWS_REGION:-${AWS_DEFAULT_REGION:-of your profile}})}"
exit $failed
