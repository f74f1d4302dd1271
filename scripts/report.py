"""Staff report on the conversations kept by Rasa's SQL tracker store (`make report`).

Lists what to improve the training data from: questions not understood or out of scope, answers rated 👎 with
the question behind them, most asked clusters. Reads the `events` table read-only, so it can run beside Rasa.
"""
import argparse
import html
import json
import sqlite3
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable, List, NamedTuple, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot.knowledge import load_knowledge  # noqa: E402
from bot.registry import FEEDBACK_NEGATIVE, FEEDBACK_POSITIVE, NOT_UNDERSTOOD, OUT_OF_SCOPE  # noqa: E402

ANSWER_PREVIEW = 300


class Event(NamedTuple):
    """A row of Rasa's `events` table: what a visitor said (user) or the assistant answered (bot)."""
    sender: str
    kind: str
    intent: Optional[str]
    timestamp: Optional[float]
    data: dict


@dataclass
class Report:
    conversations: int = 0
    visitor_messages: int = 0
    bot_messages: int = 0
    liked: int = 0
    period: Tuple[Optional[float], Optional[float]] = (None, None)
    fallbacks: Counter = field(default_factory=Counter)
    out_of_scope: Counter = field(default_factory=Counter)
    disliked: List[Tuple[str, str]] = field(default_factory=list)  # (question, answer)
    grappes: Counter = field(default_factory=Counter)


def read_events(db: Path) -> List[Event]:
    if not db.is_file():
        raise SystemExit(f"Base de conversations introuvable : {db} (elle se crée quand `make serve` reçoit des messages).")
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        try:
            rows = connection.execute("SELECT sender_id, type_name, intent_name, timestamp, data FROM events "
                                      "WHERE type_name IN ('user', 'bot') ORDER BY sender_id, id").fetchall()
        except sqlite3.DatabaseError as error:
            raise SystemExit(f"{db} n'est pas une base de conversations de Rasa : {error}") from error
    return [Event(*row[:4], json.loads(row[4] or "{}")) for row in rows]


def _question(text: str) -> str:
    return f"(bouton) {text}" if text.startswith("/") else text


def summarize(events: Iterable[Event]) -> Report:
    """One pass over each conversation, in order: a 👎 refers to the answer just before it."""
    report, senders, times = Report(), set(), []
    seen, question, answer, after_feedback = set(), "", [], False
    for sender, kind, intent, timestamp, data in events:
        if sender not in senders:
            senders.add(sender)
            seen, question, answer, after_feedback = set(), "", [], False
        if kind == "bot":
            report.bot_messages += 1
            if not after_feedback:
                answer.append(data.get("text") or "")
            continue
        # The two-stage fallback replays the clarified message under the same id: count it once.
        message_id = data.get("message_id")
        if message_id and message_id in seen:
            continue
        seen.add(message_id)
        times.append(timestamp)
        text = (data.get("text") or "").strip()
        if intent in (FEEDBACK_POSITIVE, FEEDBACK_NEGATIVE):
            if intent == FEEDBACK_POSITIVE:
                report.liked += 1
            else:
                report.disliked.append((_question(question) or "(aucune)", "\n".join(answer) or "(aucune)"))
            after_feedback = True
            continue
        report.visitor_messages += 1
        question, answer, after_feedback = text, [], False
        if intent == NOT_UNDERSTOOD and not text.startswith("/"):
            report.fallbacks[text] += 1
        if intent == OUT_OF_SCOPE and not text.startswith("/"):
            report.out_of_scope[text] += 1
        entities = (data.get("parse_data") or {}).get("entities") or []
        report.grappes.update({e.get("value") for e in entities if e.get("entity") == "grappe" and e.get("value")})
    report.conversations = len(senders)
    stamps = [t for t in times if t]
    report.period = (min(stamps), max(stamps)) if stamps else (None, None)
    return report


def _when(timestamp: Optional[float]) -> str:
    return datetime.fromtimestamp(timestamp).strftime("%d/%m/%Y %H:%M") if timestamp else "?"


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= ANSWER_PREVIEW else text[:ANSWER_PREVIEW] + "…"


