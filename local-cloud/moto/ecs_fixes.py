"""Fixes to moto's ECS backend so DescribeTasks answers as ECS does (see LOCAL-CLOUD-NOTES.md).

Applied in-process to moto's backend classes; moto's files are never edited. Each fix names the
AWS behaviour it restores:
- task states no longer drift on every DescribeTasks; a new task starts PROVISIONING and moves on
  only when the local agent says so (claim -> PENDING, running -> RUNNING, stopped -> STOPPED);
- RunTask honours clientToken: the same token and parameters give back the same tasks;
- StopTask of a task the agent runs only asks for the stop (desiredStatus STOPPED, stopCode
  UserInitiated); the agent kills the container and reports the exit code;
- StopTask of an unknown task is an InvalidParameterException, not an HTTP 500;
- DescribeTasks matches ARNs and ids exactly (moto matches substrings) and lists unknown ones under
  failures with reason MISSING;
- ListTasks without desiredStatus lists the tasks whose desiredStatus is RUNNING (AWS's documented
  default filter; moto lists every task, stopped ones too);
- a container definition without its own memory takes the task's memory (AWS allows that on Fargate);
- tasks carry createdAt, cpu, memory and containers[].taskArn the task's ARN;
- a task whose container stopped passes through STOPPING and DEPROVISIONING (Fargate detaching the
  network interface) before STOPPED, for `STOP_SECONDS` in all: the containers' exit codes are known
  from the start, as on Fargate.
"""
import datetime
import hashlib
import json
import threading
import time
import types

from moto.ecs import responses as ecs_responses
from moto.ecs.exceptions import InvalidParameterException
from moto.ecs.models import EC2ContainerServiceBackend, Task, ecs_backends
from moto.core.responses import ActionResult

LOCK = threading.RLock()
# How long a stopping task spends in STOPPING and then DEPROVISIONING (half each) before STOPPED;
# set by the launcher. Fargate takes tens of seconds; 0 stops at once.
STOP_SECONDS = 1.0
STOPPING_STATES = ("STOPPING", "DEPROVISIONING")
_CLIENT_TOKENS: dict = {}
# Counts RunTask and StopTask calls, so the agent can wait for the next one instead of polling blindly.
CHANGED = threading.Condition()
_changes = 0


def note_change() -> None:
    global _changes
    with CHANGED:
        _changes += 1
        CHANGED.notify_all()


def wait_for_change(after: int, timeout_seconds: float) -> int:
    """Returns the change count once it exceeds `after`, or after the timeout."""
    with CHANGED:
        CHANGED.wait_for(lambda: _changes > after, timeout=timeout_seconds)
        return _changes


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def apply() -> None:
    """Installs every fix; call once before the server starts."""
    Task.advance = advance  # moto's drift replaced by the stop's own timeline
    _patch_resource_requirements()
    _patch_run_task()
    _patch_stop_task()
    _patch_run_task_response()
    _patch_describe_tasks()
    _patch_list_tasks()


def _patch_resource_requirements() -> None:
    original = EC2ContainerServiceBackend._calculate_task_resource_requirements

    def calculate(task_definition):
        definitions = [
            {**d, "memory": d.get("memory") or d.get("memoryReservation") or 0}
            if "Memory" not in d and "MemoryReservation" not in d else d
            for d in task_definition.container_definitions
        ]
        return original(types.SimpleNamespace(container_definitions=definitions))

    EC2ContainerServiceBackend._calculate_task_resource_requirements = staticmethod(calculate)


def _patch_list_tasks() -> None:
    original = EC2ContainerServiceBackend.list_tasks

    def list_tasks(self, cluster_str=None, container_instance=None, family=None, started_by=None,
                   service_name=None, desiredStatus=None):
        return original(self, cluster_str, container_instance, family, started_by, service_name,
                        desiredStatus or "RUNNING")

    EC2ContainerServiceBackend.list_tasks = list_tasks


def _patch_run_task() -> None:
    original = EC2ContainerServiceBackend.run_task

    def run_task(self, cluster_str, task_definition_str, *args, **kwargs):
        tasks = original(self, cluster_str, task_definition_str, *args, **kwargs)
        definition = self.describe_task_definition(task_definition_str)
        for task in tasks:
            task.last_status = "PROVISIONING"
            task.created_at = now()
            task.cpu = _text(definition.cpu)
            task.memory = _text(definition.memory)
            task.availability_zone = f"{task.region_name}a"
            for container in task.containers:
                container.task_arn = task.task_arn
                container.exitCode = None  # AWS reports an exit code only once the container stopped
        note_change()
        return tasks

    EC2ContainerServiceBackend.run_task = run_task


def _text(value):
    return None if value is None else str(value)


