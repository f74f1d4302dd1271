"""The report as one HTML page to share (reports/rapport.html), charts included.

The charts are embedded as base64 data, so the page is a single self-contained file: it can be mailed or
moved without its PNGs and still shows them (the PNGs are written beside it too, for slides). Everything that
comes from the conversations is escaped; our own sentences get French non-breaking spaces (french.typeset).
The font stack names the Noto fonts Debian installs (`make setup`: fonts-noto-core, fonts-noto-cjk,
fonts-noto-color-emoji), so visitors' Arabic, Chinese, Cyrillic… and the 👍/👎 show as glyphs, not boxes.
"""

import base64
import html
from pathlib import Path
from typing import Dict, Iterable, List

from staff_report import french
from staff_report.charts import TITLES
from staff_report.grouping import EXAMPLES, Group, ranked
from staff_report.summary import UNANSWERED, Summary, attribute_name
from staff_report.text import TOP_GROUPS, described, questions

FONTS = (
    '"Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Thai", '
    '"Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR", "Noto Color Emoji", sans-serif'
)
STYLE = f"""body{{font-family:{FONTS};max-width:62rem;margin:2rem auto;padding:0 1rem;line-height:1.45}}
table{{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}}
th,td{{border-bottom:1px solid #e2e8f0;padding:.35rem .5rem;text-align:left;vertical-align:top}}
td.n{{text-align:right;white-space:nowrap}}.answer{{white-space:pre-line}}.muted{{color:#4a5568}}
img{{max-width:100%;height:auto}}figure{{margin:1rem 0}}li{{margin:.3rem 0}}"""


def _t(text: str) -> str:
    """One of our sentences: escaped, with its non-breaking spaces."""
    return html.escape(french.typeset(text), quote=False)


def _q(text: str) -> str:
    """What a visitor typed, between French quotes; <bdi> keeps Arabic or Hebrew from swapping the quotes."""
    return f"«{french.NBSP}<bdi>{html.escape(text)}</bdi>{french.NBSP}»"


def _chart(name: str, path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(TITLES[name])}"></figure>'


def _list(items: Iterable[str], empty: str = "Aucune.") -> str:
    items = list(items)
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else f"<p>{empty}</p>"


def _groups(prefix: str, groups: List[Group], summary: Summary) -> str:
    if not groups:
        return "<p>Aucune.</p>"
    rows = "".join(
        f"<tr><td>{prefix}{number}</td><td>{_q(group.representative)}"
        + "".join(
            f'<br><span class="muted">{_q(text)}{_t(f" (×{n})") if n > 1 else ""}</span>'
            for text, n in group.formulations[1:EXAMPLES]
        )
        + f'</td><td class="n">{group.count}</td><td>{_t(described(group, summary))}</td></tr>'
        for number, group in enumerate(groups[:TOP_GROUPS], 1)
    )
    more = (
        f"<p>{_t(f'… et {len(groups) - TOP_GROUPS} autres groupes, tous dans le CSV.')}</p>"
        if len(groups) > TOP_GROUPS
        else ""
    )
    return (
        "<table><thead><tr><th>groupe</th><th>questions (représentante, puis autres formulations)</th>"
        f"<th>nombre</th><th>ce que l'assistant y lit</th></tr></thead><tbody>{rows}</tbody></table>{more}"
    )


def _page(body: str) -> str:
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapport des conversations</title><style>{STYLE}</style></head><body>
<h1>Rapport des conversations de l'assistant des grappes</h1>
{body}
</body></html>
"""


def _junk(summary: Summary) -> str:
    by_count = sorted(summary.junk.items(), key=lambda item: (-len(item[1]), item[0]))
    return _list(
        (
            f"{_t(f'{reason} : {len(texts)}')} — " + ", ".join(_q(t) for t in sorted(set(texts))[:3])
            for reason, texts in by_count
        ),
        empty="Aucun.",
    )


def as_html(summary: Summary, db: Path, charts: Dict[str, Path], csv: str = "") -> str:
    """`charts` by name (staff_report.charts.draw); `csv`: the groups' file, beside the page."""
    if not summary.conversations:
        return _page(f"<p>{_t('Aucune conversation enregistrée pour l’instant.')}</p>")

    def chart(name: str) -> str:
        return _chart(name, charts[name]) if name in charts else ""

    calendar = summary.calendar()
    span = french.period(calendar[0][0], calendar[-1][0]) + " (heure de Montréal)" if calendar else "inconnue"
    facts = [
        f"Période : {span}",
        f"Conversations : {summary.conversations}",
        f"Messages des visiteurs : {summary.visitor_messages} (sans compter les avis 👍/👎), "
        f"dont {summary.buttons} par bouton",
        f"Réponses de l'assistant : {summary.bot_messages}",
        f"Questions comprises : {french.percent(summary.understood, summary.questions)} ({summary.understood} "
        f"sur {questions(summary.questions)} tapées, messages parasites à part)",
        f"Avis : {summary.liked} 👍, {len(summary.disliked)} 👎",
    ]
    disliked = _list(
        f"<strong>{_t(french.moment(d.when) if d.when else 'Date inconnue')}</strong><br>"
        f"{_t('Question :')} {_q(d.question)}<br>{_t('Réponse :')} "
        f'<span class="answer">{_q(d.answer)}</span>'
        for d in summary.disliked
    )
    sections = "".join(
        f"<h2>{_t(title)} ({sum(g.count for g in summary.groups[intent])})</h2>"
        + _groups(prefix, summary.groups[intent], summary)
        for intent, prefix, title in UNANSWERED
    )
    export = (
        f"<p>{_t('Tous les groupes, prêts à devenir des exemples d’entraînement :')} "
        f'<a href="{html.escape(csv)}">{html.escape(csv)}</a></p>'
        if csv
        else ""
    )
    clusters = _list(_t(f"{summary.cluster_name(c)} : {n}") for c, n in ranked(summary.clusters))
    attributes = _list((_t(f"{attribute_name(a)} : {n}") for a, n in ranked(summary.attributes)), empty="Aucun.")
    return _page(f"""<p class="muted">{_t(f"Base : {db}")}</p>
<h2>Résumé</h2>{_list(_t(fact) for fact in facts)}{chart("messages")}{chart("non_compris")}
<h2>{_t(f"Réponses jugées inutiles 👎 ({len(summary.disliked)})")}</h2>{disliked}
{sections}{export}
<h2>{_t("Messages parasites, comptés à part")} ({sum(len(t) for t in summary.junk.values())})</h2>{_junk(summary)}
<h2>Grappes les plus demandées</h2>{clusters}{chart("grappes")}
<h2>Attributs précis les plus demandés</h2>{attributes}{chart("attributs")}""")
