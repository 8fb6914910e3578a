"""moto for the benchmark's simulated region: the local cloud's launcher (ECS fixes and the agent's
control endpoint) plus one fix for scale, so 10,000 tasks in flight measure the client, not moto.

moto's DescribeTasks compares every requested ARN as a substring of every task of every cluster
(tasks x 100 per call); AWS looks the tasks up by id in the named cluster. Here the lookup is by id,
and the agent's control endpoint finds a task through an index instead of a scan of every task.

Usage: python3 simulated_moto.py <repo-root> --port <port>
"""
import os
import sys

ROOT = sys.argv.pop(1)
sys.path.insert(0, os.path.join(ROOT, "local-cloud", "moto"))

from moto.ecs.exceptions import InvalidParameterException  # noqa: E402
from moto.ecs.models import EC2ContainerServiceBackend  # noqa: E402

import ecs_fixes  # noqa: E402
import launcher  # noqa: E402
from moto.ecs.models import ecs_backends  # noqa: E402

_TASKS_BY_ID: dict = {}


def describe_tasks(self, cluster_str, tasks):
    cluster = self._get_cluster(cluster_str)
    if not tasks:
        raise InvalidParameterException("Tasks cannot be empty.")
    by_id = {arn.rsplit("/", 1)[-1]: task for arn, task in self.tasks.get(cluster.name, {}).items()}
    found = (by_id.get(ref.rsplit("/", 1)[-1]) for ref in tasks)
    return [task for task in found if task is not None]


def find_task(task_ref):
    """The task with this ARN or id; rebuilds the index (all tasks) only when the id is new to it."""
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


EC2ContainerServiceBackend.describe_tasks = describe_tasks
ecs_fixes.find_task = find_task

if __name__ == "__main__":
    launcher.main()
