"""The action server unreachable or failing: the visitor gets a short French apology, over REST and socket.io,
and answers resume when it is back."""

from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

from socket_chat import SocketChat

from bot.answers import APOLOGY
from bot.text import fold

QUESTION = "Quel est le secrétariat de la grappe de l'aluminium ?"


class Failing(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's naming
        self.send_response(500)
        self.end_headers()
        self.wfile.write(b"Traceback (most recent call last): boom")

    def log_message(self, *args):
        pass


@contextmanager
def failing_action_server(port: int):
    """An action server that answers every call with an error 500."""
    server = ThreadingHTTPServer(("localhost", port), Failing)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


def test_apology_while_the_action_server_is_away_then_answers_resume(action_server_stack):
    chat, socket_chat = action_server_stack.chat(), SocketChat(action_server_stack.url)
    try:
        assert "aluquebec" in fold(chat.say(QUESTION))
        action_server_stack.stop_actions()
        try:
            assert chat.say("Parle-moi de l'aérospatiale") == APOLOGY
            assert socket_chat.say("et son site ?") == APOLOGY
            with failing_action_server(action_server_stack.actions_port):
                assert chat.say("Parle-moi de la mode") == APOLOGY
                assert socket_chat.say("Parle-moi de la mode") == APOLOGY
        finally:
            action_server_stack.start_actions()
        assert "aluquebec" in fold(chat.say(QUESTION))
        assert "aluquebec" in fold(socket_chat.replies_until(QUESTION, "AluQuébec")[-1])
    finally:
        socket_chat.close()
