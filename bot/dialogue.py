"""Decide what to answer from the intent, the words of the message and the conversation context.

The Rasa actions only gather these inputs and send the result; everything that decides lives here so it
can be tested with plain objects. The NLU's intent gives the kind of question; bot.understanding reads the
precise thing asked. The rule throughout: answer exactly what was asked, from knowledge/, or say plainly
that the sources do not have it — never a neighbouring answer.
"""
import datetime
import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from bot.answers import Answer, Writer
from bot.knowledge import Figure, Grappe, Knowledge, load_knowledge
from bot.registry import ATTRIBUTE_BY_ID, FACT_ATTRIBUTES, INTENT_BY_NAME, MEASURE_WORDS_IN_FIGURES, Intent
from bot.resolver import Resolver
from bot.retrieval import THRESHOLD, FactIndex, Hit
from bot.text import fold
from bot.understanding import Question, Reader

MAX_CLUSTERS_PER_ANSWER = 3
# General questions about secretariats that may name one: answer in general, then for that cluster.
_SECRETARIAT_TOPICS = {"role_secretariat", "membres_secretariat", "chantiers"}
# General topics that, asked about a named cluster, are answered as before: in general, then for that cluster.
_NAMED_TOPICS = _SECRETARIAT_TOPICS | {"definition"}
_CONTACT = ("telephone", "courriel")
_ORDINALS = {"premiere": 1, "deuxieme": 2, "troisieme": 3, "quatrieme": 4, "cinquieme": 5, "sixieme": 6,
             "septieme": 7, "huitieme": 8, "neuvieme": 9, "dixieme": 10}
_ORDINAL_GRAPPE = re.compile(r"\b(" + "|".join(_ORDINALS) + r"|\d+e) (grappe|a voir|a etre)")
_AGE_QUESTION = re.compile(r"\b(plus (ancienne|vieille|jeune|recente)|la derniere (creee|nee|fondee|ajoutee|arrivee|venue)|"
                           r"ordre (de creation|chronologique)|dans quel ordre|oldest|youngest|newest)\b")
# Words of a follow-up that name nothing ("et pour ... ?", "pis ... ?"): what is left names the subject.
_FOLLOW_UP_WORDS = frozenset("et pour pis puis cote alors ok okay aussi pareil meme question idem de du des la le les "
                             "l d un une au aux en sur quoi qu ca cela eux elle il ils elles lui what about and "
                             "same leur leurs son sa ses est c'est quel quelle qui que chose grappe grappes secretariat "
                             "dans avec chez celle celui aujourd'hui aujourd hui maintenant actuellement today now "
                             "avant apres depuis annee an ensuite sinon encore plus autre autres d'autre rien "
                             "merci svp".split())
_SHORT = 4
CLOSER = 0.6   # retrieval score above which a fact of another attribute is shown first (see _closer_fact)
_TOPICS_ABOUT_ONE_CLUSTER = {"premiere"}
# Attributes whose facts a visitor may want ranked ("classe les secrétariats selon leur nombre de membres").
_COMPARABLE_ATTRIBUTES = ("membres",)


@dataclass(frozen=True)
class Turn:
    """What the action read from the tracker."""
    intent: str
    text: str = ""
    entity_values: Sequence[str] = ()
    grappe: Optional[str] = None
    aspect: Optional[str] = None
    ranking: Sequence[str] = ()
    unclear: bool = False       # the previous answer already asked to clarify


@dataclass
class Reply:
    answers: List[Answer]
    grappe: Optional[str] = None
    aspect: Optional[str] = None
    unclear: bool = False


def _figure_measure(figure: Figure, measure: str) -> bool:
    text = fold(figure.valeur)
    return any(word in text for word in MEASURE_WORDS_IN_FIGURES[measure])


