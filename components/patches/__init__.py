"""Fixes to Rasa 3.6 itself, all here, each in its module with Rasa's original kept to compare against.

`install()` applies them; components/__init__.py calls it, and Rasa imports that package whenever it loads the
model (`rasa run`, `rasa test`, `rasa shell`), before any action runs or any conversation is read; channels/socketio.py
imports it too, as `rasa run` builds its channels before it loads the model. Each fix was
written against RASA_VERSION, and `install()` refuses another version: check each fix against the new Rasa (its
tests in tests/components/ compare it with Rasa's own behaviour) before changing the pin.
"""

import rasa

from components.patches import (
    action_response,
    actions_in_process,
    event_lookup,
    failsafe_store,
    fallback_copy,
    frozen_model,
    socketio_session,
)

RASA_VERSION = "3.6.21"
FIXES = (
    actions_in_process,
    action_response,
    event_lookup,
    failsafe_store,
    fallback_copy,
    frozen_model,
    socketio_session,
)


def check_version(version: str = rasa.__version__) -> None:
    if version != RASA_VERSION:
        raise RuntimeError(
            f"components/patches/ corrige Rasa {RASA_VERSION}, pas {version} : vérifiez chaque "
            "correctif avant de changer de version (tests/components/)."
        )


def install() -> None:
    check_version()
    for fix in FIXES:
        fix.install()
