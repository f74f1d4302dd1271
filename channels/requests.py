"""Reading what a client sends, before bot/guard.py screens the text: a REST webhook body or a socket.io message,
with a valid conversation id, a string message and optional metadata; anything else is Rejected with a status
and the French reason (bot/answers.py) the channel returns instead of Rasa's 500."""

import json
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Optional

from bot.answers import request_error
from bot.guard import MAX_BODY_BYTES, MAX_SENDER_CHARS

_SENDER = re.compile(rf"[\w.:@-]{{1,{MAX_SENDER_CHARS}}}")


class Rejected(Exception):
    """A request the channel cannot read; `reason` is the French JSON error for the client."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


@dataclass(frozen=True)
class Incoming:
    sender: str
    message: str
    metadata: Dict[str, Any] = field(default_factory=dict)


def is_valid_sender(sender: Any) -> bool:
    """A conversation id fit for the tracker store and the logs."""
    return isinstance(sender, str) and bool(_SENDER.fullmatch(sender))


def _checked_fields(data: Dict[str, Any], sender: Any, sender_field: str) -> Incoming:
    if not is_valid_sender(sender):
        raise Rejected(400, request_error("sender", field=sender_field, longest=MAX_SENDER_CHARS))
    message = data.get("message")
    if not isinstance(message, str):
        raise Rejected(400, request_error("message"))
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise Rejected(400, request_error("metadata"))
    return Incoming(sender, message, metadata or {})


def read_rest_body(body: Optional[bytes]) -> Incoming:
    """The fields of a REST webhook body, or Rejected saying what is wrong."""
    if body and len(body) > MAX_BODY_BYTES:
        raise Rejected(413, request_error("too_big", largest=MAX_BODY_BYTES))
    try:
        data = json.loads(body or b"")
    except (ValueError, RecursionError):
        raise Rejected(400, request_error("not_json")) from None
    if not isinstance(data, dict):
        raise Rejected(400, request_error("rest_not_object"))
    return _checked_fields(data, data.get("sender"), "sender")


def read_socket_data(data: Any, sid: str, session_persistence: bool) -> Incoming:
    """The fields of a socket.io user message; the sender is the session id when sessions persist, as in Rasa."""
    if not isinstance(data, dict):
        raise Rejected(400, request_error("socket_not_object"))
    if session_persistence:
        return _checked_fields({"message": "", **data}, data.get("session_id"), "session_id")
    return _checked_fields({"message": "", **data}, sid, "sid")
