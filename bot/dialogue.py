"""Decide what to answer from the intent, the text and the conversation context.

The Rasa actions only gather these inputs and send the result; everything that
decides lives here so it can be tested with plain objects.
"""
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

from bot.answers import ASPECT_INTENTS, Answer, Writer
from bot.knowledge import Knowledge, load_knowledge
from bot.resolver import Resolver

CLUSTER_INTENTS = {intent: aspect for aspect, intent in ASPECT_INTENTS.items()}
FOLLOW_UP_INTENT = "inform_grappe"
GENERAL_TOPICS = {
    "define_grappe": "definition",
    "count_grappes": "nombre",
    "first_grappe": "premiere",
    "secretariat_role": "role_secretariat",
    "secretariat_members": "membres_secretariat",
    "chantiers": "chantiers",
    "benefits": "retombees",
    "about_cmm": "cmm",
    "history": "historique",
    "funding": "financement",
}
# General questions about secretariats that may name one: answer in general, then for that cluster.
_SECRETARIAT_TOPICS = {"role_secretariat", "membres_secretariat", "chantiers"}
MAX_CLUSTERS_PER_ANSWER = 3


@dataclass(frozen=True)
class Turn:
    """What the action read from the tracker."""
    intent: str
    text: str = ""
    entity_values: Sequence[str] = ()
    grappe: Optional[str] = None
    aspect: Optional[str] = None


@dataclass
class Reply:
    answers: List[Answer]
    grappe: Optional[str] = None
    aspect: Optional[str] = None
    extra: dict = field(default_factory=dict)


class Assistant:
    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.resolver = Resolver(knowledge.grappes)
        self.writer = Writer(knowledge)

    @classmethod
    def from_directory(cls, directory=None) -> "Assistant":
        return cls(load_knowledge(directory))

    def named_clusters(self, text: str, entity_values: Sequence[str] = ()) -> List[str]:
        """Clusters named in the text; failing that, in the NLU entities (button payloads carry ids)."""
        if text and not text.startswith("/"):
            named = self.resolver.resolve(text)
            if named:
                return named
        named = []
        for value in entity_values:
            for grappe_id in ([value] if self.knowledge.get(str(value)) else self.resolver.resolve(str(value))):
                if grappe_id not in named:
                    named.append(grappe_id)
        return named

    def respond(self, turn: Turn) -> Reply:
        named = self.named_clusters(turn.text, turn.entity_values)
        if turn.intent in CLUSTER_INTENTS or turn.intent == FOLLOW_UP_INTENT:
            return self._about_clusters(turn, named)
        # A general question keeps the cluster in discussion ("qui finance les grappes" is not about finance).
        context = turn.grappe
        if turn.intent == "list_grappes":
            return Reply([self.writer.grappe_list()], context, turn.aspect)
        if turn.intent == "count_grappes":
            return Reply([self.writer.count()], context, turn.aspect)
        if turn.intent == "out_of_scope":
            # Off-topic words around a cluster name are more likely a clumsy question about it.
            answer = self.writer.clarify([self.knowledge.get(i) for i in named], []) if named \
                else self.writer.out_of_scope()
            return Reply([answer], context, turn.aspect)
        if turn.intent == "english":
            return Reply([self.writer.english()], context, turn.aspect)
        topic = GENERAL_TOPICS.get(turn.intent)
        if topic is None:
            return Reply([self.writer.ask_which("overview")], context, turn.aspect)
        if topic == "definition" and named:
            return self._about_clusters(Turn("grappe_overview", turn.text), named)
        answers = [self.writer.topic(topic)]
        if topic in _SECRETARIAT_TOPICS and named:
            answers.append(self._cluster_answer(named, "secretariat"))
            context = named[0]
        return Reply(answers, context, turn.aspect)

    def _about_clusters(self, turn: Turn, named: List[str]) -> Reply:
        aspect = CLUSTER_INTENTS.get(turn.intent) or turn.aspect or "overview"
        ids = named or ([turn.grappe] if self.knowledge.get(turn.grappe or "") else [])
        # An activity is matched once; a follow-up about another cluster is about the cluster itself.
        remembered = "overview" if aspect == "fit" else aspect
        if not ids:
            answer = self.writer.no_fit() if aspect == "fit" else self.writer.ask_which(aspect)
            return Reply([answer], turn.grappe, remembered)
        return Reply([self._cluster_answer(ids, aspect)], ids[0], remembered)

    def _cluster_answer(self, ids: List[str], aspect: str) -> Answer:
        grappes = [self.knowledge.get(i) for i in ids[:MAX_CLUSTERS_PER_ANSWER]]
        return self.writer.cluster_answer(grappes, aspect)

    def clarify(self, text: str, ranked_intents: Sequence[str]) -> Answer:
        named = [self.knowledge.get(i) for i in self.named_clusters(text)]
        return self.writer.clarify(named, ranked_intents)
