"""Refuses what AWS refuses: checks each ECS, ECR, Logs, SQS and S3 request before moto sees it.

moto accepts much that AWS refuses (LOCAL-CLOUD-NOTES.md), so code tested only against moto can fail on
its first real RunTask. This WSGI layer answers a request that AWS would refuse with AWS's error code and
message, and hands every other request to moto unchanged. Two sources of rules:
- the botocore service model of each service (shipped with moto): required members, the `min`, `max`
  and `pattern` of each string, list, map and number, and enums. AWS's front end checks these and answers
  "1 validation error detected: Value ... at ... failed to satisfy constraint: ...";
- limits that only AWS's documentation states (the `*_RULES` tables below), each with the error code and
  message AWS is reported to answer with.
"""
import io
import json
import re
import sys
import threading
import time
from urllib.parse import unquote

import botocore.session
import regex  # botocore patterns use \p{L}-style classes, which `re` lacks

# Which error code each JSON service uses for a request that breaks its model's constraints.
MODEL_VIOLATION_CODE = {
    "ecs": "InvalidParameterException",
    "ecr": "InvalidParameterException",
    "logs": "InvalidParameterException",
    "sqs": "InvalidParameterValue",
}

# Fargate's cpu units and the memory (MiB) each allows (AWS ECS developer guide, "Task size").
FARGATE_SIZES = {
    256: [512, 1024, 2048],
    512: list(range(1024, 4097, 1024)),
    1024: list(range(2048, 8193, 1024)),
    2048: list(range(4096, 16385, 1024)),
    4096: list(range(8192, 30721, 1024)),
    8192: list(range(16384, 61441, 4096)),
    16384: list(range(32768, 122881, 8192)),
}
ECS_NAME = re.compile(r"[A-Za-z0-9_-]{1,255}")
ECS_STARTED_BY = re.compile(r"[A-Za-z0-9/_-]{1,128}")
ECS_TAG_CHARS = regex.compile(r"[\p{L}\p{Z}\p{N}_.:/=+\-@]*")
SQS_QUEUE_NAME = re.compile(r"[A-Za-z0-9_-]{1,80}(\.fifo)?")
SQS_BATCH_ID = re.compile(r"[A-Za-z0-9_-]{1,80}")
OVERRIDES_MAX_CHARS = 8192


class Refusal(Exception):
    """A request AWS would refuse: the HTTP status, error code and message it answers with."""

    def __init__(self, code, message, status=400):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


