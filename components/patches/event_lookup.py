"""Rasa 3.6 turns each stored event back into an object by scanning every subclass of Event for its type name
(`Event.resolve_by_type`, which rebuilds the subclass list each time). Rasa reloads a conversation's whole history
at every message, so this scan grew with the conversation: py-spy put it at 22 % of the server's CPU time around
the 150th message of one conversation (docs/reliability.md).

`install()` swaps in the same lookup with the type names remembered: the first subclass found for a name wins, as
in Rasa's loop, and an unknown name rescans (an Event subclass imported later is still found) before the same
fallback and error; ORIGINAL is Rasa's, for tests/components/ to compare against.
"""

from typing import Dict, Optional, Text, Type

from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

_by_type_name: Dict[Text, Type[Event]] = {}


def resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    if type_name not in _by_type_name:
        for event_class in all_subclasses(Event):
            _by_type_name.setdefault(event_class.type_name, event_class)
    if type_name in _by_type_name:
        return _by_type_name[type_name]
    if type_name == "topic":
        return None  # Rasa's backwards compatibility with old TopicSet events
    if default is not None:
        return default
    raise ValueError(f"Unknown event name '{type_name}'.")


ORIGINAL = Event.resolve_by_type


def install() -> None:
    Event.resolve_by_type = staticmethod(resolve_by_type)
