"""A stand-in for Rasa's REST channel, for the console's tests that need no model: GET / answers like Rasa's root,
POST /webhooks/rest/webhook echoes the sender and message with two buttons, or refuses, fails, garbles on demand."""

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

BUTTONS = [
    {"title": "Son site web", "payload": '/ask_website{"grappe": "mode"}'},
    {"title": "Sa mission", "payload": '/ask_mission{"grappe": "mode"}'},
]
SPECIAL = {
    "refuse": (400, {"error": "« message » doit être une chaîne de caractères."}),
    "break": (500, "Internal Server Error"),
    "garble": (200, "pas du JSON"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self._send(200, "Hello from Rasa: stub")

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        echo = [
            {
                "recipient_id": body["sender"],
                "text": f"Reçu de {body['sender']} : {body['message']}",
                "buttons": BUTTONS,
            }
        ]
        self._send(*SPECIAL.get(body["message"], (200, echo)))

    def _send(self, status: int, reply) -> None:
        data = (reply if isinstance(reply, str) else json.dumps(reply)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def stub_rasa() -> Iterator[str]:
    """The stub on a free port of 127.0.0.1; yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
