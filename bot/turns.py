"""What one turn brings in (from the tracker) and sends back (answers and the context to remember)."""

from dataclasses import dataclass, field
from typing import Iterable, List, Optional, Sequence, Tuple

from bot.answers import Answer


@dataclass(frozen=True)
class Turn:
    """What the action read from the tracker."""

    intent: str
    text: str = ""
    entity_values: Sequence[str] = ()
    grappe: Optional[str] = None
    aspect: Optional[str] = None
    ranking: Sequence[str] = ()
    unclear: bool = False  # the previous answer already asked to clarify
    group: Sequence[str] = ()  # the clusters last discussed together, the one in discussion among them


@dataclass
class Reply:
    answers: List[Answer]
    grappe: Optional[str] = None
    aspect: Optional[str] = None
    unclear: bool = False
    group: List[str] = field(default_factory=list)  # set by Assistant.respond from the turn and the question


def split_aspect(aspect: Optional[str]) -> Tuple[Optional[str], Optional[str]]:
    """The remembered aspect "figures:emplois" (or "figures:emplois@2019") -> ("figures", "emplois")."""
    if not aspect:
        return None, None
    name, _, measure = aspect.partition("@")[0].partition(":")
    return name, measure or None


def aspect_year(aspect: Optional[str]) -> Optional[int]:
    """The year of the figures just given, remembered after "@" ("figures:emplois@2019" -> 2019), so that
    « et l'année d'avant ? » asks for 2018."""
    year = (aspect or "").partition("@")[2]
    return int(year) if year.isdigit() else None


def dated(aspect: str, years: Iterable[Optional[int]]) -> str:
    """The aspect to remember, with the year of what was given when it is one year."""
    distinct = set(years)
    return f"{aspect}@{distinct.pop()}" if len(distinct) == 1 and None not in distinct else aspect