class StrictApplication:
    """WSGI layer in front of moto: refuses, as AWS does, requests that break AWS's constraints."""

    def __init__(self, moto_app):
        self._moto_app = moto_app
        session = botocore.session.get_session()
        self._models = {}
        for service in MODEL_VIOLATION_CODE:
            model = session.get_service_model(service)
            self._models[model.metadata["targetPrefix"]] = (service, model)
        self._patterns = {}
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        try:
            target = environ.get("HTTP_X_AMZ_TARGET", "")
            if "." in target and target.split(".", 1)[0] in self._models:
                body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
                environ["wsgi.input"] = io.BytesIO(body)
                self._check_json(target, body)
                if target == "Logs_20140328.FilterLogEvents":
                    empty = logs_filter_page(environ, body)
                    if empty is not None:
                        return _answer(start_response, empty)
            elif "/s3/aws4_request" in environ.get("HTTP_AUTHORIZATION", ""):
                check_s3(environ)
        except Refusal as refusal:
            return _refuse(environ, start_response, refusal)
        return self._moto_app(environ, start_response)

    def _check_json(self, target, body):
        prefix, operation = target.split(".", 1)
        service, model = self._models[prefix]
        try:
            params = json.loads(body or b"{}")
        except ValueError:
            raise Refusal("SerializationException", "Start of structure or map found where not expected.")
        if operation not in model.operation_names:
            raise Refusal("UnknownOperationException", f"Unknown operation {operation}")
        rules = DOCUMENTED_RULES.get((service, operation))
        if rules:
            rules(params)
        elif service == "sqs":
            _sqs_settled(params)
        errors = []
        self._validate(model.operation_model(operation).input_shape, params, "", errors)
        if errors:
            raise Refusal(MODEL_VIOLATION_CODE[service], f"{len(errors)} validation error"
                          f"{'s' if len(errors) > 1 else ''} detected: " + "; ".join(errors[:10]))

    def _validate(self, shape, value, path, errors):
        if shape is None or value is None:
            return
        kind = shape.type_name
        if kind == "structure" and isinstance(value, dict):
            for required in shape.required_members:
                if value.get(required) is None:
                    errors.append(f"Value null at '{_join(path, required)}' failed to satisfy constraint: "
                                  "Member must not be null")
            for name, member in shape.members.items():
                key = member.serialization.get("name", name)
                if key in value:
                    self._validate(member, value[key], _join(path, name), errors)
        elif kind == "list" and isinstance(value, list):
            self._check_size(shape, value, len(value), path, errors)
            for index, item in enumerate(value, start=1):
                self._validate(shape.member, item, f"{path}.{index}.member", errors)
        elif kind == "map" and isinstance(value, dict):
            self._check_size(shape, value, len(value), path, errors)
            for key, item in value.items():
                self._validate(shape.key, key, f"{path}.{key}.key", errors)
                self._validate(shape.value, item, f"{path}.{key}.value", errors)
        elif kind == "string" and isinstance(value, str):
            self._check_size(shape, value, len(value), path, errors)
            pattern = shape.metadata.get("pattern")
            if pattern and not self._pattern(pattern).fullmatch(value):
                errors.append(_violation(value, path, f"Member must satisfy regular expression pattern: {pattern}"))
            if shape.enum and value not in shape.enum:
                errors.append(_violation(value, path, f"Member must satisfy enum value set: [{', '.join(shape.enum)}]"))
        elif kind in ("integer", "long") and isinstance(value, int):
            if "min" in shape.metadata and value < shape.metadata["min"]:
                errors.append(_violation(value, path, f"Member must have value greater than or equal to {shape.metadata['min']}"))
            if "max" in shape.metadata and value > shape.metadata["max"]:
                errors.append(_violation(value, path, f"Member must have value less than or equal to {shape.metadata['max']}"))

    @staticmethod
    def _check_size(shape, value, size, path, errors):
        if "min" in shape.metadata and size < shape.metadata["min"]:
            errors.append(_violation(value, path, f"Member must have length greater than or equal to {shape.metadata['min']}"))
        if "max" in shape.metadata and size > shape.metadata["max"]:
            errors.append(_violation(value, path, f"Member must have length less than or equal to {shape.metadata['max']}"))

    def _pattern(self, pattern):
        with self._lock:
            compiled = self._patterns.get(pattern)
            if compiled is None:
                compiled = self._patterns[pattern] = regex.compile(pattern)
            return compiled


def _join(path, name):
    return f"{path}.{name}" if path else name


def _violation(value, path, constraint):
    shown = value if isinstance(value, (str, int)) else json.dumps(value)
    return f"Value '{shown}' at '{path}' failed to satisfy constraint: {constraint}"


def _refuse(environ, start_response, refusal):
    # One line in moto.log per refusal, so a run against the strict cloud shows what the product sent wrong.
    what = environ.get("HTTP_X_AMZ_TARGET") or f"{environ.get('REQUEST_METHOD')} {environ.get('PATH_INFO')}"
    print(f"strict: refused {what}: {refusal.code}: {refusal.message}", file=sys.stderr, flush=True)
    if "HTTP_X_AMZ_TARGET" in environ:
        payload = json.dumps({"__type": refusal.code, "message": refusal.message}).encode()
        headers = [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-ErrorType", refusal.code)]
        if environ["HTTP_X_AMZ_TARGET"].startswith("AmazonSQS."):
            headers.append(("x-amzn-query-error", f"{SQS_QUERY_CODES.get(refusal.code, refusal.code)};Sender"))
    else:
        payload = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{refusal.code}</Code>"
                   f"<Message>{refusal.message}</Message></Error>").encode()
        headers = [("Content-Type", "application/xml")]
    start_response(f"{refusal.status} Bad Request", headers + [("Content-Length", str(len(payload)))])
    return [payload]


