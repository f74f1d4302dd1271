"""The assistant of the latest valid knowledge: staff edit knowledge/ while the assistant runs.

Before each answer, the knowledge files' size and modification time are compared with those of the version in use
(a few `stat` calls, microseconds). When they changed, the new version is loaded and validated first: valid, it
answers from this turn on; broken (an edit half saved, a field forgotten), it is refused with the file and the
field in the log, and the previous version keeps answering until the files change again. Conversations in
progress keep their context: it is held in Rasa's slots (a cluster id, an aspect), not here.
"""

import logging
import os
import threading
from pathlib import Path
from typing import Optional, Tuple

from bot.dialogue import Assistant
from bot.knowledge import KnowledgeError, knowledge_dir, load_knowledge

logger = logging.getLogger(__name__)
Stamp = Tuple[Tuple[str, int, int], ...]


def stamp(directory: Path) -> Stamp:
    """Name, size and modification time of each knowledge file: changes whenever a file is saved. One directory
    read and one `stat` per file (os.scandir): it runs before every answer."""
    with os.scandir(directory) as entries:
        files = [
            (entry.name, entry.stat())
            for entry in entries
            if entry.name.endswith(".yml") and not entry.name.startswith(".") and entry.is_file()
        ]
    return tuple(sorted((name, status.st_size, status.st_mtime_ns) for name, status in files))


class LiveAssistant:
    """Holds the assistant of the knowledge in use; `current()` is the one to answer with now.

    The first load is not guarded: a server whose knowledge is broken at start refuses to start (actions/). Actions
    run on several threads inside Rasa: one lock makes a check and its reload one step, so an older version loaded by
    one thread can never replace a newer one loaded by another."""

    def __init__(self, directory: Optional[Path] = None) -> None:
        self.directory = Path(directory or knowledge_dir())
        self._stamp = stamp(self.directory)
        self._assistant = Assistant(load_knowledge(self.directory))
        self._lock = threading.Lock()

    def current(self) -> Assistant:
        with self._lock:
            return self._current()

    def if_unchanged(self) -> Optional[Assistant]:
        """The assistant in use when knowledge/ has not changed since it was checked (a few `stat` calls); None
        when it has: then current() loads it, which takes longer (the caller may run it on a thread)."""
        return self._assistant if stamp(self.directory) == self._stamp else None

    def _current(self) -> Assistant:
        now = stamp(self.directory)
        if now != self._stamp:
            self._stamp = now  # a refused version is reported once, not at every turn
            try:
                knowledge = load_knowledge(self.directory)
            except KnowledgeError as error:
                logger.error(
                    "Connaissances modifiées mais refusées, la version précédente continue de répondre "
                    "(corrigez puis enregistrez ; `make check` les vérifie) : %s",
                    error,
                )
                return self._assistant
            self._assistant = Assistant(knowledge)
            logger.info(
                "Connaissances rechargées depuis %s : %d grappes, %d faits.",
                self.directory,
                len(knowledge.grappes),
                len(knowledge.facts),
            )
        return self._assistant
