"""`make serve`'s stack for real (Rasa with credentials.yml's hardened channels and endpoints.yml's actions inside
it, on spare ports, a fresh SQLite tracker store), which tests may break and restart. With `action_server`, the
actions run on a separate action server instead, as `make serve-scale` runs them: the tests of that server's faults
use it, and the conversations are played on both."""

from pathlib import Path
from typing import Optional

from devstack.servers import Chat, free_port, start_actions, start_page, start_rasa, stop, write_endpoints

# As in scripts/serve.sh: the HTTP API stays off and only the chat page's origin gets CORS.
PAGE_ORIGIN = "http://localhost:8080"


class Stack:
    def __init__(
        self,
        work: Path,
        tracker_db: Optional[Path] = None,
        actions_env: Optional[dict] = None,
        action_server: bool = False,
        page: bool = False,
    ) -> None:
        """`actions_env` adds to the environment of whichever process runs the actions. With `page`, the chat page
        (scripts/web_server.py) runs too, on a spare port, and Rasa's CORS is opened to it instead of PAGE_ORIGIN."""
        self.work = work
        self.actions_env = actions_env
        self.action_server = action_server
        self.tracker_db = tracker_db or work / "tracker.db"
        self.rasa_port = free_port()
        self.actions_port = free_port() if action_server else None
        self.url = f"http://localhost:{self.rasa_port}"
        self.endpoints = write_endpoints(work / "endpoints.yml", self.actions_port, self.tracker_db)
        self.page_port = free_port() if page else None
        self.page_origin = f"http://localhost:{self.page_port}" if page else PAGE_ORIGIN
        self.actions = self.rasa = self.page = None
        self.starts = 0

    def start_actions(self) -> None:
        assert self.actions_port, "les actions tournent dans Rasa : pas de serveur d'actions à démarrer"
        self.starts += 1
        self.actions_log = self.work / f"actions-{self.starts}.log"  # the log of the action server started last
        self.actions = start_actions(self.actions_port, self.actions_log, self.actions_env)

    def stop_actions(self) -> None:
        stop(self.actions)

    def restart_rasa(self) -> None:
        """Stop Rasa if it runs, then start it again on the same port and tracker store."""
        if self.rasa:
            stop(self.rasa)
        self.starts += 1
        log = self.work / f"rasa-{self.starts}.log"
        env = None if self.action_server else self.actions_env
        self.rasa = start_rasa(self.rasa_port, self.endpoints, log, "--cors", self.page_origin, env=env)
        if not self.action_server:
            self.actions_log = log  # the actions write to Rasa's log

    def start(self) -> "Stack":
        """Its servers; whatever started is stopped again if another fails."""
        try:
            if self.page_port:  # first: it starts in a second, and fails at once without web/vendor/
                self.page = start_page(self.page_port, self.url, self.work / "page.log")
            if self.action_server:
                self.start_actions()
            self.restart_rasa()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for process in (self.page, self.rasa, self.actions):
            if process:
                stop(process)

    def chat(self, sender: str = "") -> Chat:
        return Chat(self.rasa_port, sender)