# --- ECS: limits stated in the API reference's text, not in the model -------------------------------

def _ecs_tags(tags):
    """CreateTags/RunTask/RegisterTaskDefinition tag rules (ECS "Tagging your resources")."""
    tags = tags or []
    if len(tags) > 50:
        raise Refusal("InvalidParameterException", f"Too many tags: {len(tags)}; a resource takes at most 50.")
    for tag in tags:
        key, value = tag.get("key") or "", tag.get("value") or ""
        if not ECS_TAG_CHARS.fullmatch(key) or not ECS_TAG_CHARS.fullmatch(value):
            raise Refusal("InvalidParameterException", "Some tags contain invalid characters. Valid characters: "
                          "UTF-8 letters, spaces, numbers and _ . / = + - : @.")
        if not 1 <= len(key) <= 128 or len(value) > 256:
            raise Refusal("InvalidParameterException", f"Tag key '{key}' must be 1 to 128 characters and its "
                          f"value at most 256; got {len(key)} and {len(value)}.")
        if key.lower().startswith("aws:"):
            raise Refusal("InvalidParameterException", f"Tag key '{key}': the aws: prefix is reserved for AWS use.")


def _fargate_size(cpu, memory):
    """cpu/memory as RegisterTaskDefinition or a task override gives them ("1024", "1 vCPU", "2 GB")."""
    def units(text, unit, scale):
        text = str(text).strip()
        match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*" + unit, text, re.IGNORECASE)
        return int(float(match.group(1)) * scale) if match else int(text) if text.isdigit() else None
    cpu_units, memory_mib = units(cpu, "vcpu", 1024), units(memory, "gb", 1024)
    if memory_mib not in FARGATE_SIZES.get(cpu_units, []):
        raise Refusal("ClientException", f"No Fargate configuration exists for given values: {cpu} CPU, "
                      f"{memory} memory. See the Amazon ECS documentation for the valid values.")


def _run_task(params):
    _ecs_tags(params.get("tags"))
    overrides = params.get("overrides")
    if overrides is not None:
        # "A total of 8192 characters are allowed for overrides. This limit includes the JSON formatting
        # characters of the override structure": the overrides object as JSON text, escapes included.
        length = len(json.dumps(overrides, separators=(",", ":"), ensure_ascii=False))
        if length > OVERRIDES_MAX_CHARS:
            raise Refusal("InvalidParameterException",
                          f"Container Overrides length must be at most {OVERRIDES_MAX_CHARS}")
        if overrides.get("cpu") or overrides.get("memory"):
            _fargate_size(overrides.get("cpu"), overrides.get("memory"))
    _started_by(params.get("startedBy"))
    token = params.get("clientToken")
    if token is not None and (not 1 <= len(token) <= 64 or any(not 33 <= ord(c) <= 126 for c in token)):
        raise Refusal("InvalidParameterException", f"clientToken '{token}' is invalid: up to 64 characters, "
                      "each in the ASCII range 33-126.")
    count = params.get("count", 1)
    if not 1 <= count <= 10:
        raise Refusal("InvalidParameterException", f"count {count} is invalid: RunTask starts 1 to 10 tasks.")
    strategy = params.get("capacityProviderStrategy")
    if strategy and params.get("launchType"):
        raise Refusal("InvalidParameterException",
                      "Specifying both a launch type and capacity provider strategy is not supported.")
    if any(s.get("capacityProvider") == "FARGATE_SPOT" for s in strategy or []):
        if _task_definition_architecture(params.get("taskDefinition", "")) == "ARM64":
            raise Refusal("InvalidParameterException", "The capacity provider FARGATE_SPOT does not support "
                          "the task definition's cpuArchitecture ARM64; Fargate Spot runs X86_64 only.")


