"""The report as plain text for the terminal (`make report`).

Ordinary spaces here, not the non-breaking ones of the HTML page: a terminal does not wrap words, and the text
stays easy to search and copy. What visitors typed goes through bot/guard.py's `clean`, so no control character
of an old or foreign store reaches the terminal.
"""

from pathlib import Path
from typing import List

from bot.guard import clean
from staff_report import french
from staff_report.grouping import EXAMPLES, Group, ranked
from staff_report.summary import UNANSWERED, Summary, attribute_name

TOP_GROUPS, ANSWER_PREVIEW, QUESTION_PREVIEW = 10, 300, 120


def shortened(text: str, width: int) -> str:
    text = clean(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def times(count: int) -> str:
    return f" (×{count})" if count > 1 else ""


def questions(count: int) -> str:
    return f"{count} question{'s' if count > 1 else ''}"


def described(group: Group, summary: Summary) -> str:
    """« grappes : Mode, Aérospatiale ; attribut : numéro de téléphone », what the assistant reads in a group."""
    parts = []
    if group.clusters:
        parts.append(
            f"grappe{'s' if len(group.clusters) > 1 else ''} : "
            + ", ".join(summary.cluster_name(c) for c in group.clusters)
        )
    if group.attribute:
        parts.append(f"attribut : {attribute_name(group.attribute)}")
    return " ; ".join(parts)


def _groups(title: str, prefix: str, groups: List[Group], summary: Summary, all_groups: str) -> List[str]:
    total = sum(g.count for g in groups)
    if not groups:
        return [f"{title} : aucune"]
    lines = [f"{title} : {questions(total)} en {len(groups)} groupe{'s' if len(groups) > 1 else ''}"]
    for number, group in enumerate(groups[:TOP_GROUPS], 1):
        about = described(group, summary)
        lines.append(
            f"  {prefix}{number}. « {shortened(group.representative, QUESTION_PREVIEW)} » : "
            f"{questions(group.count)}" + (f" — {about}" if about else "")
        )
        others = [f"« {shortened(text, QUESTION_PREVIEW)} »{times(n)}" for text, n in group.formulations[1:EXAMPLES]]
        if others:
            lines.append("     aussi : " + ", ".join(others))
    if len(groups) > TOP_GROUPS:
        lines.append(f"  … et {len(groups) - TOP_GROUPS} autres groupes ({all_groups})")
    return lines


def as_text(summary: Summary, db: Path, all_groups: str = "tous dans le CSV") -> str:
    """`all_groups` says where the groups beyond the first TOP_GROUPS are."""
    lines = [f"Rapport des conversations de l'assistant des grappes ({db})"]
    if not summary.conversations:
        return lines[0] + "\nAucune conversation enregistrée pour l'instant."
    calendar = summary.calendar()
    lines += [
        "",
        "Résumé",
        f"  Période : {french.period(calendar[0][0], calendar[-1][0])} (heure de Montréal)"
        if calendar
        else "  Période : inconnue",
        f"  Conversations : {summary.conversations}",
        f"  Messages des visiteurs : {summary.visitor_messages} (sans compter les avis 👍/👎), dont "
        f"{summary.buttons} par bouton",
        f"  Réponses de l'assistant : {summary.bot_messages}",
        f"  Questions comprises : {french.percent(summary.understood, summary.questions)} "
        f"({summary.understood} sur {questions(summary.questions)} tapées, messages parasites à part)",
        f"  Avis : {summary.liked} 👍, {len(summary.disliked)} 👎",
        "",
    ]
    lines.append(f"Réponses jugées inutiles 👎 : {len(summary.disliked) or 'aucune'}")
    for disliked in summary.disliked:
        lines += [
            f"  - {french.moment(disliked.when) if disliked.when else 'date inconnue'}",
            f"    Question : « {shortened(disliked.question, QUESTION_PREVIEW)} »",
            f"    Réponse : « {shortened(disliked.answer, ANSWER_PREVIEW)} »",
        ]
    for intent, prefix, title in UNANSWERED:
        lines += ["", *_groups(title, prefix, summary.groups[intent], summary, all_groups)]
    lines.append("")
    junk = sum(len(texts) for texts in summary.junk.values())
    lines.append(f"Messages parasites, comptés à part : {junk or 'aucun'}")
    for reason, texts in sorted(summary.junk.items(), key=lambda item: (-len(item[1]), item[0])):
        examples = ", ".join(f"« {shortened(t, 40)} »" for t in sorted(set(texts))[:3])
        lines.append(f"  - {reason} : {len(texts)} ({examples})")
    lines += ["", f"Grappes les plus demandées :{'' if summary.clusters else ' aucune'}"]
    lines += [f"  - {summary.cluster_name(c)} : {n}" for c, n in ranked(summary.clusters)]
    lines.append(f"Attributs précis les plus demandés :{'' if summary.attributes else ' aucun'}")
    lines += [f"  - {attribute_name(a)} : {n}" for a, n in ranked(summary.attributes)]
    return "\n".join(lines)
