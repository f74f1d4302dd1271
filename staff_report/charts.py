"""The PNG charts of the report, drawn with matplotlib (Agg: files only, no display) at fixed sizes.

Labels are our own French words and the clusters' names, all in Latin script: DejaVu Sans, which matplotlib
ships, draws every one of them on any machine, so no label depends on the fonts installed.
"""

from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator, PercentFormatter  # noqa: E402

from bot.french import capitalised  # noqa: E402
from staff_report import french  # noqa: E402
from staff_report.grouping import ranked  # noqa: E402
from staff_report.summary import Summary, attribute_name  # noqa: E402

SIZE, DPI, TOP, LABELLED_DAYS = (8, 3.6), 100, 8, 31
BLUE, RED = "#2b6cb0", "#c53030"
FILES = {
    "messages": "messages-par-jour",
    "non_compris": "non-compris-par-jour",
    "grappes": "grappes",
    "attributs": "attributs",
}
TITLES = {
    "messages": "Messages des visiteurs par jour",
    "non_compris": "Part des questions tapées non comprises, par jour",
    "grappes": "Grappes les plus demandées",
    "attributs": "Attributs précis les plus demandés",
}
plt.rcParams.update(
    {"font.family": "DejaVu Sans", "font.size": 10, "axes.spines.top": False, "axes.spines.right": False}
)


def _save(figure, path: Path) -> Path:
    figure.tight_layout()
    figure.savefig(path, dpi=DPI)
    plt.close(figure)
    return path


def _per_day(
    summary: Summary, values: List[Optional[float]], path: Path, title: str, color: str, percent: bool
) -> Path:
    """One bar a day; a day without a value (no question to divide) gets a dash, not a bar at zero."""
    days = [day for day, _ in summary.calendar()]
    figure, axes = plt.subplots(figsize=SIZE)
    bars = axes.bar(range(len(days)), [v or 0 for v in values], color=color)
    if len(days) <= LABELLED_DAYS:
        axes.bar_label(
            bars,
            ["–" if v is None else french.percent(round(100 * v), 100) if percent else str(v) for v in values],
            padding=2,
            fontsize=9,
        )
    step = max(1, len(days) // 12)  # at most a dozen dates under the axis
    axes.set_xticks(range(0, len(days), step), [french.short_date(day) for day in days[::step]])
    if percent:
        axes.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0, symbol="\u00a0%"))
        axes.set_ylim(0, 1.1)
    else:
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylim(0, max(values) * 1.15 + 1)
    axes.set_title(title)
    return _save(figure, path)


def _ranking(pairs: Sequence[Tuple[str, int]], path: Path, title: str) -> Path:
    labels, counts = [label for label, _ in pairs][::-1], [count for _, count in pairs][::-1]
    figure, axes = plt.subplots(figsize=SIZE)
    axes.barh(labels, counts, color=BLUE)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(title)
    return _save(figure, path)


def draw(summary: Summary, stem: Path) -> Dict[str, Path]:
    """Writes <stem>-*.png and returns them by name. A chart with nothing to show is not drawn, and its file from
    an earlier report is removed, so no PNG beside the page tells of another store."""
    paths = {name: stem.with_name(f"{stem.name}-{file}.png") for name, file in FILES.items()}
    for path in paths.values():
        path.unlink(missing_ok=True)
    calendar = summary.calendar()
    if calendar:
        _per_day(summary, [d.messages for _, d in calendar], paths["messages"], TITLES["messages"], BLUE, percent=False)
        _per_day(
            summary,
            [d.not_understood / d.questions if d.questions else None for _, d in calendar],
            paths["non_compris"],
            TITLES["non_compris"],
            RED,
            percent=True,
        )
    if summary.clusters:
        _ranking(
            [(summary.cluster_name(c), n) for c, n in ranked(summary.clusters)[:TOP]],
            paths["grappes"],
            TITLES["grappes"],
        )
    if summary.attributes:
        _ranking(
            [(_short(capitalised(attribute_name(a))), n) for a, n in ranked(summary.attributes)[:TOP]],
            paths["attributs"],
            TITLES["attributs"],
        )
    return {name: path for name, path in paths.items() if path.exists()}


def _short(label: str, width: int = 38) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"
