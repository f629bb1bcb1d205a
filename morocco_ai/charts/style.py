"""What every figure shares: colours and fonts for the light and dark themes (text contrast >= 4.5:1 on both
backgrounds), the base layout and axes (the value axis on the right in a right-to-left language), the empty figure.

Every figure is made by one ``SharedFigure(data=..., layout=...)`` (shared_figure.py) from plain values and numpy
arrays: plotly validates it all the same, while its ``update_*`` / ``add_*`` methods (a path lookup per keyword) and
pandas inputs (converted through narwhals per property) cost several times more per figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import plotly.graph_objects as go

from morocco_ai.i18n import Translator

from .shared_figure import SharedFigure


@dataclass(frozen=True)
class Palette:
    text: str
    muted_text: str
    background: str
    grid: str
    border: str
    sequential: tuple[str, ...]
    categorical: tuple[str, ...]


# Text colours measured against the theme backgrounds of .streamlit/config.toml:
# #1b1f24 on #ffffff = 16.6:1, #4a5260 on #ffffff = 7.9:1; #f2f4f7 on #0e1117 = 17.2:1, #b8c0cc on #0e1117 = 10.3:1.
LIGHT = Palette(
    text="#1b1f24", muted_text="#4a5260", background="#ffffff", grid="#d5d9e0", border="#555555",
    sequential=("#eef4fb", "#b9d2ea", "#6fa3d3", "#2f6fb0", "#163e6e"),
    categorical=("#0b6e4f", "#c75100", "#3b5bdb", "#8a8f98", "#a61e4d", "#5f3dc4"),
)
DARK = Palette(
    text="#f2f4f7", muted_text="#b8c0cc", background="#0e1117", grid="#3a404c", border="#9aa3b0",
    sequential=("#1d2a3a", "#27476b", "#3a6ea5", "#6fa3d3", "#c6dcf2"),
    categorical=("#3ecf8e", "#ff9f43", "#7d9cff", "#aab1bc", "#ff6b9a", "#b197fc"),
)


def palette(dark: bool) -> Palette:
    return DARK if dark else LIGHT


def base_layout(dark: bool, title: str = "", height: int = 420, rtl: bool = False) -> dict:
    """Layout shared by every figure: transparent background, readable fonts, no remote resources; in a
    right-to-left language the title, legend and hover labels align right."""
    colours = palette(dark)
    return dict(
        title=dict(text=title, font=dict(color=colours.text, size=16), x=0.98 if rtl else 0.02,
                   xanchor="right" if rtl else "left"),
        font=dict(color=colours.text, size=13),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        height=height,
        margin=dict(l=10, r=10, t=50 if title else 10, b=10),
        legend=dict(font=dict(color=colours.text), x=1 if rtl else 0, xanchor="right" if rtl else "left"),
        hoverlabel=dict(font=dict(color="#1b1f24"), bgcolor="#ffffff", align="right" if rtl else "left"),
    )


TOOLBAR_HEIGHT = 36  # room above the plot for the chart's toolbar, which would otherwise cover its top (a name)
HIGHLIGHT = 1  # the palette's colour for Morocco (orange), beside the other countries' blue and green

# Text no smaller than the page's small text (Streamlit's captions: 14 px at the default 16 px body)
SMALL_TEXT = 13
# Plotly writes the numbers it formats itself (hovers' %{y}, bar texts) with these: (decimal mark, thousands)
SEPARATORS = {"fr": ",\u202f", "en": ".,", "ar": ",."}


def axis_style(dark: bool, title: str = "") -> dict:
    """An axis whose labels are never turned on their side (on a phone, a long label wraps or the chart turns
    its bars horizontal instead)."""
    colours = palette(dark)
    return dict(tickfont=dict(color=colours.text, size=SMALL_TEXT), tickangle=0,
                title=dict(text=title, font=dict(color=colours.text)), automargin=True, gridcolor=colours.grid,
                linecolor=colours.grid, zerolinecolor=colours.grid)


def figure_layout(t: Translator, dark: bool, height: int, legend_below: bool = False) -> dict:
    """The base layout for ``t``'s language; with ``legend_below`` the legend lies horizontally under the plot,
    where neither the data nor the chart's toolbar (top right) covers it."""
    layout = base_layout(dark, height=height, rtl=t.rtl)
    layout["separators"] = SEPARATORS.get(t.lang, ".,")
    layout["margin"]["t"] = TOOLBAR_HEIGHT
    if legend_below:
        layout["legend"].update(orientation="h", y=-0.18, yanchor="top")
    else:
        layout["showlegend"] = False
    return layout


def nice_step(span: float, count: int) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that cuts ``span`` into about ``count`` parts."""
    raw = span / max(count, 1) or 1
    power = 10 ** math.floor(math.log10(raw))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= raw)


def value_ticks(values, t: Translator, *, kind: str = "number", count: int = 5, zero: bool = True) -> dict:
    """A value axis's ticks written the reader's way: '45 M' and '1,2 Md' in French, '45M' in English, '45 %'
    (Plotly's own ticks are always English: '45M', '1,234.5'). ``kind``: number or percent."""
    finite = [float(v) for v in values if v is not None and v == v]
    if not finite:
        return {}
    low, high = (min(0.0, min(finite)) if zero else min(finite)), max(finite)
    step = nice_step(high - low, count)
    first = math.floor(low / step) * step
    ticks = [first + i * step for i in range(int(math.ceil((high - first) / step)) + 1)]
    big = max(abs(v) for v in ticks) >= 10_000

    def text(value: float) -> str:
        value = round(value, 6)
        if kind == "percent":
            return t.percent(value)
        return t.compact(value) if big and value else t.number(value)
    return dict(tickmode="array", tickvals=ticks, ticktext=[text(v) for v in ticks])


def value_axis(t: Translator) -> dict:
    """Where the value (y) axis stands: on the right in a right-to-left language."""
    return dict(side="right") if t.rtl else {}


def empty_figure(message: str, *, t: Translator, dark: bool = False, height: int = 220) -> go.Figure:
    """A figure that says why it is empty (used when a filter leaves nothing to draw)."""
    layout = figure_layout(t, dark, height)
    layout.update(annotations=[dict(text=message, showarrow=False, font=dict(color=palette(dark).text, size=15),
                                    xref="paper", yref="paper", x=0.5, y=0.5)],
                  xaxis=dict(visible=False), yaxis=dict(visible=False))
    return SharedFigure(data=[], layout=layout)


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def readable_on(colour: str) -> str:
    """Black or white, whichever contrasts more with ``colour`` (text on a coloured bar)."""
    own = luminance(colour)
    return "#000000" if (own + 0.05) / 0.05 >= 1.05 / (own + 0.05) else "#ffffff"
