"""Rasa 3.6 checks each action-server response against its schema with `jsonschema.validate`, which first checks
the schema itself against the JSON Schema meta-schema, on every call. That schema lists every Rasa event, and
py-spy showed this self-check taking about three quarters of the Rasa server's CPU time per turn (docs/benchmarks.md).

`install()` swaps in the same validation with the schema checked once: same schema, same error chosen
(`best_match`), same message added; ORIGINAL is Rasa's, for tests/components/ to compare against.
"""

from functools import lru_cache
from typing import Any, Dict, Text

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


def validate_action_result(_action: RemoteAction, result: Dict[Text, Any]) -> bool:
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
