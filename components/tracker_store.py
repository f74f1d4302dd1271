"""The tracker store fails loudly and reconnects, instead of silently forgetting conversations (issue 10).

Rasa 3.6 wraps every tracker store in `FailSafeTrackerStore`: when reading a conversation fails it carries on with
an empty one, and when saving fails it keeps the turn in memory only ("Falling back to use the
InMemoryTrackerStore"). The visitor is then answered from no context ("De quelle grappe parlez-vous ?") and the
message is never stored. `install()` makes those errors propagate, so that channels/answering.py apologises
instead; importing `components` installs it (see components/__init__.py).

And `SQLTrackerStore` keeps pooled connections without checking them: after PostgreSQL restarts, the first
message on each server met a dead connection. `ReconnectingSQLTrackerStore` is the same store with
`pool_pre_ping`, named as `type: components.tracker_store.ReconnectingSQLTrackerStore` in both endpoints files
(SQLAlchemy 1.4 gives a SQLite file a fresh connection each time, so there the ping never runs: nothing to check).
"""
from typing import Any

import rasa
import sqlalchemy as sa
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, create_engine_kwargs
from sqlalchemy.orm import sessionmaker

RASA_VERSION = "3.6.21"  # FailSafeTrackerStore calls the two error hooks replaced below from its except blocks


class ReconnectingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store, same settings (`dialect`, `db`, `url`...), whose engine checks each connection
    taken from its pool and replaces it if the database dropped it."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)  # waits for the database and creates the tables
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sessionmaker(bind=self.engine)


def propagate(_store: FailSafeTrackerStore, error: Exception) -> None:
    """Stands for FailSafeTrackerStore's error hooks: raised from its except blocks, the error skips the fallback."""
    raise error


def install() -> None:
    if rasa.__version__ != RASA_VERSION:
        raise RuntimeError(f"components/tracker_store.py corrige Rasa {RASA_VERSION}, pas {rasa.__version__} : "
                           "vérifiez FailSafeTrackerStore avant de changer de version.")
    FailSafeTrackerStore.on_tracker_store_error = propagate
    FailSafeTrackerStore.on_tracker_store_retrieve_error = propagate
