"""The timeline of milestones by track."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from morocco_ai.i18n import Translator

from .style import SharedFigure, axis_style, empty_figure, figure_layout, palette, value_axis

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


def build_timeline(milestones: pd.DataFrame, *, t: Translator, dark: bool = False, height: int = 460) -> go.Figure:
    """Milestones by track. Past ones are filled circles; announced or planned ones are open diamonds, so the
    difference is in shape as well as colour. A thick outline marks an entry on which sources disagree."""
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
    layout = figure_layout(t, dark, height, legend_y=1.02)
    layout.update(hovermode="closest", clickmode="event+select", dragmode="pan",
                  yaxis=dict(categoryorder="array", categoryarray=[track_names[x] for x in reversed(tracks)],
                             **value_axis(t), **axis_style(dark)),
                  xaxis=dict(type="date", tickformatstops=NUMERIC_DATE_TICKS, **axis_style(dark)))
    return SharedFigure(dict(data=traces, layout=layout))