# Task id -> task, so the agent's control calls stay O(1) with 10,000 tasks in flight (the benchmark's
# simulated rows); rebuilt from moto's backends only when an id is new to it.
_TASKS_BY_ID: dict = {}


def find_task(task_ref: str):
    """The task with this ARN or id in any account and region, or None."""
    task_id = task_ref.split("/")[-1]
    task = _TASKS_BY_ID.get(task_id)
    if task is None:
        for account in list(ecs_backends.keys()):
            for backend in list(ecs_backends[account].values()):
                for cluster_tasks in list(backend.tasks.values()):
                    for known in list(cluster_tasks.values()):
                        _TASKS_BY_ID[known.id] = known
        task = _TASKS_BY_ID.get(task_id)
    return task


def _patch_stop_task() -> None:
    def stop_task(self, cluster_str, task_str, reason):
        cluster = self._get_cluster(cluster_str)
        task_id = task_str.split("/")[-1]
        task = next((t for t in self.tasks.get(cluster.name, {}).values() if t.id == task_id), None)
        if task is None:
            raise InvalidParameterException("The referenced task was not found.")
        with LOCK:
            if is_stopping_or_stopped(task) or task.desired_status == "STOPPED":
                return task
            task.desired_status = "STOPPED"
            task.stop_code = "UserInitiated"
            task.stopped_reason = reason or "Task stopped by user"
            task.stopping_at = now()
            if task.last_status == "PROVISIONING":  # never claimed by the agent: nothing to kill
                mark_stopped(task, None, None)
        note_change()
        return task

    EC2ContainerServiceBackend.stop_task = stop_task


def mark_stopped(task, exit_code, container_reason) -> None:
    """Starts the task's stop: containers STOPPED with their exit code, the task STOPPING; the caller holds LOCK."""
    stamp = now()
    task.last_status = "STOPPING"
    task.desired_status = "STOPPED"
    if getattr(task, "stopping_at", None) is None:
        task.stopping_at = stamp
    task.execution_stopped_at = stamp
    task.stop_started = time.monotonic()
    for container in task.containers:
        container.last_status = "STOPPED"
        container.exitCode = exit_code
        if container_reason:
            container.reason = container_reason
    advance(task)


def is_stopping_or_stopped(task) -> bool:
    return task.last_status == "STOPPED" or task.last_status in STOPPING_STATES


def advance(task) -> None:
    """Moves a stopping task on by the time passed: STOPPING, then DEPROVISIONING, then STOPPED."""
    with LOCK:
        if task.last_status not in STOPPING_STATES:
            return
        elapsed = time.monotonic() - task.stop_started
        if elapsed >= STOP_SECONDS:
            task.last_status = "STOPPED"
            task.stopped_at = now()
        elif elapsed >= STOP_SECONDS / 2:
            task.last_status = "DEPROVISIONING"


def _patch_run_task_response() -> None:
    original = ecs_responses.EC2ContainerServiceResponse.run_task

    def run_task(self):
        token = self._get_param("clientToken")
        if not token:
            return original(self)
        params = {k: v for k, v in json.loads(self.body or "{}").items() if k != "clientToken"}
        fingerprint = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()
        key = (self.current_account, self.region, token)
        with LOCK:
            seen = _CLIENT_TOKENS.get(key)
            if seen is not None:
                if seen[0] != fingerprint:
                    raise InvalidParameterException(
                        f"clientToken {token} was already used with different parameters.")
                return ActionResult({"tasks": seen[1], "failures": []})
            result = original(self)
            _CLIENT_TOKENS[key] = (fingerprint, result.result["tasks"])
            return result

    ecs_responses.EC2ContainerServiceResponse.run_task = run_task


def _patch_describe_tasks() -> None:
    def describe_tasks(self):
        cluster = self.ecs_backend._get_cluster(self._get_param("cluster", "default"))
        requested = self._get_param("tasks", [])
        if not requested:
            raise InvalidParameterException("Tasks cannot be empty.")
        # list() copies in one step: a RunTask adding a task meanwhile must not break the iteration
        by_id = {t.id: t for t in list(self.ecs_backend.tasks.get(cluster.name, {}).values())}
        tasks, failures = [], []
        for ref in requested:
            task = by_id.get(ref.split("/")[-1])
            if task is not None and (ref == task.id or ref == task.task_arn):
                advance(task)
                tasks.append(task)
            else:
                failures.append({"arn": ref, "reason": "MISSING"})
        if "TAGS" in self._get_param("include", []):
            self._include_in_response(ecs_responses.DESCRIBE_TASKS_TAGS)
        else:
            self._exclude_from_response(ecs_responses.DESCRIBE_TASKS_TAGS)
        return ActionResult({"tasks": tasks, "failures": failures})

    ecs_responses.EC2ContainerServiceResponse.describe_tasks = describe_tasks