def _most_common(counter: Counter) -> List[Tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def cluster_names() -> dict:
    return {g.id: g.nom for g in load_knowledge().grappes}


def as_text(report: Report, db: Path, names: dict) -> str:
    lines = [f"Rapport des conversations de l'assistant des grappes ({db})"]
    if not report.conversations:
        return lines[0] + "\nAucune conversation enregistrée pour l'instant."
    lines += [f"Période : du {_when(report.period[0])} au {_when(report.period[1])}",
              f"Conversations : {report.conversations}",
              f"Messages des visiteurs : {report.visitor_messages} (sans compter les avis 👍/👎)",
              f"Réponses de l'assistant : {report.bot_messages}",
              f"Avis : {report.liked} 👍, {len(report.disliked)} 👎", ""]
    for title, counter in (("Questions non comprises (repli)", report.fallbacks),
                           ("Questions hors sujet", report.out_of_scope)):
        lines.append(f"{title} : {sum(counter.values()) or 'aucune'}")
        lines += [f"  - « {text} »" + (f" (×{count})" if count > 1 else "") for text, count in _most_common(counter)]
    lines.append(f"Réponses jugées inutiles 👎 : {len(report.disliked) or 'aucune'}")
    for question, answer in report.disliked:
        lines += [f"  - Question : « {question} »", f"    Réponse : « {_preview(answer)} »"]
    lines.append(f"Grappes les plus demandées :{'' if report.grappes else ' aucune'}")
    lines += [f"  - {names.get(grappe, grappe)} : {count}" for grappe, count in _most_common(report.grappes)]
    return "\n".join(lines)


def as_html(report: Report, db: Path, names: dict) -> str:
    """The same report as a page to share; every value from the conversations is escaped."""
    def items(values: Iterable[str]) -> str:
        return "<ul>" + "".join(f"<li>{html.escape(v)}</li>" for v in values) + "</ul>"

    def counted(counter: Counter, quote: bool = True) -> str:
        if not counter:
            return "<p>Aucune.</p>"
        return items(f"« {text} » ({count})" if quote else f"{text} : {count}" for text, count in _most_common(counter))

    disliked = "".join(f"<li><strong>Question :</strong> {html.escape(q)}<br><strong>Réponse :</strong> "
                       f"<span class=\"answer\">{html.escape(a)}</span></li>" for q, a in report.disliked)
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Rapport des conversations</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
.answer{{white-space:pre-line}}li{{margin:.4rem 0}}</style></head><body>
<h1>Rapport des conversations de l'assistant des grappes</h1>
<p>Base : {html.escape(str(db))} — période : du {_when(report.period[0])} au {_when(report.period[1])}</p>
{items([f"Conversations : {report.conversations}", f"Messages des visiteurs : {report.visitor_messages}",
        f"Réponses de l'assistant : {report.bot_messages}", f"Avis : {report.liked} 👍, {len(report.disliked)} 👎"])}
<h2>Questions non comprises (repli)</h2>{counted(report.fallbacks)}
<h2>Questions hors sujet</h2>{counted(report.out_of_scope)}
<h2>Réponses jugées inutiles 👎</h2>{f"<ul>{disliked}</ul>" if disliked else "<p>Aucune.</p>"}
<h2>Grappes les plus demandées</h2>{counted(Counter({names.get(k, k): v for k, v in report.grappes.items()}), quote=False)}
</body></html>
"""


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="Rapport pour l'équipe : ce que demandent les visiteurs, "
                                                 "ce que l'assistant rate, les réponses jugées inutiles.")
    parser.add_argument("--db", type=Path, default=Path("var/tracker.db"), help="base SQLite du tracker store de Rasa")
    parser.add_argument("--html", type=Path, help="écrit aussi le rapport en HTML dans ce fichier")
    args = parser.parse_args(argv)
    report, names = summarize(read_events(args.db)), cluster_names()
    print(as_text(report, args.db, names))
    if args.html:
        args.html.parent.mkdir(parents=True, exist_ok=True)
        args.html.write_text(as_html(report, args.db, names), encoding="utf-8")
        print(f"\nRapport HTML : {args.html}")


if __name__ == "__main__":
    main()
