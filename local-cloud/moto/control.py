"""The local agent's control endpoint: what Fargate's data plane tells ECS, which moto has no API for.

POST /_local-cloud/ecs/tasks/claim    {"taskArn"}  PROVISIONING -> PENDING; 409 when stopped or claimed
POST /_local-cloud/ecs/tasks/running  {"taskArn", "runtimeId"}  -> RUNNING with pull and start times
POST /_local-cloud/ecs/tasks/stopped  {"taskArn", "stopCode", "stoppedReason", "exitCode", "reason"}
     -> STOPPING, DEPROVISIONING, then STOPPED (ecs_fixes.STOP_SECONDS)
POST /_local-cloud/sqs/visibility-cap {"seconds", "queuePrefix"?}  SQS's visibility cap from receipt (43200; shorter
     for tests), for every queue or only those whose names start with queuePrefix
POST /_local-cloud/sqs/queue-delays {"createSeconds"?, "deleteSeconds"?, "purgeSeconds"?}  how long a new queue answers
     QueueDoesNotExist (1), a deleted queue's name answers QueueDeletedRecently (60), a purged queue answers
     PurgeQueueInProgress (60): strict.SQS_DELAYS; answers the delays now in force
POST /_local-cloud/s3/put-cap {"bytes", "prefix"}  caps one PUT (or part) under "bucket/key" prefix at bytes (S3: 5 GB),
     for tests of uploads too large for one PUT; {"bytes": null, "prefix"} removes that cap
POST /_local-cloud/logs/empty-pages {"everyNth"}  every Nth FilterLogEvents without a nextToken answers an empty page
     with a token, as AWS may (3; 1 always, 0 never)
GET  /_local-cloud/health
GET  /_local-cloud/ecs/changes?after=N&waitMillis=M  {"changes": count of RunTask/StopTask calls}, answered
     as soon as it exceeds N or after M ms (at most 10 s): the agent's wake-up call
A task the client asked to stop keeps stopCode UserInitiated and the client's reason.
"""
import json
from urllib.parse import parse_qs

import ecs_fixes
import sqs_fixes
import strict
from ecs_fixes import LOCK, now

PREFIX = "/_local-cloud/"


class ControlApplication:
    """WSGI app that answers the control paths and hands everything else to moto."""

    def __init__(self, moto_app):
        self._moto_app = moto_app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith(PREFIX):
            return self._moto_app(environ, start_response)
        status, body = self._handle(environ, path[len(PREFIX):])
        payload = json.dumps(body).encode()
        start_response(status, [("Content-Type", "application/json"),
                                ("Content-Length", str(len(payload)))])
        return [payload]

    def _handle(self, environ, route):
        if route == "health":
            return "200 OK", {"status": "ok"}
        if route == "ecs/changes":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            try:
                after = int(query.get("after", ["-1"])[0])
                wait = min(int(query.get("waitMillis", ["1000"])[0]), 10_000) / 1000
            except ValueError:
                return "400 Bad Request", {"error": "after and waitMillis must be integers"}
            return "200 OK", {"changes": ecs_fixes.wait_for_change(after, wait)}
        if environ["REQUEST_METHOD"] != "POST":
            return "405 Method Not Allowed", {"error": f"{route} takes POST"}
        length = int(environ.get("CONTENT_LENGTH") or 0)
        try:
            request = json.loads(environ["wsgi.input"].read(length) or b"{}")
        except ValueError as error:
            return "400 Bad Request", {"error": f"body is not JSON: {error}"}
        if route == "sqs/visibility-cap":
            seconds = request.get("seconds")
            if not isinstance(seconds, int) or not 1 <= seconds <= 43200:
                return "400 Bad Request", {"error": f"seconds must be an integer 1-43200, got {seconds!r}"}
            prefix = request.get("queuePrefix", "")
            if not isinstance(prefix, str):
                return "400 Bad Request", {"error": f"queuePrefix must be a string, got {prefix!r}"}
            sqs_fixes.set_visibility_cap(seconds, prefix)
            return "200 OK", {"seconds": seconds, "queuePrefix": prefix}
        if route == "sqs/queue-delays":
            if any(not isinstance(v, (int, float)) or not 0 <= v <= 3600 for v in request.values()):
                return "400 Bad Request", {"error": f"each delay must be 0-3600 seconds, got {request}"}
            try:
                strict.set_sqs_delays(request)
            except ValueError as error:
                return "400 Bad Request", {"error": str(error)}
            return "200 OK", dict(strict.SQS_DELAYS)
        if route == "s3/put-cap":
            size, prefix = request.get("bytes"), request.get("prefix")
            if not isinstance(prefix, str) or "/" not in prefix:
                return "400 Bad Request", {"error": f"prefix must be \"bucket/key-prefix\", got {prefix!r}"}
            if size is not None and (not isinstance(size, int) or size < 1):
                return "400 Bad Request", {"error": f"bytes must be a positive integer or null, got {size!r}"}
            strict.set_s3_put_cap(size, prefix)
            return "200 OK", {"bytes": size, "prefix": prefix}
        if route == "logs/empty-pages":
            every = request.get("everyNth")
            if not isinstance(every, int) or every < 0:
                return "400 Bad Request", {"error": f"everyNth must be an integer >= 0, got {every!r}"}
            strict.set_logs_empty_pages(every)
            return "200 OK", {"everyNth": every}
        handler = ROUTES.get(route)
        if handler is None:
            return "404 Not Found", {"error": f"no control route {route}; valid: {sorted(ROUTES)}"}
        task = ecs_fixes.find_task(request.get("taskArn", ""))
        if task is None:
            return "404 Not Found", {"error": f"no task {request.get('taskArn')!r} in moto"}
        with LOCK:
            return handler(task, request)


def _claim(task, request):
    if task.desired_status == "STOPPED" or task.last_status != "PROVISIONING":
        return "409 Conflict", {"lastStatus": task.last_status, "desiredStatus": task.desired_status}
    task.last_status = "PENDING"
    task.pull_started_at = now()
    for container in task.containers:
        container.last_status = "PENDING"
    return "200 OK", _summary(task)


def _running(task, request):
    if ecs_fixes.is_stopping_or_stopped(task):
        return "409 Conflict", _summary(task)
    stamp = now()
    task.last_status = "RUNNING"
    task.pull_stopped_at = stamp
    task.started_at = stamp
    task.connectivity = "CONNECTED"
    task.connectivity_at = stamp
    for container in task.containers:
        container.last_status = "RUNNING"
        container.runtime_id = request.get("runtimeId")
    return "200 OK", _summary(task)


def _stopped(task, request):
    if ecs_fixes.is_stopping_or_stopped(task):
        return "200 OK", _summary(task)
    if getattr(task, "stop_code", None) != "UserInitiated":
        task.stop_code = request.get("stopCode", "EssentialContainerExited")
        task.stopped_reason = request.get("stoppedReason", "Essential container in task exited")
    ecs_fixes.mark_stopped(task, request.get("exitCode"), request.get("reason"))
    return "200 OK", _summary(task)


def _summary(task):
    return {"taskArn": task.task_arn, "lastStatus": task.last_status,
            "desiredStatus": task.desired_status, "stopCode": getattr(task, "stop_code", None)}


ROUTES = {"ecs/tasks/claim": _claim, "ecs/tasks/running": _running, "ecs/tasks/stopped": _stopped}
