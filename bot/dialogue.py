"""Decide what to answer from the intent, the words of the message and the conversation context.

The Rasa actions only gather these inputs and send the result; everything that decides lives here so it
can be tested with plain objects. The NLU's intent gives the kind of question; bot.understanding reads the
precise thing asked. The rule throughout: answer exactly what was asked, from knowledge/, or say plainly
that the sources do not have it — never a neighbouring answer.
"""

import dataclasses
import datetime
import re
from pathlib import Path
from typing import List, Optional, Sequence

from bot.answers import Answer, Writer
from bot.fact_replies import FactReplies
from bot.knowledge import Grappe, Knowledge, load_knowledge
from bot.registry import ASPECT_INTENTS, ATTRIBUTE_BY_ID, FACT_ATTRIBUTES, INTENT_BY_NAME, Intent
from bot.resolver import Resolver
from bot.turns import Reply, Turn, aspect_year, split_aspect
from bot.understanding import Question, Reader

__all__ = ["Assistant", "Reply", "Turn"]

MAX_CLUSTERS_PER_ANSWER = 3
# General questions about secretariats that may name one: answer in general, then for that cluster.
_SECRETARIAT_TOPICS = {"role_secretariat", "membres_secretariat", "chantiers"}
# General topics that, asked about a named cluster, are answered as before: in general, then for that cluster.
_NAMED_TOPICS = _SECRETARIAT_TOPICS | {"definition"}
_AGE_QUESTION = re.compile(
    r"\b(plus (ancienne|vieille|jeune|recente)|la derniere (creee|nee|fondee|ajoutee|arrivee|"
    r"venue)|"
    r"(ajoutee|creee|arrivee|nee|fondee|apparue)\b.{0,20}\ben dernier|benjamine|cadette|doyenne|"
    r"ainee|derniere-nee|petite derniere|depuis le plus longtemps|"
    r"ordre (de creation|chronologique)|dans quel ordre|oldest|youngest|newest)\b"
)
# Words of a follow-up that name nothing ("et pour ... ?", "pis ... ?"): what is left names the subject.
_FOLLOW_UP_WORDS = frozenset(
    "et pour pis puis cote alors ok okay aussi pareil meme question idem de du des la le les "
    "l d un une au aux en sur quoi qu ca cela eux elle il ils elles lui what about and "
    "same leur leurs son sa ses est c'est quel quelle qui que chose grappe grappes "
    "secretariat "
    "dans avec chez celle celui aujourd'hui aujourd hui maintenant actuellement today now "
    "avant apres depuis annee an ensuite sinon encore plus autre autres d'autre rien "
    "merci svp grand montreal seulement uniquement juste quebec region metropolitaine canada "
    "province ile metropole".split()
)
_SHORT = 4
# Pointing back at the clusters last discussed together ("Aéro Montréal et AluQuébec"): each of them, or the other.
# A bare "leurs" is not enough: "leurs membres" may be the members of the one organisation in discussion.
_EACH_OF_THEM = re.compile(
    r"\b(respectifs|respectives|respectivement|les deux|des deux|tous deux|toutes deux|tous les deux|"
    r"toutes les deux|l'une? et l'autre|chacune|chacun|both|each)\b"
)
_THE_OTHER = re.compile(r"\b(l'autre|l autre|the other)\b")
_TOPICS_ABOUT_ONE_CLUSTER = {"premiere"}
# Attributes whose facts a visitor may want ranked ("classe les secrétariats selon leur nombre de membres").
_COMPARABLE_ATTRIBUTES = ("membres",)


def _subject(ids: List[str], q: Optional[Question]) -> str:
    """Of several clusters named, the one that stays in discussion: the one named by its secretariat
    ("sur l'aéro et la mode j'ai tout, mais Finance Montréal ?"), else the last one named."""
    by_secretariat = [m.grappe_id for m in q.mentions if m.kind == "secretariat"] if q else []
    if len(ids) == 1 or not q:
        return ids[0]
    return by_secretariat[0] if by_secretariat else ids[-1]


