"""Replies made of facts: an attribute of a cluster, its figures, comparisons, general facts, retrieval.

The dialogue decides what is asked and about which cluster; this class finds the facts in knowledge/ that
answer it (or the honest "mes sources ne donnent pas …") and remembers what was answered for the follow-ups.
"""

import datetime
import re
from typing import List, Optional, Sequence

from bot.answers import Answer, Writer
from bot.knowledge import Fact, Figure, Grappe, Knowledge
from bot.registry import ATTRIBUTE_BY_ID, FACT_ATTRIBUTES, MEASURE_WORDS_IN_FIGURES
from bot.retrieval import THRESHOLD, FactIndex, Hit
from bot.text import fold
from bot.turns import Reply, Turn, dated, split_aspect
from bot.understanding import Question

_CONTACT = ("telephone", "courriel")
_ORDINALS = (
    "premiere",
    "deuxieme",
    "troisieme",
    "quatrieme",
    "cinquieme",
    "sixieme",
    "septieme",
    "huitieme",
    "neuvieme",
    "dixieme",
)
_ORDINAL_GRAPPE = re.compile(r"\b(" + "|".join(_ORDINALS) + r"|\d+e) (grappe|a voir|a etre)")
CLOSER = 0.6  # retrieval score above which a fact of another attribute is shown first (see closer_fact)


def _best(hits: Sequence[Hit]) -> List[Hit]:
    """The hits to answer with: the first, and up to two more nearly as good."""
    return [h for h in hits[:3] if h.score >= max(THRESHOLD, 0.8 * hits[0].score)]


def figure_measure(figure: Figure, measure: str) -> bool:
    """The figure's text speaks of this measure (emplois, entreprises…)."""
    text = fold(figure.valeur)
    return any(word in text for word in MEASURE_WORDS_IN_FIGURES[measure])