def _split_aspect(aspect: Optional[str]) -> Tuple[Optional[str], Optional[str]]:
    """The remembered aspect "figures:emplois" -> ("figures", "emplois")."""
    if not aspect:
        return None, None
    name, _, measure = aspect.partition(":")
    return name, measure or None


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
        sectors = Resolver(phrases=[(word, label, "secteur")
                                    for label, words in knowledge.sectors_without_grappe.items() for word in words])
        self.reader = Reader(self.resolver, sectors)
        self.writer = Writer(knowledge)
        self.index = FactIndex(knowledge)

    @classmethod
    def from_directory(cls, directory=None) -> "Assistant":
        return cls(load_knowledge(directory))

    # --- entry points ----------------------------------------------------------------------------
    def named_clusters(self, text: str, entity_values: Sequence[str] = ()) -> List[str]:
        """Clusters named in the text; failing that, in the NLU entities (button payloads carry ids)."""
        if text and not text.startswith("/"):
            named = self.resolver.resolve(text)
            if named:
                return named
        named: List[str] = []
        for value in entity_values:
            for grappe_id in ([value] if self.knowledge.get(str(value)) else self.resolver.resolve(str(value))):
                if grappe_id not in named:
                    named.append(grappe_id)
        return named

    def respond(self, turn: Turn) -> Reply:
        intent = INTENT_BY_NAME.get(turn.intent) or INTENT_BY_NAME["nlu_fallback"]
        context = turn.grappe if self.knowledge.get(turn.grappe or "") else None
        turn = Turn(intent.name, turn.text, turn.entity_values, context, turn.aspect, turn.ranking, turn.unclear)
        if not turn.text or turn.text.startswith("/"):
            return self._button(turn, intent)
        question = self.reader.read(turn.text)
        reply = self._answer(turn, intent, question)
        if question.english:
            reply.answers[0] = self.writer.in_english(reply.answers[0])
        return reply

    def clarify(self, text: str, ranked_intents: Sequence[str]) -> Answer:
        named = [self.knowledge.get(i) for i in self.named_clusters(text)]
        return self.writer.clarify(named, ranked_intents)

    # --- buttons: the payload says exactly what is wanted ------------------------------------------
    def _button(self, turn: Turn, intent: Intent) -> Reply:
        named = self.named_clusters(turn.text, turn.entity_values)
        if intent.handling == "cluster":
            aspect = intent.aspect or _split_aspect(turn.aspect)[0] or "overview"
            return self._cluster_reply(named or ([turn.grappe] if turn.grappe else []), aspect, turn)
        return self._general(turn, intent, named)

    # --- typed messages ---------------------------------------------------------------------------
    def _answer(self, turn: Turn, intent: Intent, q: Question) -> Reply:
        asks_something = bool(q.attribute or q.aspect or q.measure or q.comparison or q.years)
        if intent.handling == "social":
            if q.clusters and not asks_something:
                grappe = self.knowledge.get(q.clusters[0])
                if intent.name == "greet":
                    return Reply([self.writer.greeting_about(grappe)], grappe.id, "overview")
                return Reply([self.writer.social(intent.name)], grappe.id, turn.aspect)
            if not q.clusters and not q.sector and not q.attribute and not (q.aspect and turn.grappe):
                return Reply([self.writer.social(intent.name)], turn.grappe, turn.aspect)
        remembered, _ = _split_aspect(turn.aspect)
        if q.only_when and not q.clusters and remembered in FACT_ATTRIBUTES:
            # "c'était en quelle année ?" after a grant, a merger, a plan: the dates of what was just said.
            if ATTRIBUTE_BY_ID[remembered].general or not turn.grappe:
                return self._general_facts(turn, q, remembered)
            return self._attribute(self.knowledge.get(turn.grappe), remembered, q)
        if q.sector and not q.clusters and (q.asks_for_grappe or not q.attribute):
            return Reply([self.writer.no_cluster(q.sector)], turn.grappe, turn.aspect)
        future = [y for y in q.years if y > datetime.date.today().year]
        if future and not (q.attribute and ATTRIBUTE_BY_ID[q.attribute].general):
            grappe = self.knowledge.get((list(q.clusters) or [turn.grappe or ""])[0])
            return Reply([self.writer.forecast(grappe, future)], grappe.id if grappe else turn.grappe, turn.aspect)
        if remembered in FACT_ATTRIBUTES and q.refers_back and not (q.clusters or q.attribute or q.measure) \
                and (q.aspect is None or (q.aspect == "figures" and not q.years and len(q.folded.split()) <= 6)):
            # "ça prévoyait quel montant ?", "c'était étalé sur combien d'années ?": more of what was just said.
            if ATTRIBUTE_BY_ID[remembered].general or not turn.grappe:
                return self._general_facts(turn, q, remembered)
            return self._attribute(self.knowledge.get(turn.grappe), remembered, q)
        if q.comparison and q.attribute in _COMPARABLE_ATTRIBUTES:
            return self._compare_facts(turn, q)
        if q.comparison and (q.measure or q.aspect == "figures" or len(q.clusters) > 1
                             or (q.clusters and turn.grappe and turn.grappe not in q.clusters)):
            return self._comparison(turn, q)
        points_back = bool(turn.grappe) and (q.refers_back or q.follow_up)
        if _AGE_QUESTION.search(q.folded) and not q.clusters and not points_back:
            return self._age(turn, q)
        ordinal = self._ordinal_grappe(q)
        if ordinal:
            return ordinal
        if intent.handling in ("topic", "count") and q.years and not q.clusters and not q.refers_back:
            found = self._retrieve(q, None, anywhere=False)   # "en 2007, chaque grappe touchait combien ?"
            if found:
                found.grappe = turn.grappe
                return found
        if q.counts_grappes and not q.clusters:
            return self._count(turn, q)
        if q.lists_grappes and not q.clusters and not q.attribute and not q.comparison:
            return Reply([self.writer.grappe_list()], turn.grappe, turn.aspect)
        if intent.topic in _NAMED_TOPICS and q.clusters and not q.attribute:
            return self._general(turn, intent, list(q.clusters))
        attribute = ATTRIBUTE_BY_ID.get(q.attribute or "")
        if attribute and attribute.general and not q.clusters:
            return self._general_facts(turn, q, attribute.id)
        if intent.handling == "topic" and points_back and not q.clusters and not q.general:
            # "ils se disent les premiers de leur genre ?" is about the cluster in discussion, whatever the NLU says.
            found = self._retrieve(q, turn.grappe)
            if found:
                return found
        if not q.clusters and self._names_something_else(q):
            return Reply([self.writer.no_fit()], turn.grappe, turn.aspect)
        targets = self._targets(turn, intent, q)
        if not targets:
            return self._without_cluster(turn, intent, q)
        return self._about(turn, intent, q, targets)

    def _targets(self, turn: Turn, intent: Intent, q: Question) -> List[str]:
        """The clusters the question is about: those it names, or the one in discussion when it points back."""
        if q.clusters:
            return list(q.clusters)
        if not turn.grappe:
            return []
        points_back = q.refers_back or q.follow_up or len(q.folded.split()) <= _SHORT
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
        grappe = self.knowledge.get(targets[0])
        prefix = self._premise_prefix(q, grappe)
        remembered_name, remembered_measure = _split_aspect(turn.aspect)
        if q.attribute:
            if q.years and q.aspect == "founding_year":   # "la neuvième grappe, créée en 2015 ?"
                prefix = (prefix + "\n" if prefix else "") + self.writer.premise_founding(grappe, q.years[0])
            return self._prefixed(prefix, self._attribute(grappe, q.attribute, q))
        if intent.name == "investor_fit" and q.clusters:
            return self._cluster_reply(targets, "fit", turn, q)
        claimed = self._claimed_secretariat(q, grappe)
        if claimed:   # "le secrétariat de la mode, c'est bien Finance Montréal ?"
            prefix = (prefix + "\n" if prefix else "") + self.writer.premise_secretariat(grappe, claimed)
            return self._prefixed(prefix, self._cluster_reply([grappe.id], "secretariat", turn))
        aspect = intent.aspect if intent.aspect not in (None, "overview", "fit") else q.aspect
        measure = q.measure
        if measure and q.aspect in (None, "figures"):
            aspect = "figures"   # "combien d'argent injecté…": what is counted says more than the NLU's guess
        if aspect is None and measure is None and not q.years and self._has_content(q):
            found = self._retrieve(q, grappe.id)   # "c'tu eux autres qui veulent doubler la transformation ?"
            if found:
                return self._prefixed(prefix, found)
        if aspect is None and measure is None and remembered_name \
                and (q.follow_up or intent.name == "inform_grappe" or len(q.folded.split()) <= _SHORT or
                     (not q.clusters and q.refers_back)):
            aspect, measure = remembered_name, remembered_measure
        if aspect == "figures" and measure is None and remembered_name == "figures" and q.follow_up:
            measure = remembered_measure   # "et l'aérospatiale, ça donne combien ?" keeps what was counted
        if aspect is None and q.years and remembered_name == "figures":
            aspect, measure = "figures", measure or remembered_measure
        if aspect is None and measure:
            aspect = "figures"
        if aspect == "founding_year" and q.years and (q.aspect == "founding_year" or q.premise):
            prefix = (prefix + "\n" if prefix else "") + self.writer.premise_founding(grappe, q.years[0])
        if aspect == "figures":
            return self._prefixed(prefix, self._figures(grappe, measure, q.years))
        if aspect in ("domain", None) and intent.name in ("grappe_overview", "inform_grappe", "nlu_fallback",
                                                          "out_of_scope", "english", "greet", "thanks"):
            found = self._retrieve(q, grappe.id)
            if found:
                return self._prefixed(prefix, found)
        if aspect in (None, "domain"):
            if intent.handling == "fallback" and not q.clusters and not q.refers_back:
                return self._not_understood(turn, q)
            aspect = "overview"
        if aspect in ATTRIBUTE_BY_ID:
            return self._prefixed(prefix, self._attribute(grappe, aspect, q))
        return self._prefixed(prefix, self._cluster_reply(targets, aspect, turn, q))

    # --- pieces --------------------------------------------------------------------------------
    def _cluster_reply(self, ids: List[str], aspect: str, turn: Turn, q: Optional[Question] = None) -> Reply:
        remembered = "overview" if aspect == "fit" else aspect
        if not ids:
            answer = self.writer.no_fit() if aspect == "fit" else self.writer.ask_which(aspect)
            return Reply([answer], turn.grappe, remembered)
        grappes = [self.knowledge.get(i) for i in ids[:MAX_CLUSTERS_PER_ANSWER]]
        return Reply([self.writer.cluster_answer(grappes, aspect)], _subject(ids, q), remembered)

    def _attribute(self, grappe: Grappe, attribute_id: str, q: Question) -> Reply:
        attribute = ATTRIBUTE_BY_ID[attribute_id]
        if attribute_id == "prevision":
            return Reply([self.writer.forecast(grappe, q.years)], grappe.id, attribute_id)
        if not attribute.known:
            return Reply([self.writer.not_in_sources(grappe, attribute_id)], grappe.id, attribute_id)
        if attribute.general:
            general = self.knowledge.facts_about(None, attribute_id)
            if general:
                return Reply([self.writer.facts(None, general, attribute_id)], grappe.id, attribute_id)
        wanted = _CONTACT if attribute_id in _CONTACT else (attribute_id,)
        facts = [f for a in wanted for f in self.knowledge.facts_about(grappe.id, a)]
        if q.years:
            facts = [f for f in facts if f.annee in q.years] or facts
        if attribute_id == "appellation":
            return Reply([self.writer.names(grappe, facts)], grappe.id, attribute_id)
        closer = self._closer_fact(q, grappe.id, facts)
        if closer:
            facts = [closer] + facts
        if facts:
            return Reply([self.writer.facts(grappe, facts, attribute_id)], grappe.id, attribute_id)
        general = self.knowledge.facts_about(None, attribute_id)
        return Reply([self.writer.not_in_sources(grappe, attribute_id, general)], grappe.id, attribute_id)

    def _closer_fact(self, q: Question, grappe_id: str, facts: Sequence) -> Optional[object]:
        """A fact filed under another attribute that matches the question much better than the attribute's own
        ("le Grand chantier de 2025, c'était quel jour ?" is a date kept with the cluster's other names)."""
        names = [q.folded[m.char_start:m.char_end] for m in q.mentions]
        hits = self.index.search(q.folded, grappe_id, ignore=names)
        if not hits or hits[0].score < CLOSER or hits[0].item in facts:
            return None
        own = max((h.score for h in hits if h.item in facts), default=0.0)
        return hits[0].item if hits[0].score > 1.5 * own else None

    def _figures(self, grappe: Grappe, measure: Optional[str], years: Sequence[int]) -> Reply:
        remembered = f"figures:{measure}" if measure else "figures"
        figures = [f for f in grappe.chiffres if measure is None or _figure_measure(f, measure)]
        future = [y for y in years if y > datetime.date.today().year]
        if future:
            return Reply([self.writer.forecast(grappe, future)], grappe.id, remembered)
        if not figures:
            notes = [f for f in self.knowledge.facts if f.grappe == grappe.id and measure
                     and any(w in fold(f.texte) for w in MEASURE_WORDS_IN_FIGURES[measure])]
            answer = self.writer.figure_not_in_sources(grappe, measure, years, [], notes)
            return Reply([answer], grappe.id, remembered)
        if years:
            exact = [f for f in figures if f.annee in years]
            if not exact:
                answer = self.writer.figure_not_in_sources(grappe, measure, years, figures)
                return Reply([answer], grappe.id, remembered)
            figures = exact
        answer = self.writer.with_buttons(grappe, self.writer.figures_text(grappe, figures), "figures")
        return Reply([answer], grappe.id, remembered)

    def _comparison(self, turn: Turn, q: Question) -> Reply:
        """Which is bigger: the clusters named (with the one in discussion when only one is named), or all."""
        remembered_name, remembered_measure = _split_aspect(turn.aspect)
        measure = q.measure or (remembered_measure if remembered_name == "figures" else None)
        ids = list(q.clusters)
        if len(ids) == 1 and turn.grappe and turn.grappe not in ids:
            ids.insert(0, turn.grappe)
        if len(ids) < 2:
            ids = [g.id for g in self.knowledge.grappes]
        grappes = [self.knowledge.get(i) for i in ids]
        latest = []
        for grappe in grappes:
            figures = [f for f in grappe.chiffres if measure is None or _figure_measure(f, measure)]
            latest.append((grappe, max(figures, key=lambda f: f.annee or 0) if figures else None))
        return Reply([self.writer.comparison(grappes, latest, measure)], turn.grappe,
                     f"figures:{measure}" if measure else "figures")

    def _compare_facts(self, turn: Turn, q: Question) -> Reply:
        """A ranking on an attribute: not comparable as such; each cluster's facts of that attribute instead."""
        grappes = [self.knowledge.get(i) for i in q.clusters] if len(q.clusters) > 1 else list(self.knowledge.grappes)
        rows = [(g, self.knowledge.facts_about(g.id, q.attribute)) for g in grappes]
        return Reply([self.writer.compare_facts(rows, q.attribute)], turn.grappe, q.attribute)

    def _claimed_secretariat(self, q: Question, grappe: Grappe) -> Optional[Grappe]:
        """A secretariat named for a cluster it does not run: the cluster is named by its sector, another
        cluster by its secretariat, and the question is about the secretariat."""
        if q.aspect != "secretariat" or not any(m.kind != "secretariat" and m.grappe_id == grappe.id
                                                for m in q.mentions):
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

    def _ordinal_grappe(self, q: Question) -> Optional[Reply]:
        """"La dixième grappe, c'est laquelle ?": the cluster whose rank fact says so becomes the subject."""
        match = _ORDINAL_GRAPPE.search(q.folded)
        if not match or q.clusters:
            return None
        word = match.group(1)
        for fact in self.knowledge.facts:
            if fact.attribut == "rang" and fact.grappe and re.search(rf"\b{word}\b", fold(fact.texte)):
                grappe = self.knowledge.get(fact.grappe)
                text = self.writer.about(grappe, "overview")
                answer = self.writer.facts(grappe, [fact], "rang")
                return Reply([Answer(answer.text + "\n\n" + text, answer.buttons)], grappe.id, "overview")
        return None

    def _age(self, turn: Turn, q: Question) -> Reply:
        """"La plus jeune des grappes ?": the order of creation; the cluster it points to is now in discussion."""
        among = self.knowledge.official if re.search(r"\b(neuf|9)\b", q.folded) else self.knowledge.grappes
        if re.search(r"\b(jeune|recente|derniere|youngest|newest)\b", q.folded):
            pointed = max(among, key=lambda g: g.secretariat.fondation)
        elif re.search(r"\b(ancienne|vieille|premiere|oldest)\b", q.folded):
            pointed = min(among, key=lambda g: g.secretariat.fondation)
        else:
            pointed = None
        answer = self.writer.founding_order(self.knowledge.grappes)
        return Reply([answer], pointed.id if pointed else turn.grappe, "founding_year")

    def _count(self, turn: Turn, q: Question) -> Reply:
        """"Combien de grappes ?": the count; with a year or a source named, what each source said."""
        if q.years:
            dated = [f for f in self.knowledge.facts_about(None, "nombre_grappes") if f.annee in q.years]
            if dated:
                return Reply([self.writer.facts(None, dated, "nombre_grappes")], turn.grappe, "nombre_grappes")
        if q.years or q.attribute == "nombre_grappes":
            return self._general_facts(turn, q, "nombre_grappes")
        return Reply([self.writer.count()], turn.grappe, "nombre_grappes")

    def _general_facts(self, turn: Turn, q: Question, attribute_id: str) -> Reply:
        """A question about the grappes in general: the facts of its attribute (those of the year asked first);
        another general fact only when it matches the question and none of the attribute's does."""
        facts = self.knowledge.facts_about(None, attribute_id)
        if q.years:
            facts = [f for f in facts if f.annee in q.years] or facts
        hits = self.index.search(q.folded, None)
        own = max((h.score for h in hits if h.item in facts), default=0.0)
        if hits and hits[0].score >= THRESHOLD and hits[0].item not in facts and hits[0].score > 1.2 * own:
            found = self._hits_reply([h for h in hits[:3] if h.score >= max(THRESHOLD, 0.8 * hits[0].score)])
            found.grappe = turn.grappe
            return found
        if not facts:
            return Reply([self.writer.not_in_sources(None, attribute_id)], turn.grappe, attribute_id)
        return Reply([self.writer.facts(None, facts, attribute_id)], turn.grappe, attribute_id)

    def _retrieve(self, q: Question, grappe_id: Optional[str], attribute: Optional[str] = None,
                  anywhere: bool = True) -> Optional[Reply]:
        """The facts that match the question well enough, or None (the caller answers as it would have).
        With a cluster, its facts; without, every fact (anywhere) or the general ones; with an attribute, only
        the facts of that attribute."""
        names = [q.folded[m.char_start:m.char_end] for m in q.mentions]
        hits = self.index.search(q.folded, grappe_id, anywhere=grappe_id is None and anywhere, ignore=names)
        if attribute:
            hits = [h for h in hits if getattr(h.item, "attribut", None) == attribute]
        if not hits or hits[0].score < THRESHOLD:
            return None
        best = [h for h in hits[:3] if h.score >= max(THRESHOLD, 0.8 * hits[0].score)]
        return self._hits_reply(best)

    def _hits_reply(self, hits: Sequence[Hit]) -> Reply:
        owner = hits[0].grappe
        grappe = self.knowledge.get(owner) if owner else None
        items = [h.item for h in hits if h.grappe == owner]
        attribute = getattr(items[0], "attribut", None)
        return Reply([self.writer.facts(grappe, items, "retrieved")], owner,
                     attribute if attribute in FACT_ATTRIBUTES else None)

    def _without_cluster(self, turn: Turn, intent: Intent, q: Question) -> Reply:
        """No cluster named and none to point back to."""
        attribute = ATTRIBUTE_BY_ID.get(q.attribute or "")
        if attribute and attribute.id == "prevision":
            return Reply([self.writer.forecast(None, q.years)], turn.grappe, turn.aspect)
        if attribute and attribute.known:
            if self.knowledge.facts_about(None, attribute.id):   # "qui finance les secrétariats ?"
                return self._general_facts(turn, q, attribute.id)
            # "À quel secrétariat la CMM a-t-elle versé 35 000 $ ?": the fact itself names the cluster.
            found = self._retrieve(q, None, attribute=attribute.id)
            if found:
                return found
        if intent.handling in ("topic", "list", "count"):
            return self._general(turn, intent, [])
        if intent.handling == "social":
            return Reply([self.writer.social(intent.name)], turn.grappe, turn.aspect)
        if intent.name == "investor_fit" or q.asks_for_grappe or self._names_something_else(q):
            return Reply([self.writer.no_fit()], turn.grappe, turn.aspect)
        found = None if q.aspect else self._retrieve(q, None)
        if found:
            return found
        if intent.handling == "cluster" or q.attribute or q.aspect:
            aspect = intent.aspect if intent.aspect not in (None, "fit") else (q.aspect or "overview")
            return Reply([self.writer.ask_which(aspect if aspect != "domain" else "overview")], None, aspect)
        return self._not_understood(turn, q)

    def _names_something_else(self, q: Question) -> bool:
        """"et pour les salons de quilles ?": a follow-up whose subject is none of ours."""
        if not q.new_subject or q.attribute or q.aspect or q.measure or q.years:
            return False
        return self._has_content(q)

    @staticmethod
    def _has_content(q: Question) -> bool:
        """Words beyond those of a follow-up, a pronoun and the clusters named: the message says something new."""
        named = " ".join(q.folded[m.char_start:m.char_end] for m in q.mentions)
        return any(word not in _FOLLOW_UP_WORDS and len(word) > 2 and word not in named
                   for word in re.findall(r"[a-z]+", q.folded))

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
        answers = [self.writer.topic(intent.topic)]
        if intent.topic in _SECRETARIAT_TOPICS and named:
            grappes = [self.knowledge.get(i) for i in named[:MAX_CLUSTERS_PER_ANSWER]]
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
