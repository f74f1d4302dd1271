"""Staff report on the conversations kept by Rasa's SQL tracker store (`make report`).

What to improve the assistant from: a summary, the answers rated 👎 with the question behind them, the questions
not understood or out of scope grouped by similarity (junk counted apart), the most asked clusters and
attributes. Prints the text report; with --html, also writes the page, its charts (<stem>-*.png) and the groups
as CSV (<stem>-groupes.csv) beside it. The code is in staff_report/.
"""

import argparse
from pathlib import Path
from typing import List, Optional

from bot.dialogue import Assistant
from staff_report.charts import draw
from staff_report.export import write_csv
from staff_report.page import as_html
from staff_report.store import read_events
from staff_report.summary import Summary, summarize
from staff_report.text import as_text


def build(db: Path) -> Summary:
    """The summary of a store, read with the assistant's own understanding of each question."""
    events = read_events(db)
    assistant = Assistant.from_directory()
    names = {grappe.id: grappe.nom for grappe in assistant.knowledge.grappes}
    return summarize(events, assistant.reader, names)


def csv_beside(page: Path) -> Path:
    return page.with_name(f"{page.stem}-groupes.csv")


def write_files(summary: Summary, db: Path, page: Path) -> List[Path]:
    """The HTML page, its PNG charts and the CSV of the groups, named after the page."""
    page.parent.mkdir(parents=True, exist_ok=True)
    csv = write_csv(summary, csv_beside(page))
    charts = draw(summary, page.with_suffix(""))
    page.write_text(as_html(summary, db, charts, csv.name), encoding="utf-8")
    return [page, csv, *charts.values()]


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(
        description="Rapport pour l'équipe : ce que demandent les visiteurs, "
        "ce que l'assistant rate, les réponses jugées inutiles."
    )
    parser.add_argument("--db", type=Path, default=Path("var/tracker.db"), help="base SQLite du tracker store de Rasa")
    parser.add_argument(
        "--html",
        type=Path,
        help="écrit aussi le rapport en HTML dans ce fichier, avec ses "
        "graphiques (PNG) et les groupes de questions (CSV) à côté",
    )
    args = parser.parse_args(argv)
    summary = build(args.db)
    print(
        as_text(
            summary, args.db, f"tous dans {csv_beside(args.html)}" if args.html else "tous dans le CSV qu'écrit --html"
        )
    )
    if args.html:
        written = write_files(summary, args.db, args.html)
        print("\nFichiers écrits : " + ", ".join(str(path) for path in written))


if __name__ == "__main__":
    main()
