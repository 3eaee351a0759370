"""Charts as inline SVG, drawn at build time from the same model the pages use.

Pure Python, no dependencies, deterministic (the same model gives the same bytes). Every
chart is a horizontal bar chart: Chinese labels stay readable at phone widths and the bars
need no axis. Each ``<svg>`` has ``role="img"``, an ``aria-labelledby`` pointing at its own
``<title>`` and ``<desc>`` (the desc says what the chart shows in words), refers to nothing
outside itself, and takes its colours from classes the site's stylesheet can override
(high-contrast and print), with presentation attributes as the default. The page puts the
chart's data table beside it: the chart is a picture of that table, not a replacement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as _html_escape

from markupsafe import Markup

from generator.site import text

WIDTH = 400
"""Width of the viewBox; the chart is scaled to the width of its column."""
FONT = 14
ROW = 28
BAR = 18
PAD = 6
LABEL_MAX_CHARS = 11

BAR_COLOR = "#a8201a"
TEXT_COLOR = "#1f1f1f"
SERIES_COLORS = ("#1e6b34", "#a8201a", "#1f4e8c", "#5f6368")
"""Dark enough for 3:1 against white and for white numbers inside the bars."""


def _esc(value: object) -> str:
    return _html_escape(str(value), quote=True)


def _n(value: float) -> str:
    """A coordinate: at most one decimal, no trailing ``.0``."""
    shown = f"{value:.1f}"
    return shown[:-2] if shown.endswith(".0") else shown


def _text_width(value: str) -> float:
    """Rough width of a label in px at FONT size: CJK and full-width signs are 1 em, others ~0.6."""
    return sum(FONT if ord(ch) > 0x2E7F else FONT * 0.6 for ch in value)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX_CHARS else label[: LABEL_MAX_CHARS - 1] + "…"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str = ""
    """The value as printed at the bar's end (defaults to the number)."""


def bar_chart(key: str, title: str, desc: str, bars: Sequence[Bar]) -> Markup:
    """One series of horizontal bars, with the value printed at each bar's end.

    The unit is written once, in the title (``研发投入占GDP比重（%）``), not after each value.
    """
    shown = [bar.shown or text.number(bar.value) for bar in bars]
    label_w = min(max((_text_width(_short(b.label)) for b in bars), default=0) + PAD * 2, WIDTH * 0.45)
    value_w = max((_text_width(s) for s in shown), default=0) + PAD * 2
    plot_w = WIDTH - label_w - value_w
    top = max((b.value for b in bars), default=0)
    height = max(len(bars), 1) * ROW + PAD * 2
    parts = [_open(key, title, desc, height)]
    for index, (bar, value_text) in enumerate(zip(bars, shown, strict=True)):
        y = PAD + index * ROW
        mid = y + ROW / 2
        width = plot_w * bar.value / top if top > 0 and bar.value > 0 else 0
        parts.append(f"<g>{_label(bar.label, label_w, mid)}")
        if width:
            parts.append(
                f'<rect class="chart-bar" x="{_n(label_w)}" y="{_n(mid - BAR / 2)}" '
                f'width="{_n(max(width, 1))}" height="{BAR}" fill="{BAR_COLOR}"/>'
            )
        parts.append(
            f'<text class="chart-value" x="{_n(label_w + width + PAD)}" y="{_n(mid)}" '
            f'dominant-baseline="central" fill="{TEXT_COLOR}">{_esc(value_text)}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked_bar_chart(
    key: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
) -> Markup:
    """Horizontal bars split into segments (one per series), a legend above, counts inside."""
    totals = [sum(values[i] for _, values in series) for i in range(len(labels))]
    label_w = min(max((_text_width(_short(lb)) for lb in labels), default=0) + PAD * 2, WIDTH * 0.45)
    total_w = max((_text_width(str(t)) for t in totals), default=0) + PAD * 2
    plot_w = WIDTH - label_w - total_w
    top = max(totals, default=0)
    legend_h = ROW
    height = legend_h + max(len(labels), 1) * ROW + PAD * 2
    parts = [_open(key, title, desc, height)]
    # Legend: a swatch and a name per series, left to right.
    x = label_w
    parts.append('<g class="chart-legend">')
    for index, (name, _) in enumerate(series):
        color = SERIES_COLORS[index % len(SERIES_COLORS)]
        parts.append(
            f'<rect class="chart-series-{index}" x="{_n(x)}" y="{_n(PAD + 3)}" width="12" height="12" '
            f'fill="{color}"/><text class="chart-text" x="{_n(x + 16)}" y="{_n(PAD + 9)}" '
            f'dominant-baseline="central" fill="{TEXT_COLOR}">{_esc(name)}</text>'
        )
        x += 16 + _text_width(name) + PAD * 3
    parts.append("</g>")
    for row, label in enumerate(labels):
        y = PAD + legend_h + row * ROW
        mid = y + ROW / 2
        parts.append(f"<g>{_label(label, label_w, mid)}")
        x = label_w
        for index, (_, values) in enumerate(series):
            value = values[row]
            if not value or top <= 0:
                continue
            width = plot_w * value / top
            color = SERIES_COLORS[index % len(SERIES_COLORS)]
            parts.append(
                f'<rect class="chart-series-{index}" x="{_n(x)}" y="{_n(mid - BAR / 2)}" '
                f'width="{_n(width)}" height="{BAR}" fill="{color}" stroke="#ffffff" stroke-width="1"/>'
            )
            if width >= _text_width(str(value)) + 4:
                parts.append(
                    f'<text class="chart-inner" x="{_n(x + width / 2)}" y="{_n(mid)}" text-anchor="middle" '
                    f'dominant-baseline="central" fill="#ffffff">{value}</text>'
                )
            x += width
        parts.append(
            f'<text class="chart-value" x="{_n(x + PAD)}" y="{_n(mid)}" dominant-baseline="central" '
            f'fill="{TEXT_COLOR}">{totals[row]}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _open(key: str, title: str, desc: str, height: float) -> str:
    ident = f"chart-{_esc(key)}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'width="{WIDTH}" height="{_n(height)}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'font-size="{FONT}">'
        f'<title id="{ident}-title">{_esc(title)}</title><desc id="{ident}-desc">{_esc(desc)}</desc>'
    )


def _label(label: str, label_w: float, mid: float) -> str:
    short = _short(label)
    full = f"<title>{_esc(label)}</title>" if short != label else ""
    return (
        f'<text class="chart-text" x="{_n(label_w - PAD)}" y="{_n(mid)}" text-anchor="end" '
        f'dominant-baseline="central" fill="{TEXT_COLOR}">{full}{_esc(short)}</text>'
    )


def describe(rows: Sequence[tuple[str, object]]) -> str:
    """The chart's data in one sentence, for its ``<desc>``: ``石家庄市 1，唐山市 2。``"""
    items = [f"{label} {text.number(v) if isinstance(v, int | float) else v}" for label, v in rows]
    return "，".join(items) + "。" if items else "没有数据。"


def counts_chart(key: str, title: str, rows: Sequence[tuple[object, float]]) -> Markup:
    """A bar chart of ``(label, number)`` rows, its description made from the same rows."""
    labelled = [(str(label), value) for label, value in rows]
    return bar_chart(key, title, describe(labelled), [Bar(lb, v) for lb, v in labelled])
