"""The timeline of milestones by track."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from morocco_ai.i18n import Translator

from .style import SMALL_TEXT, SharedFigure, axis_style, empty_figure, figure_layout, palette, value_axis

TRACK_ORDER = ("strategy", "diplomacy", "institutions", "regulation", "events", "partnerships")

# the columns a hover reads (itertuples over only these: a row of every column costs a pandas lookup per column)
HOVER_FIELDS = ["title", "date_label", "precision", "region_name", "city", "is_future", "status",
                "has_alternatives", "n_sources"]


def _milestone_hover(row, t: Translator) -> str:
    place = row.region_name + (f", {row.city}" if row.city else "")
    flags = []
    if row.is_future:
        flags.append(t("timeline.hover_future", status=t(f"status.{row.status}")))
    if row.has_alternatives:
        flags.append(t("timeline.hover_disputed"))
    note = ("<br><i>" + "; ".join(flags) + "</i>") if flags else ""
    return (f"<b>{row.title}</b><br>{row.date_label} ({t('precision.' + row.precision)})<br>{place}<br>"
            f"{t('timeline.hover_sources', count=row.n_sources)}{note}")


DAY_MS = 86_400_000
# Date ticks in numbers at every zoom level: plotly.js would otherwise name months in English ("Jan 2024") on a
# French or Arabic page; hovers carry the Babel-formatted date instead.
NUMERIC_DATE_TICKS = [
    dict(dtickrange=[None, 27 * DAY_MS], value="%d/%m/%Y"),
    dict(dtickrange=[27 * DAY_MS, "M11"], value="%m/%Y"),
    dict(dtickrange=["M12", None], value="%Y"),
]


WIDTHS = {"wide": 1000, "narrow": 240}  # pixels of the plot between its axes on a laptop (1400 px) and a phone (390 px)
CHAR_WIDTH = 7.2  # pixels a character of a label takes, about (13 px font)
LANES = (16, -16)  # a label stands just above its point, or just below when that place is taken


def place_labels(milestones: pd.DataFrame, tracks: list[str], x_range: tuple[pd.Timestamp, pd.Timestamp],
                 width: int) -> list[dict]:
    """The milestones named on the chart and where: each one with a ``short`` name, the most important first
    (announced ones, then those with the most sources), in the first free place beside its point — the band
    above its track's row, else the band below (a band between two rows serves both) — where it overlaps no label
    already placed at this plot ``width``; one that fits nowhere is left to its hover (a narrow chart names fewer
    milestones, in the same size). Each label: the row, its x, its lane, its anchor."""
    span = (x_range[1] - x_range[0]).total_seconds() or 1.0
    taken: dict[int, list[tuple[float, float]]] = {}
    placed = []
    named = milestones[milestones["short"] != ""]
    for row in named.sort_values(["is_future", "n_sources", "start"], ascending=[False, False, False]).itertuples():
        middle = row.start + (row.finish - row.start) / 2
        pixel = (middle - x_range[0]).total_seconds() / span * width
        size = len(row.short) * CHAR_WIDTH
        anchor = "left" if pixel - size / 2 < 0 else "right" if pixel + size / 2 > width else "center"
        left = {"left": pixel, "right": pixel - size, "center": pixel - size / 2}[anchor]
        for lane in range(len(LANES)):
            band = taken.setdefault(tracks.index(row.track) + lane, [])  # rows from the top; band 0 above the first
            if all(left + size + 6 <= start or end + 6 <= left for start, end in band):
                band.append((left, left + size))
                placed.append(dict(row=row, x=middle, lane=lane, anchor=anchor))
                break
    return placed


def build_timeline(milestones: pd.DataFrame, *, t: Translator, dark: bool = False, height: int = 460,
                   width: str = "wide") -> go.Figure:
    """Milestones by track, the key ones named on the chart. Past ones are filled circles; announced or planned
    ones are open diamonds and their names in italics, so the difference is in shape as well as colour. A thick
    outline marks an entry on which sources disagree. ``width``: "wide" (a laptop) or "narrow" (a phone: fewer
    names, none smaller)."""
    if milestones.empty:
        return empty_figure(t("timeline.empty"), t=t, dark=dark)
    colours = palette(dark)
    tracks = [track for track in TRACK_ORDER if track in set(milestones["track"])]
    track_names = {track: t(f"track.{track}") for track in tracks}
    traces = []
    # multi-day events whose both ends are real days: one bar each, all in one trace (shapes are slow to build)
    spans = milestones[(milestones["precision"] == "day") & (milestones["end_date"] != "")]
    if not spans.empty:
        x, y = [], []
        for start, finish, track in zip(spans["start"], spans["finish"], spans["track"]):
            x += [start, finish, None]
            y += [track_names[track]] * 2 + [None]
        traces.append(dict(type="scatter", x=x, y=y, mode="lines", line=dict(color=colours.muted_text, width=3),
                           hoverinfo="skip", showlegend=False))
    groups = ((t("timeline.recorded"), False, "circle", colours.categorical[2]),
              (t("timeline.future"), True, "diamond-open", colours.categorical[1]))
    for name, future, symbol, colour in groups:
        part = milestones[milestones["is_future"] == future]
        if part.empty:
            continue
        disputed = part["has_alternatives"].tolist()
        traces.append(dict(
            type="scatter", x=(part["start"] + (part["finish"] - part["start"]) / 2).to_numpy(),
            y=[track_names[x] for x in part["track"]], mode="markers", name=name,
            marker=dict(symbol=symbol, size=[15 if d else 12 for d in disputed], color=colour,
                        line=dict(width=[2.5 if d else 1 for d in disputed], color=colours.text)),
            customdata=part["id"].to_numpy(),
            hovertext=[_milestone_hover(row, t) for row in part[HOVER_FIELDS].itertuples()],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    first, last = milestones["start"].min(), milestones["finish"].max()
    pad = max((last - first) * 0.03, pd.Timedelta(days=20))
    x_range = (first - pad, last + pad)
    labels = [dict(x=label["x"], y=track_names[label["row"].track], xanchor=label["anchor"],
                   yshift=LANES[label["lane"]], yanchor="bottom" if LANES[label["lane"]] > 0 else "top",
                   text=f"<i>{label['row'].short}</i>" if label["row"].is_future else label["row"].short,
                   showarrow=False, font=dict(color=colours.text, size=SMALL_TEXT))
              for label in place_labels(milestones, tracks, x_range, WIDTHS[width])]
    layout = figure_layout(t, dark, height, legend_below=True)
    layout.update(hovermode="closest", clickmode="event+select", dragmode="pan", annotations=labels,
                  yaxis=dict(categoryorder="array", categoryarray=[track_names[x] for x in reversed(tracks)],
                             **value_axis(t), **axis_style(dark)),
                  xaxis=dict(type="date", range=list(x_range), tickformatstops=NUMERIC_DATE_TICKS,
                             **axis_style(dark)))
    return SharedFigure(dict(data=traces, layout=layout))