def _started_by(started_by):
    """RunTask's startedBy: "Up to 128 letters (uppercase and lowercase), numbers, hyphens (-), forward slash (/),
    and underscores (_) are allowed" (RunTask API reference)."""
    if started_by is not None and not ECS_STARTED_BY.fullmatch(started_by):
        raise Refusal("InvalidParameterException", f"startedBy '{started_by}' is invalid: up to 128 letters "
                      "(uppercase and lowercase), numbers, hyphens (-), forward slash (/), and underscores (_) "
                      f"are allowed; got {len(started_by)} characters.")


def _task_definition_architecture(reference):
    """The cpuArchitecture of the task definition RunTask names, from moto's ECS backend."""
    from moto.ecs.models import ecs_backends
    for account in list(ecs_backends.keys()):
        for backend in list(ecs_backends[account].values()):
            try:
                definition = backend.describe_task_definition(reference)
            except Exception:  # unknown here: moto itself answers for it
                continue
            return (getattr(definition, "runtime_platform", None) or {}).get("cpuArchitecture")
    return None


def _register_task_definition(params):
    family = params.get("family", "")
    if not ECS_NAME.fullmatch(family):
        raise Refusal("ClientException", f"Family contains invalid characters: '{family}'. Up to 255 letters "
                      "(uppercase and lowercase), numbers, underscores, and hyphens are allowed.")
    for container in params.get("containerDefinitions") or []:
        if not ECS_NAME.fullmatch(container.get("name") or ""):
            raise Refusal("ClientException", f"Container.name contains invalid characters: "
                          f"'{container.get('name')}'. Up to 255 letters, numbers, hyphens, and underscores.")
    _ecs_tags(params.get("tags"))
    if "FARGATE" in (params.get("requiresCompatibilities") or []):
        _fargate_size(params.get("cpu"), params.get("memory"))


def _create_cluster(params):
    name = params.get("clusterName")
    if name is not None and not ECS_NAME.fullmatch(name):
        raise Refusal("InvalidParameterException", f"Cluster name '{name}' is invalid: up to 255 letters "
                      "(uppercase and lowercase), numbers, underscores, and hyphens are allowed.")
    _ecs_tags(params.get("tags"))


def _describe_tasks(params):
    if len(params.get("tasks") or []) > 100:
        raise Refusal("InvalidParameterException",
                      f"Tasks cannot be more than 100 per call; got {len(params['tasks'])}.")


def _list_tasks(params):
    # "When you specify startedBy as the filter, it must be the only filter that you use" (ListTasks API
    # reference); cluster names where to look and maxResults/nextToken page, so they are no filters.
    others = sorted(k for k in ("containerInstance", "family", "serviceName", "desiredStatus", "launchType")
                    if params.get(k) is not None)
    if params.get("startedBy") is not None and others:
        raise Refusal("InvalidParameterException", "cannot specify startedBy with other arguments "
                      f"(got startedBy and {', '.join(others)})")


def _stop_task(params):
    if len(params.get("reason") or "") > 1024:
        raise Refusal("InvalidParameterException", "Reason must be at most 1024 characters.")


# --- SQS: the Developer Guide's quotas --------------------------------------------------------------

def _sqs_queue_name(params):
    name = params.get("QueueName", "")
    if not SQS_QUEUE_NAME.fullmatch(name) or len(name) > 80:
        raise Refusal("InvalidParameterValue", "Can only include alphanumeric characters, hyphens, or "
                      f"underscores. 1 to 80 in length: '{name}'")


def _sqs_batch(params):
    entries = params.get("Entries") or []
    if not entries:
        raise Refusal("EmptyBatchRequest", "There should be at least one entry in the request.")
    if len(entries) > 10:
        raise Refusal("TooManyEntriesInBatchRequest", f"Maximum number of entries per request are 10. "
                      f"You have sent {len(entries)}.")
    ids = [e.get("Id", "") for e in entries]
    for entry_id in ids:
        if not SQS_BATCH_ID.fullmatch(entry_id):
            raise Refusal("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, "
                          f"hyphens and underscores. It can be at most 80 letters long: '{entry_id}'")
    if len(set(ids)) != len(ids):
        raise Refusal("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.")


