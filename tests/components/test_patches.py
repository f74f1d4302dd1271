"""components/patches/: installed by importing `components`, refused on another Rasa version, and each fix
compared with Rasa's own behaviour (its original is kept). action_response, event_lookup and socketio_session have
their own files."""

import asyncio
import gc
import weakref

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.core.channels.socketio import SocketIOInput
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
from rasa.nlu.classifiers import fallback_classifier
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

import components  # noqa: F401 - installs the fixes, as Rasa's loading of the model does
from components import patches
from components.patches import (
    action_response,
    event_lookup,
    failsafe_store,
    fallback_copy,
    frozen_model,
    socketio_session,
)

PREDICTION = {
    "text": "bof",
    "intent": {"name": "nlu_fallback", "confidence": 0.7},
    "intent_ranking": [
        {"name": "nlu_fallback", "confidence": 0.7},
        {"name": "greet", "confidence": 0.4},
        {"name": "thanks", "confidence": 0.1},
    ],
}


def test_importing_components_installs_every_fix():
    assert RemoteAction._validate_action_result is action_response.validate_action_result
    assert Event.resolve_by_type is event_lookup.resolve_by_type
    assert FailSafeTrackerStore.on_tracker_store_error is failsafe_store.propagate
    assert FailSafeTrackerStore.on_tracker_store_retrieve_error is failsafe_store.propagate
    assert fallback_classifier.undo_fallback_prediction is fallback_copy.undo_fallback_prediction
    assert SocketIOInput.blueprint is socketio_session.blueprint
    assert Agent.load_model is frozen_model.load_model


def test_another_rasa_version_is_refused():
    patches.check_version(patches.RASA_VERSION)
    with pytest.raises(RuntimeError, match="3.6.21"):
        patches.check_version("3.7.0")


class Broken(InMemoryTrackerStore):
    """A tracker store whose database is down."""

    async def retrieve(self, sender_id):
        raise ConnectionError("base injoignable")

    async def save(self, tracker):
        raise ConnectionError("base injoignable")


def store_with_hooks(monkeypatch, hooks) -> FailSafeTrackerStore:
    monkeypatch.setattr(FailSafeTrackerStore, "on_tracker_store_error", hooks[0])
    monkeypatch.setattr(FailSafeTrackerStore, "on_tracker_store_retrieve_error", hooks[1])
    return FailSafeTrackerStore(Broken(Domain.empty()))


def test_rasa_answers_from_an_empty_conversation_and_keeps_a_turn_in_memory_ours_raises(monkeypatch):
    tracker = DialogueStateTracker("visiteur", [])
    rasa_store = store_with_hooks(monkeypatch, failsafe_store.ORIGINALS)
    assert asyncio.run(rasa_store.retrieve("visiteur")) is None  # Rasa: as if the conversation were new
    asyncio.run(rasa_store.save(tracker))
    assert asyncio.run(rasa_store.fallback_tracker_store.retrieve("visiteur")) is not None  # kept in memory only

    ours = store_with_hooks(monkeypatch, (failsafe_store.propagate, failsafe_store.propagate))
    with pytest.raises(ConnectionError):
        asyncio.run(ours.retrieve("visiteur"))
    with pytest.raises(ConnectionError):
        asyncio.run(ours.save(tracker))
    assert ours._fallback_tracker_store is None  # nothing went to memory


class NotCopyable:
    """Stands for the spaCy documents in a parse result: copying them is what costs seconds."""

    def __deepcopy__(self, memo):
        raise AssertionError("copie profonde")


def test_undo_fallback_gives_rasas_result_without_copying_the_parse():
    for prediction in (PREDICTION, {**PREDICTION, "intent_ranking": PREDICTION["intent_ranking"][:1]}, {}):
        assert fallback_copy.undo_fallback_prediction(prediction) == fallback_copy.ORIGINAL(prediction)
    heavy = {**PREDICTION, "spacy_doc": NotCopyable()}
    with pytest.raises(AssertionError, match="copie profonde"):
        fallback_copy.ORIGINAL(heavy)
    undone = fallback_copy.undo_fallback_prediction(heavy)
    assert undone["intent"]["name"] == "greet" and heavy["intent"]["name"] == "nlu_fallback"  # input untouched


class Node:
    """An object the collector tracks, that a weak reference can watch."""


def test_what_the_model_loaded_is_frozen_out_of_the_garbage_collector_and_garbage_is_not(monkeypatch):
    loaded, watched = [], []

    def load(agent, model_path, fingerprint=None):
        loaded.append(Node())
        cycle = Node()
        cycle.itself = cycle  # unreachable once load returns: for the collector, not to freeze
        watched.append(weakref.ref(cycle))

    monkeypatch.setattr(frozen_model, "ORIGINAL", load)
    gc.unfreeze()
    try:
        frozen_model.load_model(None, "modele.tar.gz")
        assert watched[0]() is None
        assert gc.get_freeze_count() > 0
        assert not any(o is loaded[0] for o in gc.get_objects())  # in the permanent generation, out of its walks
    finally:
        gc.unfreeze()
    assert any(o is loaded[0] for o in gc.get_objects())
