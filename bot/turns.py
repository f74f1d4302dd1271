"""What one turn brings in (from the tracker) and sends back (answers and the context to remember)."""

from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

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
    """The remembered aspect "figures:emplois" -> ("figures", "emplois")."""
    if not aspect:
        return None, None
    name, _, measure = aspect.partition(":")
    return name, measure or None