def _sqs_receive(params):
    _range(params, "MaxNumberOfMessages", 1, 10)
    _range(params, "WaitTimeSeconds", 0, 20)
    _range(params, "VisibilityTimeout", 0, 43200)


def _sqs_visibility(params):
    _range(params, "VisibilityTimeout", 0, 43200)


def _range(params, name, low, high):
    value = params.get(name)
    if value is not None and not low <= value <= high:
        raise Refusal("InvalidParameterValue", f"Value {value} for parameter {name} is invalid. "
                      f"Reason: must be between {low} and {high}, if provided.")


DOCUMENTED_RULES = {
    ("ecs", "RunTask"): _run_task,
    ("ecs", "RegisterTaskDefinition"): _register_task_definition,
    ("ecs", "CreateCluster"): _create_cluster,
    ("ecs", "DescribeTasks"): _describe_tasks,
    ("ecs", "StopTask"): _stop_task,
    ("ecs", "ListTasks"): _list_tasks,
    ("ecs", "TagResource"): lambda params: _ecs_tags(params.get("tags")),
    ("sqs", "CreateQueue"): lambda params: _sqs_create_queue(params),
    ("sqs", "SetQueueAttributes"): lambda params: _sqs_set_attributes(params),
    ("sqs", "DeleteQueue"): lambda params: _sqs_delete_queue(params),
    ("sqs", "PurgeQueue"): lambda params: _sqs_purge_queue(params),
    ("sqs", "SendMessage"): lambda params: _sqs_send(params),
    ("sqs", "SendMessageBatch"): lambda params: (_sqs_batch(params), _sqs_send_batch(params)),
    ("sqs", "DeleteMessageBatch"): lambda params: (_sqs_batch(params), _sqs_settled(params)),
    ("sqs", "ChangeMessageVisibilityBatch"): _sqs_batch,
    ("sqs", "ReceiveMessage"): lambda params: (_sqs_receive(params), _sqs_settled(params)),
    ("sqs", "ChangeMessageVisibility"): _sqs_visibility,
}


# --- SQS: a queue's life (settling after CreateQueue, 60 s after DeleteQueue and PurgeQueue), attributes, sizes ---

# The query-protocol code SQS sends beside a JSON error type (x-amzn-query-error), which SDKs report as the code.
SQS_QUERY_CODES = {
    "QueueDoesNotExist": "AWS.SimpleQueueService.NonExistentQueue",
    "QueueDeletedRecently": "AWS.SimpleQueueService.QueueDeletedRecently",
    "PurgeQueueInProgress": "AWS.SimpleQueueService.PurgeQueueInProgress",
    "BatchRequestTooLong": "AWS.SimpleQueueService.BatchRequestTooLong",
}
# Seconds a new queue answers QueueDoesNotExist ("After you create a queue, you must wait at least one second
# after the queue is created to be able to use the queue", CreateQueue API reference); seconds a deleted queue's
# name cannot be created again ("You must wait 60 seconds after deleting a queue before you can create another
# queue with the same name"); seconds between two purges of a queue ("Only one PurgeQueue operation on
# <queue> is allowed every 60 seconds"). Launcher options and the control route sqs/queue-delays change them.
SQS_DELAYS = {"createSeconds": 1.0, "deleteSeconds": 60.0, "purgeSeconds": 60.0}
_SQS_CREATED, _SQS_DELETED, _SQS_PURGED = {}, {}, {}
_SQS_LOCK = threading.Lock()
# CreateQueue/SetQueueAttributes ranges (CreateQueue API reference). MaximumMessageSize goes to 1 MiB since 2025,
# its default too (moto's queue holds it); a batch's messages add up to 1 MiB at most.
SQS_ATTRIBUTE_RANGES = {
    "DelaySeconds": (0, 900),
    "MaximumMessageSize": (1024, 1048576),
    "MessageRetentionPeriod": (60, 1209600),
    "ReceiveMessageWaitTimeSeconds": (0, 20),
    "VisibilityTimeout": (0, 43200),
    "KmsDataKeyReusePeriodSeconds": (60, 86400),
}
SQS_BATCH_MAX_BYTES = 1048576
# "#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF" (SendMessage API reference).
SQS_INVALID_CHARACTER = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def set_sqs_delays(delays):
    """Changes some of SQS_DELAYS (seconds); a name not in it is refused."""
    unknown = sorted(set(delays) - set(SQS_DELAYS))
    if unknown:
        raise ValueError(f"unknown delay(s) {unknown}; valid: {sorted(SQS_DELAYS)}")
    with _SQS_LOCK:
        SQS_DELAYS.update({k: float(v) for k, v in delays.items()})


