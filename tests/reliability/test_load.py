"""Load: 20 simultaneous conversations × 50 turns over REST, without an error, all of it in the tracker store."""

import asyncio
import os
from pathlib import Path

from devstack.load import figures, missing_from_tracker_store, run, write_figures
from devstack.servers import ROOT

# `make reliability` sets it to docs/reliability.md; otherwise the figures only go to reports/.
DOC_VARIABLE = "RELIABILITY_DOC"


def test_twenty_conversations_of_fifty_turns(stack):
    result = asyncio.run(run(stack.url, conversations=20, turns=50))
    missing = missing_from_tracker_store(stack.tracker_db, result.sent)
    table = figures(result, missing)
    report = ROOT / "reports" / "reliability.md"
    report.parent.mkdir(exist_ok=True)
    report.write_text(table + "\n", encoding="utf-8")
    if os.environ.get(DOC_VARIABLE):
        write_figures(Path(os.environ[DOC_VARIABLE]), table)
    assert result.messages == 1000
    assert not result.errors, result.errors[:5]
    assert not missing, missing
