"""Colours and fonts for figures in the light and dark themes (text contrast >= 4.5:1 on both backgrounds)."""

from __future__ import annotations

from dataclasses import dataclass


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