class Assistant:
    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.resolver = Resolver(knowledge.grappes)
        sectors = Resolver(
            phrases=[
                (word, label, "secteur") for label, words in knowledge.sectors_without_grappe.items() for word in words
            ]
        )
        self.reader = Reader(self.resolver, sectors)
        self.writer = Writer(knowledge)
        self.facts = FactReplies(knowledge, self.writer)

    @classmethod
    def from_directory(cls, directory: Optional[Path] = None) -> "Assistant":
        return cls(load_knowledge(directory))

    # --- entry points ----------------------------------------------------------------------------
    def named_clusters(self, text: str, entity_values: Sequence[str] = ()) -> List[str]:
        """Clusters named in the text; failing that, in the NLU entities (button payloads carry ids)."""
        if text and not text.startswith("/"):
            in_text = self.resolver.resolve(text)
            if in_text:
                return in_text
        named: List[str] = []
        for value in entity_values:
            for grappe_id in [value] if self.knowledge.get(str(value)) else self.resolver.resolve(str(value)):
                if grappe_id not in named:
                    named.append(grappe_id)
        return named

    def respond(self, turn: Turn) -> Reply:
        intent = INTENT_BY_NAME.get(turn.intent) or INTENT_BY_NAME["nlu_fallback"]
        context = turn.grappe if self.knowledge.get(turn.grappe or "") else None
        group = tuple(i for i in turn.group if self.knowledge.get(i))
        turn = dataclasses.replace(turn, intent=intent.name, grappe=context, group=group if len(group) > 1 else ())
        if not turn.text or turn.text.startswith("/"):
            return self._grouped(self._button(turn, intent), turn, self.named_clusters(turn.text, turn.entity_values))
        question = self.reader.read(turn.text)
        reply = self._answer(turn, intent, question)
        if question.english:
            reply.answers[0] = self.writer.in_english(reply.answers[0])
        return self._grouped(reply, turn, list(question.clusters))

    @staticmethod
    def _grouped(reply: Reply, turn: Turn, named: List[str]) -> Reply:
        """The clusters discussed together after this turn: those the message named, when several; else the
        group of before, while the one in discussion stays among them ("ok, et Aéro Montréal, fondée quand ?")."""
        if len(named) > 1:
            reply.group = named[:MAX_CLUSTERS_PER_ANSWER]
        elif reply.grappe in turn.group:
            reply.group = list(turn.group)
        return reply

    def clarify(self, text: str, ranked_intents: Sequence[str]) -> Answer:
        named = [self.knowledge.grappe(i) for i in self.named_clusters(text)]
        return self.writer.clarify(named, ranked_intents)

    # --- buttons: the payload says exactly what is wanted ------------------------------------------
    def _button(self, turn: Turn, intent: Intent) -> Reply:
        named = self.named_clusters(turn.text, turn.entity_values)
        if intent.handling == "cluster":
            aspect = intent.aspect or split_aspect(turn.aspect)[0] or "overview"
            return self._cluster_reply(named or ([turn.grappe] if turn.grappe else []), aspect, turn)
        return self._general(turn, intent, named)

    # --- typed messages ---------------------------------------------------------------------------
    def _answer(self, turn: Turn, intent: Intent, q: Question) -> Reply:
        # "et l'année d'avant ?": the figures of the year next to those just given; asked when none was
        year = aspect_year(turn.aspect)
        if q.relative_year and not q.years and year:
            name, measure = split_aspect(turn.aspect)
            q = dataclasses.replace(q, years=(year + q.relative_year,), aspect=name, measure=q.measure or measure)
            intent = INTENT_BY_NAME.get(ASPECT_INTENTS.get(name or "", ""), intent)
        elif q.relative_year and not (q.years or q.measure or q.attribute or q.aspect or q.clusters):
            return Reply([self.writer.which_year()], turn.grappe, turn.aspect)
        asks_something = bool(q.attribute or q.aspect or q.measure or q.comparison or q.years)
        if intent.handling == "social":
            if q.clusters and not asks_something:
                grappe = self.knowledge.grappe(q.clusters[0])
                if intent.name == "greet":
                    return Reply([self.writer.greeting_about(grappe)], grappe.id, "overview")
                return Reply([self.writer.social(intent.name)], grappe.id, turn.aspect)
            if not q.clusters and not q.sector and not q.attribute and not (q.aspect and turn.grappe):
                return Reply([self.writer.social(intent.name)], turn.grappe, turn.aspect)
        remembered, _ = split_aspect(turn.aspect)
        if q.only_when and not q.clusters and remembered in FACT_ATTRIBUTES:
            # "c'était en quelle année ?" after a grant, a merger, a plan: the dates of what was just said.
            if ATTRIBUTE_BY_ID[remembered].general or not turn.grappe:
                return self.facts.general_facts(turn, q, remembered)
            return self.facts.attribute(self.knowledge.grappe(turn.grappe), remembered, q)
        if q.sector and not q.clusters and (q.asks_for_grappe or not q.attribute):
            return Reply([self.writer.no_cluster(q.sector)], turn.grappe, turn.aspect)
        future = [y for y in q.years if y > datetime.date.today().year]
        if future and not (q.attribute and ATTRIBUTE_BY_ID[q.attribute].general):
            about = self.knowledge.get((list(q.clusters) or [turn.grappe or ""])[0])
            return Reply([self.writer.forecast(about, future)], about.id if about else turn.grappe, turn.aspect)
        if (
            remembered in FACT_ATTRIBUTES
            and q.refers_back
            and not (q.clusters or q.attribute or q.measure)
            and (q.aspect is None or (q.aspect == "figures" and not q.years and q.word_count <= 6))
        ):
            # "ça prévoyait quel montant ?", "c'était étalé sur combien d'années ?": more of what was just said.
            if ATTRIBUTE_BY_ID[remembered].general or not turn.grappe:
                return self.facts.general_facts(turn, q, remembered)
            return self.facts.attribute(self.knowledge.grappe(turn.grappe), remembered, q)
        if q.comparison and q.attribute and q.attribute in _COMPARABLE_ATTRIBUTES:
            return self.facts.compare_facts(turn, q, q.attribute)
        if q.comparison and (
            q.measure
            or q.aspect == "figures"
            or len(q.clusters) > 1
            or (q.clusters and turn.grappe and turn.grappe not in q.clusters)
        ):
            return self.facts.comparison(turn, q)
        points_back = bool(turn.grappe) and (q.refers_back or q.follow_up)
        if _AGE_QUESTION.search(q.folded) and not q.clusters and (not points_back or q.general):
            return self.facts.age(turn, q)
        ordinal = self.facts.ordinal_grappe(q)
        if ordinal:
            return ordinal
        if intent.handling in ("topic", "count") and q.years and not q.clusters and not q.refers_back:
            found = self.facts.retrieve(q, None, anywhere=False)  # "en 2007, chaque grappe touchait combien ?"
            if found:
                found.grappe = turn.grappe
                return found
        if q.defines_grappe and not q.attribute:
            return Reply([self.writer.topic("definition")], turn.grappe, "definition")
        if q.counts_grappes and not q.clusters and (split_aspect(turn.aspect)[0] != "figures" or "grappe" in q.folded):
            return self.facts.count(turn, q)
        if q.lists_grappes and not q.clusters and not q.attribute and not q.comparison:
            return Reply([self.writer.grappe_list()], turn.grappe, turn.aspect)
        if intent.topic in _NAMED_TOPICS and q.clusters and not q.attribute:
            return self._general(turn, intent, list(q.clusters))
        attribute = ATTRIBUTE_BY_ID.get(q.attribute or "")
        if attribute and attribute.general and not q.clusters:
            return self.facts.general_facts(turn, q, attribute.id)
        if intent.handling == "topic" and points_back and not q.clusters and not q.general:
            # "ils se disent les premiers de leur genre ?" is about the cluster in discussion, whatever the NLU says.
            found = self.facts.retrieve(q, turn.grappe)
            if found:
                return found
        if not q.clusters and self._names_something_else(q):
            return Reply([self.writer.no_fit()], turn.grappe, turn.aspect)
        if not q.clusters and turn.group:
            each = bool(_EACH_OF_THEM.search(q.folded))
            if each or _THE_OTHER.search(q.folded):
                return self._about_group(turn, intent, q, each)
        targets = self._targets(turn, intent, q)
        if not targets:
            return self._without_cluster(turn, intent, q)
        return self._about(turn, intent, q, targets)

    def _about_group(self, turn: Turn, intent: Intent, q: Question, each: bool) -> Reply:
        """ "et leurs sites respectifs ?" (`each`): the answer for each cluster of the group, one after the other;
        "et l'autre ?": for the one of two that is not in discussion."""
        if not each:
            others = [i for i in turn.group if i != turn.grappe]
            if len(others) != 1:  # three clusters, or none in discussion: which other is not said
                return Reply(
                    [self.writer.ask_which(split_aspect(turn.aspect)[0] or "overview")], turn.grappe, turn.aspect
                )
            return self._about(dataclasses.replace(turn, grappe=others[0]), intent, q, others)
        replies = [self._about(dataclasses.replace(turn, grappe=i), intent, q, [i]) for i in turn.group]
        if any(reply.unclear for reply in replies):  # nothing asked that can be answered for each: ask once
            return replies[0]
        answers = [Answer(a.text) for reply in replies[:-1] for a in reply.answers] + replies[-1].answers
        return Reply(answers, turn.grappe, replies[-1].aspect)  # the buttons of the last answer only

    def _targets(self, turn: Turn, intent: Intent, q: Question) -> List[str]:
        """The clusters the question is about: those it names, or the one in discussion when it points back."""
        if q.clusters:
            return list(q.clusters)
        if not turn.grappe:
            return []
        points_back = q.refers_back or q.follow_up or q.word_count <= _SHORT
        cluster_attribute = q.attribute and not ATTRIBUTE_BY_ID[q.attribute].general
        about_one = cluster_attribute or ((q.measure or q.aspect) and points_back and not q.general)
        if intent.handling in ("topic", "list", "count") and not about_one:
            return []
        if intent.name == "investor_fit" and not (q.attribute or q.measure or (q.follow_up and q.aspect)):
            return []
        if q.general and not q.refers_back:
            return []
        if intent.handling == "cluster" or q.attribute or q.aspect or q.measure or q.years or points_back:
            return [turn.grappe]
        return []

    def _about(self, turn: Turn, intent: Intent, q: Question, targets: List[str]) -> Reply:
        grappe = self.knowledge.grappe(targets[0])
        prefix = self._premise_prefix(q, grappe)
        remembered_name, remembered_measure = split_aspect(turn.aspect)
        if q.attribute and q.general and self.knowledge.facts_about(None, q.attribute):
            return self._prefixed(prefix, self.facts.general_facts(turn, q, q.attribute))  # "chaque grappe pouvait…"
        if q.attribute:
            if q.years and q.aspect == "founding_year":  # "la neuvième grappe, créée en 2015 ?"
                prefix = (prefix + "\n" if prefix else "") + self.writer.premise_founding(grappe, q.years[0])
            return self._prefixed(prefix, self.facts.attribute(grappe, q.attribute, q))
        if intent.name == "investor_fit" and q.clusters:
            return self._cluster_reply(targets, "fit", turn, q)
        claimed = self._claimed_secretariat(q, grappe)
        if claimed:  # "le secrétariat de la mode, c'est bien Finance Montréal ?"
            prefix = (prefix + "\n" if prefix else "") + self.writer.premise_secretariat(grappe, claimed)
            return self._prefixed(prefix, self._cluster_reply([grappe.id], "secretariat", turn))
        aspect = intent.aspect if intent.aspect not in (None, "overview", "fit") else q.aspect
        measure = q.measure
        if measure and q.aspect in (None, "figures"):
            aspect = "figures"  # "combien d'argent injecté…": what is counted says more than the NLU's guess
        if aspect is None and measure is None and not q.years and self._has_content(q):
            found = self.facts.retrieve(q, grappe.id)  # "c'tu eux autres qui veulent doubler la transformation ?"
            if found:
                return self._prefixed(prefix, found)
        if (
            aspect is None
            and measure is None
            and remembered_name
            and (
                q.follow_up
                or intent.name == "inform_grappe"
                or q.word_count <= _SHORT
                or (not q.clusters and q.refers_back)
            )
        ):
            aspect, measure = remembered_name, remembered_measure
        if q.counted and not q.measure and aspect in (None, "figures"):
            # "combien de conteneurs ?"
            return self._prefixed(prefix, self.facts.figures(grappe, None, q.years, q.counted))
        if aspect == "figures" and measure is None and remembered_name == "figures" and q.follow_up:
            measure = remembered_measure  # "et l'aérospatiale, ça donne combien ?" keeps what was counted
        if aspect is None and q.years and remembered_name == "figures":
            aspect, measure = "figures", measure or remembered_measure
        if aspect is None and measure:
            aspect = "figures"
        if aspect == "founding_year" and q.years and (q.aspect == "founding_year" or q.premise):
            prefix = (prefix + "\n" if prefix else "") + self.writer.premise_founding(grappe, q.years[0])
        if aspect == "figures":
            return self._prefixed(prefix, self.facts.figures(grappe, measure, q.years))
        if aspect in ("domain", None) and intent.name in (
            "grappe_overview",
            "inform_grappe",
            "nlu_fallback",
            "out_of_scope",
            "english",
            "greet",
            "thanks",
        ):
            found = self.facts.retrieve(q, grappe.id)
            if found:
                return self._prefixed(prefix, found)
        if aspect in (None, "domain"):
            if intent.handling == "fallback" and not q.clusters and not q.refers_back:
                return self._not_understood(turn, q)
            aspect = "overview"
        if aspect in ATTRIBUTE_BY_ID:
            return self._prefixed(prefix, self.facts.attribute(grappe, aspect, q))
        return self._prefixed(prefix, self._cluster_reply(targets, aspect, turn, q))

    # --- pieces --------------------------------------------------------------------------------
    def _cluster_reply(self, ids: List[str], aspect: str, turn: Turn, q: Optional[Question] = None) -> Reply:
        remembered = "overview" if aspect == "fit" else aspect
        if not ids:
            answer = self.writer.no_fit() if aspect == "fit" else self.writer.ask_which(aspect)
            return Reply([answer], turn.grappe, remembered)
        grappes = [self.knowledge.grappe(i) for i in ids[:MAX_CLUSTERS_PER_ANSWER]]
        return Reply([self.writer.cluster_answer(grappes, aspect)], _subject(ids, q), remembered)

    def _claimed_secretariat(self, q: Question, grappe: Grappe) -> Optional[Grappe]:
        """A secretariat named for a cluster it does not run: the cluster is named by its sector, another
        cluster by its secretariat, and the question is about the secretariat."""
        if q.aspect != "secretariat" or not any(
            m.kind != "secretariat" and m.grappe_id == grappe.id for m in q.mentions
        ):
            return None
        other = next((m.grappe_id for m in q.mentions if m.kind == "secretariat" and m.grappe_id != grappe.id), None)
        return self.knowledge.get(other) if other else None

    def _premise_prefix(self, q: Question, grappe: Grappe) -> str:
        """A false premise stated in the question, corrected before the answer."""
        if not q.premise:
            return ""
        first = min(self.knowledge.grappes, key=lambda g: g.secretariat.fondation)
        if q.claims_oldest and grappe.id != first.id:
            return self.writer.premise_oldest(grappe, first)
        return ""

    def _without_cluster(self, turn: Turn, intent: Intent, q: Question) -> Reply:
        """No cluster named and none to point back to."""
        attribute = ATTRIBUTE_BY_ID.get(q.attribute or "")
        if attribute and attribute.id == "prevision":
            return Reply([self.writer.forecast(None, q.years)], turn.grappe, turn.aspect)
        if attribute and attribute.known:
            if self.knowledge.facts_about(None, attribute.id):  # "qui finance les secrétariats ?"
                return self.facts.general_facts(turn, q, attribute.id)
            # "À quel secrétariat la CMM a-t-elle versé 35 000 $ ?": the fact itself names the cluster.
            found = self.facts.retrieve(q, None, attribute=attribute.id)
            if found:
                return found
        if (
            q.asks_for_grappe
            and intent.handling != "social"
            and not (q.lists_grappes or q.counts_grappes or q.defines_grappe or q.aspect)
        ):
            return Reply([self.writer.no_fit()], turn.grappe, turn.aspect)  # "les maraîchers ont une grappe ?"
        if intent.handling == "topic":
            closer = self.facts.closer_than(q, self.writer.topic(intent.topic or "").text)
            if closer:
                closer.grappe = turn.grappe
                return closer
        if intent.handling in ("topic", "list", "count"):
            return self._general(turn, intent, [])
        if intent.handling == "social":
            return Reply([self.writer.social(intent.name)], turn.grappe, turn.aspect)
        if intent.name == "investor_fit" or q.asks_for_grappe or self._names_something_else(q):
            return Reply([self.writer.no_fit()], turn.grappe, turn.aspect)
        found = None if q.aspect else self.facts.retrieve(q, None)
        if found:
            return found
        if intent.handling == "cluster" or q.attribute or q.aspect:
            aspect = intent.aspect if intent.aspect not in (None, "fit") else (q.aspect or "overview")
            return Reply([self.writer.ask_which(aspect if aspect != "domain" else "overview")], None, aspect)
        return self._not_understood(turn, q)

    def _names_something_else(self, q: Question) -> bool:
        """ "et pour les salons de quilles ?": a follow-up whose subject is none of ours."""
        if not q.new_subject or q.attribute or q.aspect or q.measure or q.years:
            return False
        return self._has_content(q)

    @staticmethod
    def _has_content(q: Question) -> bool:
        """Words beyond those of a follow-up, a pronoun and the clusters named: the message says something new."""
        named = " ".join(q.folded[m.char_start : m.char_end] for m in q.mentions)
        return any(
            word not in _FOLLOW_UP_WORDS and len(word) > 2 and word not in named
            for word in re.findall(r"[a-z]+", q.folded)
        )

    def _not_understood(self, turn: Turn, q: Question) -> Reply:
        if turn.intent == "out_of_scope":
            return Reply([self.writer.out_of_scope()], turn.grappe, turn.aspect)
        if q.english:
            return Reply([self.writer.grappe_list()], turn.grappe, turn.aspect)
        if turn.unclear:
            return Reply([self.writer.rephrase()], turn.grappe, turn.aspect, unclear=False)
        answer = self.clarify(turn.text, turn.ranking)
        return Reply([answer], turn.grappe, turn.aspect, unclear=True)

    def _general(self, turn: Turn, intent: Intent, named: List[str]) -> Reply:
        """General questions (topics, the list, the count) and the buttons that ask them."""
        context = turn.grappe
        if intent.handling == "social":
            return Reply([self.writer.social(intent.name)], context, turn.aspect)
        if intent.handling == "list":
            return Reply([self.writer.grappe_list()], context, turn.aspect)
        if intent.handling == "count":
            return Reply([self.writer.count()], context, turn.aspect)
        if intent.name == "out_of_scope":
            return Reply([self.writer.out_of_scope()], context, turn.aspect)
        if intent.name == "english":
            return Reply([self.writer.english()], context, turn.aspect)
        if intent.handling != "topic":
            return Reply([self.writer.clarify([], turn.ranking)], context, turn.aspect, unclear=True)
        if intent.topic == "definition" and named:
            return self._cluster_reply(named, "overview", turn)
        answers = [self.writer.topic(intent.topic or "")]
        if intent.topic in _SECRETARIAT_TOPICS and named:
            grappes = [self.knowledge.grappe(i) for i in named[:MAX_CLUSTERS_PER_ANSWER]]
            answers.append(self.writer.cluster_answer(grappes, "secretariat"))
            context = named[0]
        elif intent.topic in _TOPICS_ABOUT_ONE_CLUSTER:
            # The cluster a general answer is about (the first grappe) becomes the one in discussion.
            about = self.resolver.resolve(answers[0].text)
            if len(about) == 1:
                context = about[0]
        return Reply(answers, context, turn.aspect)

    @staticmethod
    def _prefixed(prefix: str, reply: Reply) -> Reply:
        if prefix:
            first = reply.answers[0]
            reply.answers[0] = Answer(f"{prefix}\n{first.text}", first.buttons)
        return reply
