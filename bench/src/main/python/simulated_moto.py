"""moto for the benchmark's simulated region: the local cloud's launcher (ECS fixes and the agent's
control endpoint) plus one fix for scale, so 10,000 tasks in flight measure the client, not moto:
the control endpoint finds a task through an index by id instead of scanning every task of every
cluster on each call (10,000 claims x 10,000 tasks).

Usage: python3 simulated_moto.py <repo-root> --port <port>
"""
import os
import sys

ROOT = sys.argv.pop(1)
sys.path.insert(0, os.path.join(ROOT, "local-cloud", "moto"))

from moto.ecs.models import ecs_backends  # noqa: E402

import ecs_fixes  # noqa: E402
import launcher  # noqa: E402

_TASKS_BY_ID: dict = {}


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


ecs_fixes.find_task = find_task

if __name__ == "__main__":
    launcher.main()
