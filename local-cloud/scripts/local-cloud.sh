#!/usr/bin/env bash
# The offline AWS region on this machine: moto (with the ECS fixes), a Docker engine, a registry,
# the offline base image and the local ECS agent.
#   local-cloud.sh up [--record FILE]   start what is not running and healthy (reuses a running cloud),
#                          write $STATE/env; --record appends the names of the parts it started to FILE
#   local-cloud.sh down [--only FILE]   stop what `up` started, by pid; --only: just the parts named in
#                          FILE, and nothing when FILE does not list moto (the cloud was there before)
#   local-cloud.sh status  exit 0 when every component is up and healthy
#   local-cloud.sh restart-agent   run this checkout's agent instead of the running one (tasks keep running)
#   local-cloud.sh env     print the client environment
set -euo pipefail
STATE=${ECS_LATTICE_LOCAL_CLOUD_DIR:-/tmp/ecs-lattice-local-cloud}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MODULE=$(dirname "$HERE")
REPO_ROOT=$(dirname "$MODULE")
# Other ports give a second, separate local cloud (with its own state dir), e.g. for a benchmark.
MOTO_PORT=${LOCAL_CLOUD_MOTO_PORT:-4566}
MOTO_URL=http://127.0.0.1:$MOTO_PORT
REGISTRY=127.0.0.1:${LOCAL_CLOUD_REGISTRY_PORT:-5000}
SOCK=$STATE/docker.sock
export DOCKER_HOST=unix://$SOCK
WAIT_SECONDS=${LOCAL_CLOUD_WAIT_SECONDS:-60}

say() { echo "local-cloud: $*" >&2; }
die() { say "$*"; exit 1; }