class FactReplies:
    def __init__(self, knowledge: Knowledge, writer: Writer) -> None:
        self.knowledge = knowledge
        self.writer = writer
        self.index = FactIndex(knowledge)

    def attribute(self, grappe: Grappe, attribute_id: str, q: Question) -> Reply:
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
        closer = self.closer_fact(q, grappe.id, facts)
        if closer:
            facts = [closer] + facts
        if facts:
            return Reply([self.writer.facts(grappe, facts, attribute_id)], grappe.id, attribute_id)
        general = self.knowledge.facts_about(None, attribute_id)
        # "Et la finance, en 2010 ?" after a share of jobs: none for it, but its figures of that year.
        of_the_years = [f for f in grappe.chiffres if f.annee in q.years] if attribute.share_of_figures else []
        answer = self.writer.not_in_sources(grappe, attribute_id, general, of_the_years)
        return Reply([answer], grappe.id, attribute_id)

    def closer_fact(self, q: Question, grappe_id: str, facts: Sequence[Fact]) -> Optional[Fact]:
        """A fact filed under another attribute that matches the question much better than the attribute's own
        ("le Grand chantier de 2025, c'était quel jour ?" is a date kept with the cluster's other names)."""
        names = [q.folded[m.char_start : m.char_end] for m in q.mentions]
        hits = [
            (h.score, h.item) for h in self.index.search(q.folded, grappe_id, ignore=names) if isinstance(h.item, Fact)
        ]  # a figure is not a fact to list among them
        if not hits or hits[0][0] < CLOSER or hits[0][1] in facts:
            return None
        own = max((score for score, item in hits if item in facts), default=0.0)
        return hits[0][1] if hits[0][0] > 1.5 * own else None

    def figures(
        self, grappe: Grappe, measure: Optional[str], years: Sequence[int], counted: Optional[str] = None
    ) -> Reply:
        """The figures of one measure (all when none), of the years asked; "combien de conteneurs ?", a count
        no figure gives, gets the honest answer."""
        remembered = f"figures:{measure}" if measure else "figures"
        if measure is None and counted:
            return Reply([self.writer.not_counted(grappe, counted)], grappe.id, remembered)
        figures = [f for f in grappe.chiffres if measure is None or figure_measure(f, measure)]
        future = [y for y in years if y > datetime.date.today().year]
        if future:
            return Reply([self.writer.forecast(grappe, future)], grappe.id, remembered)
        if not figures:
            notes = [
                f
                for f in self.knowledge.facts
                if f.grappe == grappe.id
                and measure
                and any(w in fold(f.texte) for w in MEASURE_WORDS_IN_FIGURES[measure])
            ]
            answer = self.writer.figure_not_in_sources(grappe, measure, years, [], notes)
            return Reply([answer], grappe.id, remembered)
        if years:
            exact = [f for f in figures if f.annee in years]
            if not exact:
                answer = self.writer.figure_not_in_sources(grappe, measure, years, figures)
                return Reply([answer], grappe.id, dated(remembered, years))
            figures = exact
        answer = self.writer.with_buttons(grappe, self.writer.figures_text(grappe, figures), "figures")
        return Reply([answer], grappe.id, dated(remembered, [f.annee for f in figures]))

    def comparison(self, turn: Turn, q: Question) -> Reply:
        """Which is bigger: the clusters named (with the one in discussion when only one is named), or all."""
        remembered_name, remembered_measure = split_aspect(turn.aspect)
        measure = q.measure or (remembered_measure if remembered_name == "figures" else None)
        ids = list(q.clusters)
        if len(ids) == 1 and turn.grappe and turn.grappe not in ids:
            ids.insert(0, turn.grappe)
        if len(ids) < 2:
            ids = [g.id for g in self.knowledge.grappes]
        grappes = [self.knowledge.grappe(i) for i in ids]
        latest = []
        for grappe in grappes:
            figures = [f for f in grappe.chiffres if measure is None or figure_measure(f, measure)]
            latest.append((grappe, max(figures, key=lambda f: f.annee or 0) if figures else None))
        return Reply(
            [self.writer.comparison(grappes, latest, measure)],
            turn.grappe,
            f"figures:{measure}" if measure else "figures",
        )

    def compare_facts(self, turn: Turn, q: Question, attribute: str) -> Reply:
        """A ranking on an attribute: not comparable as such; each cluster's facts of that attribute instead."""
        named = [self.knowledge.grappe(i) for i in q.clusters]
        grappes = named if len(named) > 1 else list(self.knowledge.grappes)
        rows = [(g, self.knowledge.facts_about(g.id, attribute)) for g in grappes]
        return Reply([self.writer.compare_facts(rows, attribute)], turn.grappe, attribute)

    def ordinal_grappe(self, q: Question) -> Optional[Reply]:
        """ "La dixième grappe, c'est laquelle ?": the cluster whose rank fact says so becomes the subject."""
        match = _ORDINAL_GRAPPE.search(q.folded)
        if not match or q.clusters:
            return None
        word = match.group(1)
        for fact in self.knowledge.facts:
            if fact.attribut == "rang" and fact.grappe and re.search(rf"\b{word}\b", fold(fact.texte)):
                grappe = self.knowledge.grappe(fact.grappe)
                text = self.writer.about(grappe, "overview")
                answer = self.writer.facts(grappe, [fact], "rang")
                return Reply([Answer(answer.text + "\n\n" + text, answer.buttons)], grappe.id, "overview")
        return None

    def age(self, turn: Turn, q: Question) -> Reply:
        """ "La plus jeune des grappes ?": the order of creation; the cluster it points to is now in discussion."""
        among = self.knowledge.official if re.search(r"\b(neuf|9)\b", q.folded) else self.knowledge.grappes
        if re.search(r"\b(jeune|recente|derniere|youngest|newest|dernier|benjamine|cadette|derniere-nee)\b", q.folded):
            pointed = max(among, key=lambda g: g.secretariat.fondation)
        elif re.search(r"\b(ancienne|vieille|premiere|oldest|doyenne|ainee)\b", q.folded):
            pointed = min(among, key=lambda g: g.secretariat.fondation)
        else:
            pointed = None
        answer = self.writer.founding_order(self.knowledge.grappes)
        return Reply([answer], pointed.id if pointed else turn.grappe, "founding_year")

    def count(self, turn: Turn, q: Question) -> Reply:
        """ "Combien de grappes ?": the count; with a year or a source named, what each source said."""
        if q.years:
            dated = [f for f in self.knowledge.facts_about(None, "nombre_grappes") if f.annee in q.years]
            if dated:
                return Reply([self.writer.facts(None, dated, "nombre_grappes")], turn.grappe, "nombre_grappes")
        if q.years or q.attribute == "nombre_grappes":
            return self.general_facts(turn, q, "nombre_grappes")
        return Reply([self.writer.count()], turn.grappe, "nombre_grappes")

    def general_facts(self, turn: Turn, q: Question, attribute_id: str) -> Reply:
        """A question about the grappes in general: the facts of its attribute (those of the year asked first);
        another general fact only when it matches the question and none of the attribute's does."""
        facts = self.knowledge.facts_about(None, attribute_id)
        if q.years:
            facts = [f for f in facts if f.annee in q.years] or facts
        hits = self.index.search(q.folded, None)
        own = max((h.score for h in hits if h.item in facts), default=0.0)
        if hits and hits[0].score >= THRESHOLD and hits[0].item not in facts and hits[0].score > 1.2 * own:
            found = self.hits_reply(_best(hits))
            found.grappe = turn.grappe
            return found
        if not facts:
            return Reply([self.writer.not_in_sources(None, attribute_id)], turn.grappe, attribute_id)
        return Reply([self.writer.facts(None, facts, attribute_id)], turn.grappe, attribute_id)

    def closer_than(self, q: Question, answer: str) -> Optional[Reply]:
        """The general facts, when one matches the question clearly better than `answer`, the fixed answer to its
        topic: « par quelles phases passe la mise en place d'un secrétariat ? » asks for the phases, not for what
        a secretariat does (the same margin as general_facts' over an attribute's own facts)."""
        hits = self.index.search(q.folded, None)
        if not hits or hits[0].score < THRESHOLD or hits[0].score <= 1.2 * self.index.match(q.folded, answer):
            return None
        return self.hits_reply(_best(hits))

    def retrieve(
        self, q: Question, grappe_id: Optional[str], attribute: Optional[str] = None, anywhere: bool = True
    ) -> Optional[Reply]:
        """The facts that match the question well enough, or None (the caller answers as it would have).
        With a cluster, its facts; without, every fact (anywhere) or the general ones; with an attribute, only
        the facts of that attribute."""
        names = [q.folded[m.char_start : m.char_end] for m in q.mentions]
        hits = self.index.search(q.folded, grappe_id, anywhere=grappe_id is None and anywhere, ignore=names)
        if attribute:
            hits = [h for h in hits if getattr(h.item, "attribut", None) == attribute]
        if not hits or hits[0].score < THRESHOLD:
            return None
        return self.hits_reply(_best(hits))

    def hits_reply(self, hits: Sequence[Hit]) -> Reply:
        owner = hits[0].grappe
        grappe = self.knowledge.get(owner) if owner else None
        items = [h.item for h in hits if h.grappe == owner]
        attribute = getattr(items[0], "attribut", None)
        return Reply(
            [self.writer.facts(grappe, items, "retrieved")], owner, attribute if attribute in FACT_ATTRIBUTES else None
        )
