"""Rasa NLU component: the `grappe` entity, found by bot/'s resolver.

The resolver knows every keyword of knowledge/ and tolerates typos, so the entity
the NLU reports is the cluster the actions will answer about. It needs no training;
a new keyword takes effect when Rasa restarts.
"""

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.knowledge import load_knowledge
from bot.resolver import Resolver

ENTITY = "grappe"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class GrappeEntityExtractor(GraphComponent, EntityExtractorMixin):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "GrappeEntityExtractor":
        return cls()

    def __init__(self) -> None:
        self.resolver = Resolver(load_knowledge().grappes)

    def entities(self, text: Text) -> List[Dict[Text, Any]]:
        return [
            {
                "entity": ENTITY,
                "value": m.grappe_id,
                "start": m.char_start,
                "end": m.char_end,
                "confidence": 1.0 if m.exact else 0.8,
            }
            for m in self.resolver.mentions(text)
        ]

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            found = self.add_extractor_name(self.entities(text))
            message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages
