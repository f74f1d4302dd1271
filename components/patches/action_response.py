"""Rasa 3.6 checks each action-server response against its schema with `jsonschema.validate`, which first checks
the schema itself against the JSON Schema meta-schema, on every call. That schema lists every Rasa event, and
py-spy showed this self-check taking about three quarters of the Rasa server's CPU time per turn (docs/benchmarks.md).

`install()` swaps in the same validation with the schema checked once: same schema, same error chosen
(`best_match`), same message added; ORIGINAL is Rasa's, for tests/components/ to compare against. A result that is
valid is recognised first by a quicker route (py-spy: a tenth of a turn once the actions ran inside Rasa): Rasa's
event schema is a `oneOf` of 23 branches, each fixing `event` to its own name, so an event matches exactly one
branch when it matches the branch of its own name; each event is checked against that branch only, and each
distinct event once (the result is parsed JSON on both paths, the action server's or components/patches/
actions_in_process.py's, so an event and its JSON text get the same verdict). Anything this route does not accept
goes through the whole validation, so the verdict and the error are Rasa's.
"""

import json
from functools import lru_cache
from typing import Any, Dict, Optional, Text, Tuple

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@lru_cache(maxsize=1)
def quick_validators() -> Optional[Tuple[Any, Dict[Text, Any]]]:
    """The response schema with its events left unchecked, and each event name's own branch; None if the branches
    do not each fix a different event name (another Rasa): every result then takes the whole route."""
    schema = RemoteAction.action_response_format_spec()
    event_schema = schema["properties"]["events"]["items"]
    names = [branch.get("properties", {}).get("event", {}).get("const") for branch in event_schema["oneOf"]]
    if None in names or len(set(names)) != len(names):
        return None
    validator_class = validators.validator_for(schema)
    common = {key: value for key, value in event_schema.items() if key != "oneOf"}
    outer = {**schema, "properties": {**schema["properties"], "events": {"type": "array"}}}
    branches = zip(names, event_schema["oneOf"])
    return validator_class(outer), {name: validator_class({"allOf": [common, branch]}) for name, branch in branches}


def surely_valid(result: Any) -> bool:
    quick = quick_validators()
    if quick is None or not quick[0].is_valid(result):
        return False
    return all(isinstance(event, dict) and event_surely_valid(event) for event in result.get("events", []))


def event_surely_valid(event: Dict[Text, Any]) -> bool:
    """The same few events come back turn after turn (a slot set to one of a few values): each distinct event, as
    JSON, is checked once. Anything JSON cannot write takes the whole route."""
    try:
        as_json = json.dumps(event, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return event_json_surely_valid(as_json)


@lru_cache(maxsize=4096)
def event_json_surely_valid(as_json: Text) -> bool:
    event = json.loads(as_json)
    quick = quick_validators()
    branch = quick[1].get(event.get("event")) if quick and isinstance(event.get("event"), str) else None
    return branch is not None and branch.is_valid(event)


def validate_action_result(_action: RemoteAction, result: Dict[Text, Any]) -> bool:
    if surely_valid(result):
        return True
    error = best_match(response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the "
        f"Action endpoint is valid. For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


ORIGINAL = RemoteAction._validate_action_result


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