def _sqs_queue(name):
    """moto's queue of that name, or None."""
    from moto.sqs.models import sqs_backends
    for account in list(sqs_backends.keys()):
        for backend in list(sqs_backends[account].values()):
            queue = backend.queues.get(name)
            if queue is not None:
                return queue
    return None


def _sqs_name(params):
    url = params.get("QueueUrl")
    return url.rstrip("/").rsplit("/", 1)[-1] if url else params.get("QueueName")


def _sqs_settled(params):
    """A queue created less than createSeconds ago does not exist yet for any call but CreateQueue."""
    name = _sqs_name(params)
    with _SQS_LOCK:
        created = _SQS_CREATED.get(name)
        if created is not None and time.time() - created >= SQS_DELAYS["createSeconds"]:
            del _SQS_CREATED[name]
        elif created is not None:
            raise Refusal("QueueDoesNotExist", "The specified queue does not exist.")


def _sqs_create_queue(params):
    _sqs_queue_name(params)
    _sqs_attributes(params.get("Attributes") or {})
    name = params["QueueName"]
    with _SQS_LOCK:
        deleted = _SQS_DELETED.get(name)
        if deleted is not None and time.time() - deleted < SQS_DELAYS["deleteSeconds"]:
            raise Refusal("QueueDeletedRecently", "You must wait 60 seconds after deleting a queue before you can "
                          f"create another queue with the same name: {name}")
        if _sqs_queue(name) is None:
            _SQS_CREATED[name] = time.time()


def _sqs_set_attributes(params):
    _sqs_settled(params)
    _sqs_attributes(params.get("Attributes") or {})


def _sqs_attributes(attributes):
    for name, (low, high) in SQS_ATTRIBUTE_RANGES.items():
        value = attributes.get(name)
        if value is not None and (not str(value).isdigit() or not low <= int(value) <= high):
            raise Refusal("InvalidAttributeValue", f"Invalid value for the parameter {name}.")
    policy = attributes.get("RedrivePolicy")
    if policy:
        _sqs_redrive_policy(policy)


def _sqs_redrive_policy(policy):
    try:
        parsed = json.loads(policy)
        count, target = int(parsed["maxReceiveCount"]), parsed["deadLetterTargetArn"]
    except (ValueError, KeyError, TypeError):
        raise Refusal("InvalidParameterValue", f"Value {policy} for parameter RedrivePolicy is invalid. Reason: "
                      "Redrive policy is not a valid JSON map with deadLetterTargetArn and maxReceiveCount.")
    if not 1 <= count <= 1000:
        raise Refusal("InvalidParameterValue", f"Value {policy} for parameter RedrivePolicy is invalid. Reason: "
                      f"Invalid value for maxReceiveCount: {count}, valid values are from 1 to 1000 both inclusive.")
    name = target.rsplit(":", 1)[-1]
    queue = _sqs_queue(name)
    with _SQS_LOCK:
        settling = name in _SQS_CREATED and time.time() - _SQS_CREATED[name] < SQS_DELAYS["createSeconds"]
    if queue is None or queue.queue_arn != target or settling:
        raise Refusal("InvalidParameterValue", f"Value {policy} for parameter RedrivePolicy is invalid. Reason: "
                      "Dead letter target does not exist.")


