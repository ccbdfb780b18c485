"""Charts of the dashboards (and later the reports) as SVG text, drawn by matplotlib from plain data.

Each function takes labels and numbers and returns an SVG document whose text stays text (so it can be
searched, translated and read by a screen reader once shown with its text alternative). matplotlib runs
headless (Agg) and each chart is its own `Figure` (no pyplot state shared between requests). The vendored
Noto Sans is WOFF2 only, which matplotlib cannot read: charts use Noto Sans when it is installed as a system
font and DejaVu Sans (bundled with matplotlib) otherwise; the SVG asks the browser for Noto Sans first."""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib import (
    font_manager,  # noqa: E402
    rc_context,  # noqa: E402
)
from matplotlib.figure import Figure  # noqa: E402

COLOURS = {
    "primary": "#0f5ea8",
    "required": "#0f5ea8",
    "available": "#4fa3d9",
    "spent": "#b35c00",
    "grid": "#d0d7de",
    "text": "#212529",
}
# Sequential blues for the heatmap, matching the heat-0 … heat-4 classes of dashboards.css.
HEAT = ["#f8f9fa", "#d6e6f4", "#9ecae1", "#4292c6", "#08519c"]


def _families() -> list[str]:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in ("Noto Sans", "Noto Sans Bengali") if f in installed] + ["DejaVu Sans"]


FAMILIES = _families()
RC = {
    "svg.fonttype": "none",  # text stays <text>, not paths
    "svg.hashsalt": "mignet",  # stable ids: the same data draws the same SVG
    "font.family": FAMILIES,
    "font.size": 10,
    "axes.edgecolor": COLOURS["grid"],
    "axes.labelcolor": COLOURS["text"],
    "xtick.color": COLOURS["text"],
    "ytick.color": COLOURS["text"],
    "text.color": COLOURS["text"],
}


def _plain(label) -> str:
    """A label as literal text: matplotlib would read "$…$" as mathematics."""
    return str(label).replace("$", r"\$")


def _svg(fig: Figure, title: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Title": str(title)}, bbox_inches="tight")
    svg = buffer.getvalue()
    # Ask the browser for the interface's font first (matplotlib measured with what it has).
    if "Noto Sans" not in FAMILIES:
        svg = svg.replace("font-family: 'DejaVu Sans'", "font-family: 'Noto Sans', 'DejaVu Sans', sans-serif")
    return svg


def _number(value) -> str:
    value = float(value or 0)
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if abs(value) >= 10_000:
        return f"{value / 1_000:.0f}k"
    return f"{value:,.0f}"


def heatmap(
    *,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float]],
    title: str,
    value_label: str,
) -> str:
    """A shaded grid (rows × columns), each cell labelled with its number; empty cells stay blank."""
    with rc_context(RC):
        width = max(4.5, 2.6 + 0.55 * len(columns))
        height = max(2.5, 0.8 + 0.28 * len(rows))
        fig = Figure(figsize=(width, height))
        ax = fig.add_subplot()
        data = [[float(v or 0) for v in line] for line in values] if columns else []
        if not data or not columns:  # nothing to shade: one blank column keeps the axes valid
            data, columns = [[0.0] for _ in rows] or [[0.0]], [""]
        top = max((max(line, default=0) for line in data), default=0) or 1
        from matplotlib.colors import ListedColormap

        ax.imshow(data, cmap=ListedColormap(HEAT), vmin=0, vmax=top, aspect="auto", interpolation="nearest")
        ax.set_xticks(range(len(columns)), [_plain(c) for c in columns], rotation=45, ha="right", fontsize=8)
        ax.set_yticks(range(len(rows)), [_plain(r) for r in rows], fontsize=8)
        for i, line in enumerate(data):
            for j, v in enumerate(line):
                if v:
                    ax.text(
                        j,
                        i,
                        _number(v),
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="#ffffff" if v > top * 0.55 else COLOURS["text"],
                    )
        ax.set_title(_plain(title), fontsize=10, loc="left")
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        fig.text(0.01, 0.005, _plain(value_label), fontsize=7)
        return _svg(fig, title)


def bars(*, labels: Sequence[str], values: Sequence[float], title: str, value_label: str) -> str:
    """Horizontal bars, one per label, each with its value written at its end."""
    with rc_context(RC):
        fig = Figure(figsize=(6, max(1.8, 0.6 + 0.35 * len(labels))))
        ax = fig.add_subplot()
        positions = list(range(len(labels)))
        numbers = [float(v or 0) for v in values]
        ax.barh(positions, numbers, color=COLOURS["primary"])
        ax.set_yticks(positions, [_plain(x) for x in labels])
        ax.invert_yaxis()
        top = max(numbers, default=0) or 1
        for y, v in zip(positions, numbers, strict=True):
            ax.text(v + top * 0.01, y, _number(v), va="center", fontsize=8)
        ax.set_xlim(0, top * 1.15)
        ax.set_xlabel(_plain(value_label))
        ax.set_title(_plain(title), fontsize=10, loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        return _svg(fig, title)


def grouped_bars(
    *, groups: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], title: str, value_label: str
) -> str:
    """Vertical bars in groups (e.g. per body: required, available, spent), with a legend."""
    with rc_context(RC):
        fig = Figure(figsize=(max(4.5, 1.6 + 1.3 * len(groups)), 3.4))
        ax = fig.add_subplot()
        width = 0.8 / max(1, len(series))
        palette = [COLOURS["required"], COLOURS["available"], COLOURS["spent"], "#6c757d"]
        for k, (name, numbers) in enumerate(series):
            xs = [i + (k - (len(series) - 1) / 2) * width for i in range(len(groups))]
            ax.bar(
                xs, [float(v or 0) for v in numbers], width=width, label=_plain(name), color=palette[k % 4]
            )
        ax.set_xticks(range(len(groups)), [_plain(g) for g in groups], rotation=20, ha="right")
        ax.set_ylabel(_plain(value_label))
        ax.yaxis.set_major_formatter(lambda v, _pos: _number(v))
        ax.set_title(_plain(title), fontsize=10, loc="left")
        ax.legend(frameon=False, fontsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        return _svg(fig, title)
