"""Fixes to moto's SQS backend so visibility answers as SQS does (see LOCAL-CLOUD-NOTES.md).

- The 12-hour visibility cap counts from the message's latest receipt, as SQS documents ("the visibility
  timeout ... can't exceed 12 hours from the time of receipt"; moto counts from the send, so a message
  sent 11 hours before its receipt could barely be extended). An extension past the cap is refused with
  SQS's InvalidParameterValue and one line in moto.log. `VISIBILITY_CAP_SECONDS` (launcher option
  --sqs-visibility-cap-seconds, or the control route sqs/visibility-cap) shortens it for tests; the
  control route may name a queue-name prefix, so one test's short cap leaves other tests' queues alone.
"""
import sys
import threading
import time

from moto.sqs.exceptions import InvalidParameterValue
from moto.sqs.models import Message, SQSBackend

VISIBILITY_CAP_SECONDS = 43200
# Caps for queues whose names start with a prefix (the longest matching prefix wins over the global cap).
_CAPS_BY_PREFIX: dict = {}
_LOCK = threading.Lock()


def _cap(queue_name: str) -> int:
    with _LOCK:
        matching = [prefix for prefix in _CAPS_BY_PREFIX if queue_name.startswith(prefix)]
        return _CAPS_BY_PREFIX[max(matching, key=len)] if matching else VISIBILITY_CAP_SECONDS


def apply() -> None:
    """Installs every fix; call once before the server starts."""
    original_received = Message.mark_received

    def mark_received(self, visibility_timeout=None):
        self.local_cloud_received_at = time.time()
        return original_received(self, visibility_timeout)

    Message.mark_received = mark_received
    original_change = SQSBackend.change_message_visibility

    def change_message_visibility(self, queue_name, receipt_handle, visibility_timeout):
        queue = self.get_queue(queue_name)
        for message in queue._messages:
            if message.receipt_handle == receipt_handle:
                received = getattr(message, "local_cloud_received_at", None)
                cap = _cap(queue_name)
                if received is not None and time.time() + int(visibility_timeout) - received > cap:
                    text = (f"Value {visibility_timeout} for parameter VisibilityTimeout is invalid. Reason: Total "
                            f"VisibilityTimeout for the message is beyond the limit [{cap} seconds]")
                    print(f"strict: refused AmazonSQS.ChangeMessageVisibility: InvalidParameterValue: {text}",
                          file=sys.stderr, flush=True)
                    raise InvalidParameterValue(text)
        return original_change(self, queue_name, receipt_handle, visibility_timeout)

    SQSBackend.change_message_visibility = change_message_visibility


def set_visibility_cap(seconds: int, queue_prefix: str = "") -> None:
    """The cap for every queue, or for queues named `queue_prefix`...; 43200 for a prefix removes its cap."""
    global VISIBILITY_CAP_SECONDS
    with _LOCK:
        if not queue_prefix:
            VISIBILITY_CAP_SECONDS = seconds
        elif seconds == 43200:
            _CAPS_BY_PREFIX.pop(queue_prefix, None)
        else:
            _CAPS_BY_PREFIX[queue_prefix] = seconds
