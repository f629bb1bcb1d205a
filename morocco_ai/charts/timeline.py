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


# Pixels of the plot between its axes, measured in Chromium on the centered page (fr, en, ar alike): 570 from a
# 800 px window up, 556 at 720, 224 on a 390 px phone. "wide" holds from LAPTOP_MIN_WINDOW up; "narrow" also
# leaves room for a 360 px phone.
WIDTHS = {"wide": 550, "narrow": 190}
LAPTOP_MIN_WINDOW = 720  # below it the page's CSS hides the names only a laptop has room for
CHAR_WIDTH = 7.2  # pixels a character of a label takes, about (13 px font)
LANES = (16, -16)  # a label stands just above its point, or just below when that place is taken


LABEL_FIELDS = ["short", "is_future", "n_sources", "start", "finish", "track"]
# The names a phone has no room for carry this family name (no such font: it changes nothing drawn) in the style
# plotly.js writes on their text, so that the page's CSS hides them below a laptop's width (components/language.py):
# one figure for both widths instead of two (bench.rerun: the timeline missed 0.5x typical.py with two).
LAPTOP_ONLY = "laptop-only-label"
BODY_FONT = '"Source Sans", sans-serif'  # Streamlit's: every name of the chart in it, with or without the mark


def _name_box(row, anchor: str | None, x_range, span: float, pixels: int) -> tuple[str, float, float] | None:
    """Where a name stands on a plot ``pixels`` wide: its anchor (kept when given; else the first of centred on its
    point, starting at it, ending at it that stays inside the plot), its left and right edges; None when no anchor
    keeps it inside."""
    pixel = (row.start + (row.finish - row.start) / 2 - x_range[0]).total_seconds() / span * pixels
    size = len(row.short) * CHAR_WIDTH
    boxes = {"center": pixel - size / 2, "left": pixel, "right": pixel - size}
    if anchor:
        return anchor, boxes[anchor], boxes[anchor] + size
    return next(((anchor, left, left + size) for anchor, left in boxes.items() if 0 <= left <= pixels - size), None)


def place_labels(milestones: pd.DataFrame, tracks: list[str], x_range: tuple[pd.Timestamp, pd.Timestamp]
                 ) -> list[dict]:
    """The milestones named on the chart and where: each one with a ``short`` name, the most important first
    (announced ones, then those with the most sources), in the first free place beside its point — the band
    above its track's row, else the band below (a band between two rows serves both) — where it overlaps no label
    already placed. Placed first on a phone's plot (``WIDTHS["narrow"]``), then on a laptop's, the laptop's own
    names placed around the phone's (which only move apart on a wider plot); one that fits nowhere is left to its
    hover: a phone shows fewer names, none smaller. Each label: its name, whether announced, its x and track, its
    lane and anchor, and whether a phone shows it."""
    span = (x_range[1] - x_range[0]).total_seconds() or 1.0
    named = milestones.loc[milestones["short"] != "", LABEL_FIELDS]
    ranked = sorted(named.itertuples(index=False), key=lambda r: (r.is_future, r.n_sources, r.start), reverse=True)
    placed: list[dict] = []
    for width in ("narrow", "wide"):
        pixels = WIDTHS[width]
        taken: dict[int, list[tuple[float, float]]] = {}
        for label in placed:  # the phone's names, where they stand on this plot
            _, left, right = _name_box(label["row"], label["anchor"], x_range, span, pixels)
            taken.setdefault(tracks.index(label["row"].track) + label["lane"], []).append((left, right))
        for row in (row for row in ranked if all(row is not label["row"] for label in placed)):
            box = _name_box(row, None, x_range, span, pixels)
            if box is None:
                continue
            anchor, left, right = box
            for lane in range(len(LANES)):
                band = taken.setdefault(tracks.index(row.track) + lane, [])  # rows from the top; band 0 above
                if all(right + 6 <= start or end + 6 <= left for start, end in band):
                    band.append((left, right))
                    placed.append(dict(row=row, lane=lane, anchor=anchor, phone=width == "narrow"))
                    break
    return placed


def build_timeline(milestones: pd.DataFrame, *, t: Translator, dark: bool = False, height: int = 460) -> go.Figure:
    """Milestones by track, the key ones named on the chart (a phone's page hides the names it has no room for).
    Past milestones are filled circles; announced or planned ones are open diamonds and their names in italics, so
    the difference is in shape as well as colour. A thick outline marks an entry on which sources disagree."""
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
    layout = figure_layout(t, dark, height, legend_below=True)
    layout.update(hovermode="closest", clickmode="event+select", dragmode="pan",
                  yaxis=dict(categoryorder="array", categoryarray=[track_names[x] for x in reversed(tracks)],
                             **value_axis(t), **axis_style(dark)),
                  xaxis=dict(type="date", range=list(x_range), tickformatstops=NUMERIC_DATE_TICKS,
                             **axis_style(dark)))
    labels = [dict(x=row.start + (row.finish - row.start) / 2, y=track_names[row.track], xanchor=label["anchor"],
                   yshift=LANES[label["lane"]], yanchor="bottom" if LANES[label["lane"]] > 0 else "top",
                   text=f"<i>{row.short}</i>" if row.is_future else row.short, showarrow=False,
                   font=dict(color=colours.text, size=SMALL_TEXT,
                             family=BODY_FONT if label["phone"] else f"{LAPTOP_ONLY}, {BODY_FONT}"))
              for label in place_labels(milestones, tracks, x_range) for row in (label["row"],)]
    layout.update(annotations=labels)
    return SharedFigure(dict(data=traces, layout=layout))
