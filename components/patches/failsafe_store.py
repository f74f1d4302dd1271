"""Rasa 3.6 wraps every tracker store in `FailSafeTrackerStore`: when reading a conversation fails it carries on
with an empty one, and when saving fails it keeps the turn in memory only ("Falling back to use the
InMemoryTrackerStore"). The visitor is then answered from no context ("De quelle grappe parlez-vous ?") and the
message is never stored (issue 10).

`install()` makes those errors propagate, so that channels/answering.py apologises instead: FailSafeTrackerStore
calls the two error hooks replaced here from its except blocks, and an error raised there skips the fallback.
ORIGINALS are Rasa's hooks, for tests/components/ to compare against.
"""

from rasa.core.tracker_store import FailSafeTrackerStore

ORIGINALS = (FailSafeTrackerStore.on_tracker_store_error, FailSafeTrackerStore.on_tracker_store_retrieve_error)


def propagate(_store: FailSafeTrackerStore, error: Exception) -> None:
    """Stands for FailSafeTrackerStore's error hooks: raised from its except blocks, the error skips the fallback."""
    raise error


def install() -> None:
    FailSafeTrackerStore.on_tracker_store_error = propagate
    FailSafeTrackerStore.on_tracker_store_retrieve_error = propagate