def _sqs_delete_queue(params):
    _sqs_settled(params)
    name = _sqs_name(params)
    if _sqs_queue(name) is not None:
        with _SQS_LOCK:
            _SQS_DELETED[name] = time.time()
            _SQS_PURGED.pop(name, None)


def _sqs_purge_queue(params):
    _sqs_settled(params)
    name = _sqs_name(params)
    if _sqs_queue(name) is None:
        return  # moto answers QueueDoesNotExist
    with _SQS_LOCK:
        purged = _SQS_PURGED.get(name)
        if purged is not None and time.time() - purged < SQS_DELAYS["purgeSeconds"]:
            raise Refusal("PurgeQueueInProgress", f"Only one PurgeQueue operation on {name} is allowed every 60 seconds.")
        _SQS_PURGED[name] = time.time()


def _sqs_message_bytes(entry):
    """A message's size as SQS counts it: the body's UTF-8 bytes plus each attribute's name, type and value."""
    body = entry.get("MessageBody") or ""
    match = SQS_INVALID_CHARACTER.search(body)
    if match:
        raise Refusal("InvalidMessageContents", f"Invalid binary character '#x{ord(match.group()):X}' was found in "
                      "the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | "
                      "#xE000 to #xFFFD | #x10000 to #x10FFFF")
    size = len(body.encode("utf-8"))
    for name, attribute in (entry.get("MessageAttributes") or {}).items():
        value = attribute.get("StringValue") or attribute.get("BinaryValue") or ""
        size += len(name.encode()) + len((attribute.get("DataType") or "").encode()) + len(value.encode())
    return size


def _sqs_max_bytes(params):
    queue = _sqs_queue(_sqs_name(params))
    return int(getattr(queue, "maximum_message_size", SQS_BATCH_MAX_BYTES)) if queue is not None else SQS_BATCH_MAX_BYTES


def _sqs_send(params):
    _sqs_settled(params)
    size, limit = _sqs_message_bytes(params), _sqs_max_bytes(params)
    if size > limit:
        raise Refusal("InvalidParameterValue", "One or more parameters are invalid. Reason: Message must be "
                      f"shorter than {limit} bytes.")


def _sqs_send_batch(params):
    _sqs_settled(params)
    sizes = [_sqs_message_bytes(entry) for entry in params.get("Entries") or []]
    if sum(sizes) > SQS_BATCH_MAX_BYTES:
        raise Refusal("BatchRequestTooLong", f"Batch requests cannot be longer than {SQS_BATCH_MAX_BYTES} bytes. "
                      f"You have sent {sum(sizes)} bytes.")
    limit = _sqs_max_bytes(params)
    if any(size > limit for size in sizes):
        raise Refusal("InvalidParameterValue", "One or more parameters are invalid. Reason: Message must be "
                      f"shorter than {limit} bytes.")


# --- CloudWatch Logs: FilterLogEvents pages that hold no events ------------------------------------------

# "This operation can return empty results while there are more log events available through the token"
# (FilterLogEvents API reference): it searches a time slice per call. Every LOGS_EMPTY_FIRST_PAGE["everyNth"]
# first call (no nextToken) is answered so, with a token whose call then searches as the first would have;
# the control route logs/empty-pages sets it (0: never; 1: always, for tests).
LOGS_EMPTY_FIRST_PAGE = {"everyNth": 3, "calls": 0}
LOGS_EMPTY_TOKEN = "local-cloud-empty-page"
_LOGS_LOCK = threading.Lock()


def set_logs_empty_pages(every_nth):
    with _LOGS_LOCK:
        LOGS_EMPTY_FIRST_PAGE.update(everyNth=every_nth, calls=0)


