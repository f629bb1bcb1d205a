"""What every figure shares: colours and fonts for the light and dark themes (text contrast >= 4.5:1 on both
backgrounds), the base layout and axes (the value axis on the right in a right-to-left language), the empty figure.

Every figure is made by one ``SharedFigure(data=..., layout=...)`` (shared_figure.py) from plain values and numpy
arrays: plotly validates it all the same, while its ``update_*`` / ``add_*`` methods (a path lookup per keyword) and
pandas inputs (converted through narwhals per property) cost several times more per figure.
"""

from __future__ import annotations

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


def axis_style(dark: bool, title: str = "") -> dict:
    colours = palette(dark)
    return dict(tickfont=dict(color=colours.text), title=dict(text=title, font=dict(color=colours.text)),
                automargin=True, gridcolor=colours.grid, linecolor=colours.grid, zerolinecolor=colours.grid)


def figure_layout(t: Translator, dark: bool, height: int, legend_y: float | None = None) -> dict:
    """The base layout for ``t``'s language; ``legend_y`` lays the legend out horizontally above or below."""
    layout = base_layout(dark, height=height, rtl=t.rtl)
    if legend_y is not None:
        layout["legend"].update(orientation="h", y=legend_y, yanchor="bottom" if legend_y > 0.5 else "top")
    return layout


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
