"""Once Rasa 3.6 has loaded a model, about a million Python objects (TensorFlow, spaCy, the graph, the knowledge)
live as long as the server, and Python's garbage collector walks them all at every full collection: about 0.3 s
during which the server answers nobody, once every few hundred messages (issue 13: one such pause more or less
in a measuring window moved the bench's throughput by several per cent). Rasa never collects or freezes them.

After `Agent.load_model` this collects once, then `gc.freeze()`s what is left: the loaded model's objects leave
the collector's generations, so a full collection walks only what conversations created since. Frozen objects are
still freed when nothing refers to them any more; only reference cycles among them would outlive their use, which
matters only if the server loaded model after model (its API, off here, can replace the model). ORIGINAL is
Rasa's, for tests/components/ to compare against.
"""

import gc
from pathlib import Path
from typing import Optional, Text, Union

from rasa.core.agent import Agent

ORIGINAL = Agent.load_model


def load_model(agent: Agent, model_path: Union[Text, Path], fingerprint: Optional[Text] = None) -> None:
    ORIGINAL(agent, model_path, fingerprint)
    gc.collect()
    gc.freeze()


def install() -> None:
    Agent.load_model = load_model  # type: ignore[method-assign]
