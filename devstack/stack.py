"""`make serve`'s stack for real (action server + Rasa with credentials.yml's hardened channels, endpoints.yml
on spare ports and a fresh SQLite tracker store), which tests may break and restart."""

from pathlib import Path
from typing import Optional

from devstack.servers import Chat, free_port, start_actions, start_rasa, stop, write_endpoints

# As in scripts/serve.sh: the HTTP API stays off and only the chat page's origin gets CORS.
PAGE_ORIGIN = "http://localhost:8080"


class Stack:
    def __init__(self, work: Path, tracker_db: Optional[Path] = None, actions_env: Optional[dict] = None) -> None:
        self.work = work
        self.actions_env = actions_env
        self.tracker_db = tracker_db or work / "tracker.db"
        self.rasa_port, self.actions_port = free_port(), free_port()
        self.url = f"http://localhost:{self.rasa_port}"
        self.endpoints = write_endpoints(work / "endpoints.yml", self.actions_port, self.tracker_db)
        self.actions = self.rasa = None
        self.starts = 0

    def start_actions(self) -> None:
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
        self.rasa = start_rasa(
            self.rasa_port, self.endpoints, self.work / f"rasa-{self.starts}.log", "--cors", PAGE_ORIGIN
        )

    def start(self) -> "Stack":
        """Both servers; whatever started is stopped again if the other fails."""
        try:
            self.start_actions()
            self.restart_rasa()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for process in (self.rasa, self.actions):
            if process:
                stop(process)

    def chat(self, sender: str = "") -> Chat:
        return Chat(self.rasa_port, sender)
