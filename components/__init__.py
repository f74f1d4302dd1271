"""Rasa-side code: custom pipeline components named in config.yml, and fixes to Rasa 3.6 itself.

Rasa imports this package whenever it loads the model (`rasa run`, `rasa shell`, `rasa test`), before any action
runs or any conversation is read: the one place that applies the fixes of action_response, event_lookup and
tracker_store in every mode.
"""
from components import action_response, event_lookup, tracker_store

action_response.install()
event_lookup.install()
tracker_store.install()
