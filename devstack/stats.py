"""The statistics docs/benchmarks.md and docs/reliability.md report, computed one way."""

from typing import Sequence

import numpy as np


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between the two closest ranks (numpy's default,
    Hyndman-Fan type 7): p50 is the median. NaN for no values."""
    return float(np.percentile(values, q)) if len(values) else float("nan")