def logs_filter_page(environ, body):
    """The empty page to answer with, or None after taking this module's own token out of the request."""
    params = json.loads(body or b"{}")
    if params.get("nextToken") == LOGS_EMPTY_TOKEN:
        del params["nextToken"]
        rewritten = json.dumps(params).encode()
        environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(rewritten), str(len(rewritten))
        return None
    if params.get("nextToken"):
        return None
    with _LOGS_LOCK:
        LOGS_EMPTY_FIRST_PAGE["calls"] += 1
        every = LOGS_EMPTY_FIRST_PAGE["everyNth"]
        if not every or LOGS_EMPTY_FIRST_PAGE["calls"] % every:
            return None
    print("strict: FilterLogEvents answered with an empty first page and a nextToken, as AWS may", file=sys.stderr,
          flush=True)
    return {"events": [], "searchedLogStreams": [], "nextToken": LOGS_EMPTY_TOKEN}


def _answer(start_response, body):
    payload = json.dumps(body).encode()
    start_response("200 OK", [("Content-Type", "application/x-amz-json-1.1"), ("Content-Length", str(len(payload)))])
    return [payload]


# --- S3: bucket naming rules and the key length ------------------------------------------------------

S3_BUCKET_NAME = re.compile(r"(?!xn--)(?!sthree-)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](?<!-s3alias)(?<!--ol-s3)")
IP_ADDRESS = re.compile(r"\d+\.\d+\.\d+\.\d+")


def check_s3(environ):
    """Refuses an invalid bucket name at CreateBucket and an object key over 1,024 UTF-8 bytes."""
    host = environ.get("HTTP_HOST", "").split(":")[0]
    path = unquote(environ.get("PATH_INFO", ""))
    if host.count(".") and not IP_ADDRESS.fullmatch(host) and not host.startswith(("s3.", "localhost")):
        bucket, key = host.split(".", 1)[0], path.lstrip("/")  # virtual-hosted style
    else:
        bucket, _, key = path.lstrip("/").partition("/")
    if len(key.encode()) > 1024:
        raise Refusal("KeyTooLongError", "Your key is too long")
    creating = environ.get("REQUEST_METHOD") == "PUT" and not key and not environ.get("QUERY_STRING")
    if creating and (not S3_BUCKET_NAME.fullmatch(bucket) or ".." in bucket or IP_ADDRESS.fullmatch(bucket)):
        raise Refusal("InvalidBucketName", "The specified bucket is not valid.")
    if environ.get("REQUEST_METHOD") == "PUT" and key and "HTTP_X_AMZ_COPY_SOURCE" not in environ:
        _s3_put_size(environ, bucket, key)


# --- S3: the size of one PUT -------------------------------------------------------------------------

# "Upload an object in a single operation by using the AWS SDKs, REST API, or AWS CLI – With a single PUT operation,
# you can upload a single object up to 5 GB in size" (S3 User Guide, "Uploading objects"); a part is at most 5 GiB too.
S3_PUT_MAX_BYTES = 5 * 1024 ** 3
# Lower caps for tests, by "bucket/key" prefix (the longest matching prefix wins): set through the control route
# s3/put-cap, so one test's small cap leaves other tests' objects alone.
_S3_PUT_CAPS = {}
_S3_LOCK = threading.Lock()


def set_s3_put_cap(max_bytes, prefix):
    """Caps single PUTs (and parts) under "bucket/key" `prefix` at `max_bytes`; None removes the prefix's cap."""
    with _S3_LOCK:
        if max_bytes is None:
            _S3_PUT_CAPS.pop(prefix, None)
        else:
            _S3_PUT_CAPS[prefix] = max_bytes


def _s3_put_size(environ, bucket, key):
    # The SDKs send a body with a trailing checksum as aws-chunked: its object bytes are x-amz-decoded-content-length.
    size = int(environ.get("HTTP_X_AMZ_DECODED_CONTENT_LENGTH") or environ.get("CONTENT_LENGTH") or 0)
    where = f"{bucket}/{key}"
    with _S3_LOCK:
        matching = [prefix for prefix in _S3_PUT_CAPS if where.startswith(prefix)]
        cap = _S3_PUT_CAPS[max(matching, key=len)] if matching else S3_PUT_MAX_BYTES
    if size > cap:
        raise Refusal("EntityTooLarge", f"Your proposed upload exceeds the maximum allowed object size. "
                      f"ProposedSize {size}, MaxSizeAllowed {cap}.")
