"""The action-response check with its schema checked once accepts and rejects exactly what Rasa's own does."""

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from components.patches import action_response

VALID = [
    {},
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "grappe", "value": "mode"}],
        "responses": [{"text": "La grappe de la mode…", "buttons": [{"title": "Site", "payload": "/ask_website"}]}],
    },
]
INVALID = [
    {"events": "slot"},
    {"responses": ["texte seul"]},
    {"events": [{"event": "slot"}], "responses": {}},
]


@pytest.mark.parametrize("result", VALID)
def test_accepts_what_rasa_accepts(result):
    jsonschema.validate(result, RemoteAction.action_response_format_spec())
    assert action_response.validate_action_result(None, result) is True


@pytest.mark.parametrize("result", INVALID)
def test_rejects_what_rasa_rejects_with_the_same_error(result):
    with pytest.raises(jsonschema.ValidationError) as rasa_error:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError) as our_error:
        action_response.validate_action_result(None, result)
    assert our_error.value.path == rasa_error.value.path
    assert our_error.value.message.startswith(rasa_error.value.message)
    assert "Failed to validate Action server response" in our_error.value.message


def test_importing_components_installs_it():
    assert RemoteAction._validate_action_result is action_response.validate_action_result


def test_the_schema_is_checked_once(monkeypatch):
    action_response.response_validator.cache_clear()
    checks = []
    validator_class = jsonschema.validators.validator_for(RemoteAction.action_response_format_spec())
    original_check = validator_class.check_schema
    monkeypatch.setattr(
        validator_class,
        "check_schema",
        classmethod(lambda cls, schema: checks.append(schema) or original_check(schema)),
    )
    for result in INVALID * 3:  # the whole route: a valid result takes the quick one
        with pytest.raises(jsonschema.ValidationError):
            action_response.validate_action_result(None, result)
    assert len(checks) == 1


EVENTS = [
    {"event": "slot", "name": "grappe", "value": None},
    {"event": "bot", "text": "Bonjour", "data": {"buttons": []}},
    {"event": "action", "name": "action_listen"},
    {"event": "user", "text": "salut", "parse_data": {"intent": {"name": "greet", "confidence": 0.9}}},
    {"event": "rewind"},
    {"event": "followup", "name": "action_answer"},
    {"event": "slot", "name": 3},  # not a string name
    {"event": "user", "text": 4},
    {"event": "inconnu"},
    {"event": ""},
    {"event": "bot", "timestamp": "hier"},
    {"name": "grappe"},
    {"event": ["user"]},
    {"event": {"type": "user"}},
    "slot",
]


@pytest.mark.parametrize("event", EVENTS)
def test_the_quick_route_gives_rasas_verdict_on_every_kind_of_event(event):
    result = {"events": [{"event": "action", "name": "action_answer"}, event], "responses": []}
    try:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
        rasa_accepts = True
    except jsonschema.ValidationError:
        rasa_accepts = False
    assert action_response.surely_valid(result) is rasa_accepts
    assert action_response.surely_valid(result) is rasa_accepts  # the second time from the verdicts kept


def test_each_distinct_event_is_checked_once():
    action_response.event_json_surely_valid.cache_clear()
    slot = {"event": "slot", "name": "grappe", "value": "mode", "timestamp": None}
    for _ in range(3):
        assert action_response.surely_valid({"events": [dict(slot)], "responses": []})
    assert action_response.event_json_surely_valid.cache_info().misses == 1
    assert not action_response.surely_valid({"events": [{**slot, "value": float("nan")}], "responses": []})
