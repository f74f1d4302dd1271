"""A visitor of the web page: a socket.io session opened as web/chat.js does, with the python-socketio client."""

import queue
import uuid
from typing import Any, List

import socketio

from bot.text import fold


class SocketChat:
    def __init__(self, url: str, timeout: float = 60) -> None:
        self.timeout = timeout
        self.replies: "queue.Queue[dict]" = queue.Queue()
        confirmations: "queue.Queue[str]" = queue.Queue()
        # Polling only: the websocket transport of this python-engineio client needs a newer aiohttp than Rasa's.
        self.client = socketio.Client(reconnection=False)
        self.client.on("bot_uttered", self.replies.put)
        self.client.on("session_confirm", confirmations.put)
        self.client.connect(url, transports=["polling"], socketio_path="/socket.io", wait_timeout=30)
        self.session_id = f"socket-{uuid.uuid4().hex[:10]}"
        self.client.emit("session_request", {"session_id": self.session_id})
        assert confirmations.get(timeout=timeout) == self.session_id

    def send(self, data: Any) -> None:
        self.client.emit("user_uttered", data)

    def next_reply(self) -> str:
        message = self.replies.get(timeout=self.timeout)
        titles = [reply.get("title", "") for reply in message.get("quick_replies") or []]
        return "\n".join([message.get("text") or "", *titles])

    def say(self, text: str) -> str:
        """Send a message; its first reply (more may follow, read them with replies_until)."""
        self.send({"message": text, "session_id": self.session_id})
        return self.next_reply()

    def replies_until(self, text: str, expected: str) -> List[str]:
        """Send a message, then read replies (those still due for earlier messages too) up to one containing
        `expected`."""
        self.send({"message": text, "session_id": self.session_id})
        replies = [self.next_reply()]
        while fold(expected) not in fold(replies[-1]):
            replies.append(self.next_reply())
        return replies

    def close(self) -> None:
        # A polite disconnect waits for the pending long-poll, up to the server's ping interval.
        self.client.eio.disconnect(abort=True)
