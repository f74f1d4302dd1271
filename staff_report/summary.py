"""One pass over the stored conversations: the counts, the 👎 answers, the questions to learn from.

A 👎 refers to the answer just before it, and the question that led to that answer. A button sends a payload
("/ask_website{…}"), not a question: it counts as a message, its cluster as asked, but it is never grouped nor
counted in the share understood. Junk (staff_report/junk.py) is counted apart, out of that share too.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Dict, Iterable, List, Optional, Tuple

from bot.registry import ATTRIBUTE_BY_ID, FEEDBACK_NEGATIVE, FEEDBACK_POSITIVE, NOT_UNDERSTOOD, OUT_OF_SCOPE
from bot.understanding import Reader
from staff_report.french import local
from staff_report.grouping import Group, group
from staff_report.junk import junk_reason
from staff_report.store import Event

# The questions grouped, in the report's order: the intent the model gave, the prefix of a group's id in the
# report and the CSV (NC1, HS2…), and the section's title.
UNANSWERED = ((NOT_UNDERSTOOD, "NC", "Questions non comprises (repli)"), (OUT_OF_SCOPE, "HS", "Questions hors sujet"))


@dataclass(frozen=True)
class Disliked:
    question: str
    answer: str
    when: Optional[datetime]


@dataclass
class Day:
    messages: int = 0  # every visitor message but the 👍/👎
    questions: int = 0  # typed questions, junk left out
    not_understood: int = 0


@dataclass
class Summary:
    names: Dict[str, str]  # cluster id -> French name
    conversations: int = 0
    visitor_messages: int = 0
    bot_messages: int = 0
    buttons: int = 0
    questions: int = 0  # typed, junk left out
    not_understood: int = 0  # of those questions
    liked: int = 0
    disliked: List[Disliked] = field(default_factory=list)
    junk: Dict[str, List[str]] = field(default_factory=dict)  # reason -> texts
    groups: Dict[str, List[Group]] = field(default_factory=dict)  # intent of UNANSWERED -> its groups
    clusters: Counter = field(default_factory=Counter)
    attributes: Counter = field(default_factory=Counter)
    days: Dict[date, Day] = field(default_factory=dict)

    @property
    def understood(self) -> int:
        return self.questions - self.not_understood

    def calendar(self) -> List[Tuple[date, Day]]:
        """Every day from the first to the last, quiet days included, so a chart shows the gaps."""
        if not self.days:
            return []
        first, last = min(self.days), max(self.days)
        return [
            (day, self.days.get(day, Day()))
            for day in (first + timedelta(days=n) for n in range((last - first).days + 1))
        ]

    def cluster_name(self, cluster_id: str) -> str:
        return self.names.get(cluster_id, cluster_id)


def attribute_name(attribute_id: str) -> str:
    """The registry's label as a name: it follows « mes sources ne donnent pas », so « de numéro de téléphone »
    becomes « numéro de téléphone », « l'adresse de ses bureaux » « adresse de ses bureaux », and « le coût … ni
    les conditions … » « coût … et les conditions … »."""
    label = ATTRIBUTE_BY_ID[attribute_id].label
    return re.sub(r"^(de |d'|le |la |les |l'|son |sa |ses )", "", label).replace(" ni ", " et ")


def _button(text: str) -> bool:
    """Our buttons' payloads; bot/guard.py strips the slash of any other typed "/…" before Rasa stores it."""
    return text.startswith("/")


def summarize(events: Iterable[Event], reader: Reader, names: Dict[str, str]) -> Summary:
    """Events in store order, conversation by conversation; `reader` is the assistant's own (bot/dialogue.py)."""
    summary, senders = Summary(names), set()
    seen, question, answer, after_feedback = set(), "", [], False
    unanswered: Dict[str, list] = {intent: [] for intent, _, _ in UNANSWERED}
    for sender, kind, intent, timestamp, data in events:
        if sender not in senders:
            senders.add(sender)
            seen, question, answer, after_feedback = set(), "", [], False
        if kind == "bot":
            summary.bot_messages += 1
            if not after_feedback:
                answer.append(data.get("text") or "")
            continue
        # The two-stage fallback replays the clarified message under the same id: count it once.
        message_id = data.get("message_id")
        if message_id and message_id in seen:
            continue
        seen.add(message_id)
        when = local(timestamp) if timestamp else None
        text = (data.get("text") or "").strip()
        if intent in (FEEDBACK_POSITIVE, FEEDBACK_NEGATIVE):
            if intent == FEEDBACK_POSITIVE:
                summary.liked += 1
            else:
                asked = f"(bouton) {question}" if _button(question) else question
                summary.disliked.append(Disliked(asked or "(aucune)", "\n".join(answer) or "(aucune)", when))
            after_feedback = True
            continue
        summary.visitor_messages += 1
        question, answer, after_feedback = text, [], False
        day = summary.days.setdefault(when.date(), Day()) if when else Day()
        day.messages += 1
        entities = (data.get("parse_data") or {}).get("entities") or []
        named = [e.get("value") for e in entities if e.get("entity") == "grappe" and e.get("value")]
        if _button(text):
            summary.buttons += 1
            summary.clusters.update(set(named))
            continue
        reason = junk_reason(text)
        if reason:
            summary.junk.setdefault(reason, []).append(text)
            continue
        read = reader.read(text)
        summary.questions += 1
        day.questions += 1
        summary.clusters.update(set(read.clusters or named))
        if read.attribute:
            summary.attributes[read.attribute] += 1
        if intent in unanswered:
            unanswered[intent].append((text, read))
        if intent == NOT_UNDERSTOOD:
            summary.not_understood += 1
            day.not_understood += 1
    summary.conversations = len(senders)
    summary.groups = {intent: group(questions) for intent, questions in unanswered.items()}
    return summary
