"""French dates, numbers and typography of the report; the staff reads it in Montréal, in French.

Times are shown in Montréal's time zone whatever the server's, so a day of the report is a day in Montréal.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

# The chat page's typography too: one rule, kept in bot/ and re-exported for the report's modules.
from bot.french import NBSP as NBSP
from bot.french import typeset as typeset

MONTREAL = ZoneInfo("America/Montreal")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
SHORT_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


def local(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, MONTREAL)


def _day_number(day: date) -> str:
    return "1er" if day.day == 1 else str(day.day)


def long_date(day: date) -> str:
    """« 1er décembre 2026 », « 14 novembre 2023 »."""
    return f"{_day_number(day)} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """« 1er déc. », for the axis of a chart."""
    return f"{_day_number(day)} {SHORT_MONTHS[day.month - 1]}"


def moment(when: datetime) -> str:
    """« 1er décembre 2026 à 9 h 05 »."""
    return f"{long_date(when)} à {when.hour} h {when.minute:02d}"


def period(first: date, last: date) -> str:
    """« le 3 mai 2026 », or « du 30 avril 2026 au 3 mai 2026 »."""
    return f"le {long_date(first)}" if first == last else f"du {long_date(first)} au {long_date(last)}"


def percent(part: int, whole: int) -> str:
    """« 83 % » (a space before the sign, as in French); « – » when there is nothing to divide."""
    return f"{round(100 * part / whole)} %" if whole else "–"