pid_alive() {  # pid_alive <name> <cmdline-pattern>: the pid file's process runs and is ours
  local file=$STATE/$1.pid pid
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  [[ -n $pid && -r /proc/$pid/cmdline ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$2"
}

moto_healthy() { curl -sf -m 2 "$MOTO_URL/_local-cloud/health" >/dev/null; }
docker_healthy() { [[ -S $SOCK ]] && curl -sf -m 2 --unix-socket "$SOCK" http://d/_ping >/dev/null; }
registry_healthy() { curl -sf -m 2 "http://$REGISTRY/v2/" >/dev/null; }
agent_healthy() { pid_alive agent LocalEcsAgent && [[ -f $STATE/agent.ready ]]; }

wait_for() {  # wait_for <what> <check-fn> <log>
  local deadline=$((SECONDS + WAIT_SECONDS))
  "$2" && return
  say "waiting for $1"
  until "$2"; do
    if (( SECONDS > deadline )); then
      say "$1 did not come up within ${WAIT_SECONDS}s; last lines of $3:"
      tail -n 30 "$3" >&2 || true
      exit 1
    fi
    sleep 0.2
  done
}

start_bg() {  # start_bg <name> <log> <cmd...>: detached from make's process group, pid recorded
  local name=$1 log=$2; shift 2
  setsid nohup "$@" >"$log" 2>&1 < /dev/null 9>&- &
  echo $! > "$STATE/$name.pid"
  if [[ -n ${RECORD:-} ]]; then echo "$name" >> "$RECORD"; fi
}

ensure_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  (( ${#missing[@]} == 0 )) && return
  say "installing ${missing[*]} with apt-get"
  [[ $(id -u) == 0 ]] || die "need ${missing[*]}: run as root or: sudo apt-get install -y ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >"$STATE/apt.log" 2>&1 \
    || { tail -n 20 "$STATE/apt.log" >&2; die "could not install ${missing[*]} (apt-cache search registry may name the right package on this Debian $(cat /etc/debian_version))"; }
  command -v docker >/dev/null || die "docker.io installed but no docker CLI on PATH"
}

start_moto() {
  moto_healthy && return
  python3 -c 'import moto' 2>/dev/null || die "python3 cannot import moto (need moto 5.x with server extras)"
  # LOCAL_CLOUD_STOP_SECONDS: how long a stopping task spends in STOPPING and DEPROVISIONING (Fargate: tens of s).
  # LOCAL_CLOUD_FARGATE_VCPU_QUOTA / LOCAL_CLOUD_FARGATE_SPOT_VCPU_QUOTA: the account's Fargate vCPU quotas
  # (RunTask answers tasks beyond them in failures[]); 6 each, as a new AWS account has.
  start_bg moto "$STATE/moto.log" python3 "$MODULE/moto/launcher.py" --host 127.0.0.1 --port "$MOTO_PORT" \
    --stop-seconds "${LOCAL_CLOUD_STOP_SECONDS:-1}" --sqs-create-seconds "${LOCAL_CLOUD_SQS_CREATE_SECONDS:-1}" \
    --fargate-vcpu-quota "${LOCAL_CLOUD_FARGATE_VCPU_QUOTA:-6}" \
    --fargate-spot-vcpu-quota "${LOCAL_CLOUD_FARGATE_SPOT_VCPU_QUOTA:-6}"
}

# A moto already running keeps its quotas unless these variables ask for others: set them through its control path.
set_quotas() {
  [[ -n ${LOCAL_CLOUD_FARGATE_VCPU_QUOTA:-}${LOCAL_CLOUD_FARGATE_SPOT_VCPU_QUOTA:-} ]] || return 0
  local body
  body=$(printf '{"onDemand": %s, "spot": %s}' "${LOCAL_CLOUD_FARGATE_VCPU_QUOTA:-6}" "${LOCAL_CLOUD_FARGATE_SPOT_VCPU_QUOTA:-6}")
  curl -fsS -X POST --data "$body" "$MOTO_URL/_local-cloud/ecs/vcpu-quota" >/dev/null \
    || die "could not set the Fargate vCPU quotas ($body) on $MOTO_URL"
}

# overlay2 when the kernel has it (a container starts ~0.8 s sooner: vfs copies the whole image each
# time), else vfs; LOCAL_CLOUD_STORAGE_DRIVER forces one.
start_docker() {
  docker_healthy && return
  mkdir -p "$STATE/docker/data" "$STATE/docker/exec"
  local driver=${LOCAL_CLOUD_STORAGE_DRIVER:-}
  if [[ -z $driver ]]; then
    driver=vfs
    grep -qw overlay /proc/filesystems && driver=overlay2
  fi
  launch_dockerd "$driver"
  if [[ $driver == overlay2 && -z ${LOCAL_CLOUD_STORAGE_DRIVER:-} ]]; then
    local deadline=$((SECONDS + 20))
    local pid
    pid=$(<"$STATE/dockerd.pid")
    until docker_healthy || ! kill -0 "$pid" 2>/dev/null || (( SECONDS > deadline )); do sleep 0.2; done
    if ! docker_healthy; then
      say "Docker engine did not start with overlay2 ($(tail -n 1 "$STATE/dockerd.log")); using vfs"
      stop_pid dockerd dockerd
      launch_dockerd vfs
    fi
  fi
}

launch_dockerd() {
  rm -f "$SOCK"
  start_bg dockerd "$STATE/dockerd.log" dockerd --iptables=false --ip6tables=false --bridge=none \
    --storage-driver="$1" -H "unix://$SOCK" --data-root "$STATE/docker/data" \
    --exec-root "$STATE/docker/exec" --pidfile "$STATE/docker/dockerd.pid"
}

start_registry() {
  registry_healthy && return
  mkdir -p "$STATE/registry/data"
  cat > "$STATE/registry/config.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE/registry/data
  delete:
    enabled: true
http:
  addr: $REGISTRY
YML
  start_bg registry "$STATE/registry.log" docker-registry serve "$STATE/registry/config.yml"
}

agent_jar_outdated() {
  local jar=$MODULE/target/local-cloud-agent.jar
  [[ ! -f $jar ]] && return 0
  [[ -n $(find "$MODULE/src/main" "$MODULE/pom.xml" -newer "$jar" -print -quit) ]]
}

jar_content() {  # a hash of the jar's entries (not its timestamps), empty when there is no jar
  python3 - "$1" <<'PY' 2>/dev/null || true
import hashlib, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as jar:
    digest = hashlib.sha256()
    for name in sorted(jar.namelist()):
        digest.update(name.encode() + jar.read(name))
    print(digest.hexdigest())
PY
}

start_agent() {
  if agent_healthy; then
    if agent_jar_outdated || [[ $(jar_content "$MODULE/target/local-cloud-agent.jar") != $(jar_content "$STATE/agent/lib/local-cloud-agent.jar") ]]; then
      say "note: the running agent is not this checkout's; to switch: $0 restart-agent"
    fi
    return
  fi
  if agent_jar_outdated; then
    say "building the local ECS agent (mvn -pl local-cloud -am package)"
    (cd "$REPO_ROOT" && mvn -B -ntp -q -o -pl local-cloud -am package -Dmaven.test.skip=true >"$STATE/agent-build.log" 2>&1 \
      || mvn -B -ntp -q -pl local-cloud -am package -Dmaven.test.skip=true >"$STATE/agent-build.log" 2>&1) \
      || { tail -n 40 "$STATE/agent-build.log" >&2; die "building the agent failed"; }
  fi
  # Run from a copy: a worktree's `mvn clean` must not pull the jar from under the running agent.
  rm -rf "$STATE/agent/lib" && mkdir -p "$STATE/agent/lib"
  cp "$MODULE/target/local-cloud-agent.jar" "$MODULE"/target/agent-lib/*.jar "$STATE/agent/lib/"
  rm -f "$STATE/agent.ready"
  start_bg agent "$STATE/agent.log" java -Xmx256m -cp "$STATE/agent/lib/*" \
    io.ecslattice.localcloud.agent.LocalEcsAgent --state-dir "$STATE" --endpoint "$MOTO_URL" \
    --docker-host "unix://$SOCK" --registry "$REGISTRY" --max-running "${LOCAL_CLOUD_MAX_RUNNING:-16}" --ready-file "$STATE/agent.ready"
}

write_env() {
  local base=$1
  cat > "$STATE/env.tmp" <<ENV
export AWS_ENDPOINT_URL=$MOTO_URL
export AWS_REGION=us-east-1
export AWS_DEFAULT_REGION=us-east-1
export AWS_ACCESS_KEY_ID=testing
export AWS_SECRET_ACCESS_KEY=testing
export DOCKER_HOST=unix://$SOCK
export ECS_LATTICE_LOCAL_CLOUD_DIR=$STATE
export ECS_LATTICE_CONFIG=$STATE/config.toml
export LOCAL_CLOUD_MOTO_PORT=$MOTO_PORT
export LOCAL_CLOUD_REGISTRY_PORT=${REGISTRY##*:}
ENV
  mv "$STATE/env.tmp" "$STATE/env"
  cat > "$STATE/config.toml.tmp" <<TOML
# Written by make local-cloud-up: the ECS executor against the local cloud.
[executors.ecs]
ecr_registry_override = "$REGISTRY"
base_image = "$base"
TOML
  mv "$STATE/config.toml.tmp" "$STATE/config.toml"
}

up() {
  mkdir -p "$STATE"
  exec 9>"$STATE/up.lock"
  flock -w 300 9 || die "another local-cloud up/down holds $STATE/up.lock"
  ensure_packages
  start_moto; start_docker; start_registry
  wait_for "moto on $MOTO_URL" moto_healthy "$STATE/moto.log"
  set_quotas
  wait_for "Docker engine on $SOCK" docker_healthy "$STATE/dockerd.log"
  wait_for "registry on $REGISTRY" registry_healthy "$STATE/registry.log"
  say "making sure of the base image in the registry"
  local base
  base=$("$HERE/build-base-image.sh" "$STATE" "$REGISTRY" 2>"$STATE/base-image.log") \
    || { tail -n 30 "$STATE/base-image.log" >&2; die "building the base image failed"; }
  write_env "$base"
  start_agent
  wait_for "local ECS agent (log $STATE/agent.log)" agent_healthy "$STATE/agent.log"
  say "up. A client needs (also in $STATE/env):"
  cat "$STATE/env"
  echo "# base image: $base"
}

stop_pid() {  # stop_pid <name> <cmdline-pattern>
  pid_alive "$1" "$2" || { rm -f "$STATE/$1.pid"; return 0; }
  local pid deadline=$((SECONDS + 30))
  pid=$(<"$STATE/$1.pid")
  say "stopping $1 (pid $pid)"
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if (( SECONDS > deadline )); then say "$1 ignored SIGTERM for 30s; killing"; kill -9 "$pid" 2>/dev/null || true; fi
    sleep 0.2
  done
  rm -f "$STATE/$1.pid"
}

down() {
  [[ -d $STATE ]] || return 0
  exec 9>"$STATE/up.lock"
  flock -w 300 9 || die "another local-cloud up/down holds $STATE/up.lock"
  local parts=(agent registry dockerd moto)
  if [[ -n ${ONLY:-} ]]; then
    parts=()
    # Parts restarted in a cloud whose moto was already running repaired a shared cloud: they stay.
    if grep -qx moto "$ONLY" 2>/dev/null; then
      for part in agent registry dockerd moto; do
        grep -qx "$part" "$ONLY" && parts+=("$part")
      done
    fi
  fi
  declare -A pattern=([agent]=LocalEcsAgent [registry]=docker-registry [dockerd]=dockerd [moto]=launcher.py)
  for part in "${parts[@]}"; do stop_pid "$part" "${pattern[$part]}"; done
  if [[ " ${parts[*]} " == *" moto "* ]]; then
    rm -f "$STATE/agent.ready" "$STATE/env"
  fi
  say "down${ONLY:+ (only what ${ONLY} lists: ${parts[*]:-nothing})}"
}

status() {
  local ok=0
  for c in moto docker registry agent; do
    if "${c}_healthy"; then say "$c: up"; else say "$c: down"; ok=1; fi
  done
  return $ok
}

case ${1:-} in
  up)
    [[ ${2:-} == --record && -n ${3:-} ]] && RECORD=$3
    up ;;
  down)
    [[ ${2:-} == --only && -n ${3:-} ]] && ONLY=$3
    down ;;
  status) status ;;
  env) cat "$STATE/env" ;;
  restart-agent) stop_pid agent LocalEcsAgent; up ;;
  *) echo "usage: $0 up|down|status|env|restart-agent" >&2; exit 2 ;;
esac
