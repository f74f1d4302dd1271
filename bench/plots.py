"""The PNG figures of docs/benchmarks.md."""

from pathlib import Path
from typing import Dict, List

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.metrics import confusion_matrix as count_confusions  # noqa: E402


def confusion_matrix(gold: List[str], predicted: List[str], path: Path, title: str) -> Path:
    """Rows: true intent; columns: predicted; each row normalised, so small intents stay visible."""
    labels = sorted(set(gold) | set(predicted))
    counts = count_confusions(gold, predicted, labels=labels).astype(float)
    rates = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    figure, axes = plt.subplots(figsize=(11, 10))
    image = axes.imshow(rates, cmap="Blues", vmin=0, vmax=1)
    axes.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
    axes.set_yticks(range(len(labels)), labels, fontsize=7)
    for row, column in zip(*np.nonzero(counts)):
        if row != column:
            axes.text(column, row, int(counts[row, column]), ha="center", va="center", fontsize=6, color="crimson")
    axes.set_xlabel("intention prédite")
    axes.set_ylabel("intention attendue")
    axes.set_title(title)
    figure.colorbar(image, fraction=0.04)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def latency_histogram(panels: Dict[str, Dict[str, List[float]]], path: Path) -> Path:
    """One panel per load (1 user, 20 users), one histogram per bot, on a log scale of milliseconds."""
    figure, axes = plt.subplots(1, len(panels), figsize=(12, 4.5), squeeze=False)
    for axis, (title, series) in zip(axes[0], panels.items()):
        everything = [v for values in series.values() for v in values]
        bins = np.logspace(np.log10(max(min(everything), 1)), np.log10(max(everything)), 40)
        for label, values in series.items():
            axis.hist(values, bins=bins, alpha=0.55, label=f"{label} (p50 {np.percentile(values, 50):.0f} ms)")
        axis.set_xscale("log")
        axis.set_xlabel("latence par tour (ms, échelle log)")
        axis.set_ylabel("tours")
        axis.set_title(title)
        axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
