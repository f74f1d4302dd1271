"""Event type lookup with remembered names: the same class as Rasa's scan for every name, the same fallbacks."""

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

from components.patches import event_lookup


def rasa_scan(type_name):
    return next(event_class for event_class in all_subclasses(Event) if event_class.type_name == type_name)


@pytest.mark.parametrize("type_name", sorted({event_class.type_name for event_class in all_subclasses(Event)}))
def test_every_event_type_resolves_to_the_class_rasa_finds(type_name):
    assert event_lookup.resolve_by_type(type_name) is rasa_scan(type_name)


def test_unknown_names_keep_rasas_fallbacks():
    assert event_lookup.resolve_by_type("topic") is None
    assert event_lookup.resolve_by_type("inconnu", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'inconnu'"):
        event_lookup.resolve_by_type("inconnu")


def test_an_event_class_defined_later_is_found():
    class LateEvent(SlotSet):
        type_name = "evenement_tardif"

    assert event_lookup.resolve_by_type("evenement_tardif") is LateEvent


def test_installed_and_used_when_a_stored_conversation_is_read_back():
    assert Event.resolve_by_type is event_lookup.resolve_by_type
    stored = [
        UserUttered("et pour la mode ?", {"name": "inform_grappe"}),
        ActionExecuted("action_answer"),
        SlotSet("grappe", "mode"),
        BotUttered("La grappe de la mode…"),
    ]
    assert [Event.from_parameters(event.as_dict()) for event in stored] == stored
