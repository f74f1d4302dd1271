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
    for result in VALID * 3:
        action_response.validate_action_result(None, result)
    assert len(checks) == 1
