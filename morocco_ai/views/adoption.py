"""Adoption and usage figures: the comparable ones across countries, one indicator over time, every figure; and
the Adoption & indices page (its index part in indices.py). No streamlit here."""

from __future__ import annotations

import collections
import functools
import re

import pandas as pd

from morocco_ai.charts.bars import build_bars
from morocco_ai.charts.lines import build_adoption_lines
from morocco_ai.filters import MOROCCO, Filters, rows_within
from morocco_ai.i18n import country_name, translator
from morocco_ai.state import PageState, pick
from morocco_ai.store import Store
from morocco_ai.urls import INDICATOR_PARAM
from morocco_ai.wording import PROVENANCE_COLUMNS, fallback_marked, provenance, text_in

from .blocks import Control, Heading, Page, Section, Text, cached_view, guarded, notice_blocks, records_frame
from .indices import indices_part

SERIES_COLUMNS = {"period_label": "column.measured", "series_name": "column.country", "value_text": "column.value",
                  "survey": "column.survey", "status_label": "column.status", "note": "column.note",
                  "sources": "column.sources", "source_url": "column.link"}
COMPARISON_COLUMNS = {"country_name": "column.country", "value_text": "column.value",
                      "period_label": "column.measured", "survey": "column.survey", "sources": "column.sources"}
# The figure most readers come for: the share of the population online, measured alike in every country
DEFAULT_INDICATOR = "internet_users_share"
ADOPTION_COLUMNS = {"label": "column.indicator", "country_name": "column.country", "value_text": "column.value",
                    "unit_label": "column.unit", "period_label": "column.measured", "survey": "column.survey",
                    "note": "column.note", "status_label": "column.status", "alternatives": "column.other_versions",
                    "sources": "column.sources", "source_url": "column.link"}


@functools.lru_cache(maxsize=8)
def adoption_frame(store: Store, lang: str) -> pd.DataFrame:
    """Every adoption figure as a reader reads it in ``lang``, each placed at the middle of its period."""
    t = translator(lang)
    rows = []
    for record in store.records("adoption"):
        value_text = (t.percent(record.value) if record.unit == "percent"
                      else f"{t.number(record.value)} {t('unit.' + record.unit)}")
        rows.append({
            "id": record.id, "indicator": record.indicator,
            "label": fallback_marked(*text_in(record.label, lang), lang),
            "country": record.country, "country_name": country_name(record.country, lang), "value": record.value,
            "value_text": value_text, "unit": record.unit, "unit_label": t(f"unit.{record.unit}"),
            "period": str(record.period), "period_label": t.date(record.period),
            "when": pd.Timestamp(record.period.midpoint), "first_year": record.period.year,
            "last_year": record.period.year, "survey": text_in(record.survey, lang)[0],
            "sample_size": record.sample_size, "note": text_in(record.note, lang)[0], "status": record.status,
            "status_label": t(f"status.{record.status}"), **provenance(record, lang),
        })
    columns = ["id", "indicator", "label", "country", "country_name", "value", "value_text", "unit", "unit_label",
               "period", "period_label", "when", "first_year", "last_year", "survey", "sample_size", "note",
               "status", "status_label", *PROVENANCE_COLUMNS]
    return records_frame(rows, columns)


@cached_view
def figures_in(store: Store, years: tuple[int, int], lang: str) -> pd.DataFrame:
    return rows_within(adoption_frame(store, lang), Filters(years=years))


SURVEY_NAME_LENGTH = 14  # a line's name stands at its end, beside the plot: on a phone it must stay short


def survey_name(survey: str) -> str:
    """A survey's short name for a chart's line or note: the text before its first comma or bracket (usually
    the publisher: ANRT, UIT, DEPF), cut to a few characters."""
    name = re.split(r"[,(]", survey, maxsplit=1)[0].strip() or survey
    return name if len(name) <= SURVEY_NAME_LENGTH else name[:SURVEY_NAME_LENGTH - 1].rstrip() + "…"


@cached_view
def indicator_names(store: Store, years: tuple[int, int], lang: str) -> dict[str, str]:
    """Indicator -> its name, for the indicators with two figures or more in these years (a comparison across
    countries, a series over time, or both), by name."""
    frame = figures_in(store, years, lang)
    counts = frame.groupby("indicator")["id"].count()
    chosen = frame[frame["indicator"].isin(counts[counts > 1].index)]
    return dict(sorted(chosen.groupby("indicator")["label"].agg(lambda s: min(s, key=len)).items(),
                       key=lambda item: item[1]))


SENTENCE = re.compile(r"(?<=[.!?؟])\s+")


def shared_notes(notes) -> tuple[str, ...]:
    """The sentences that hold for several figures of a chart (e.g. that subscriptions count lines, not people),
    each said once, in the order met; a sentence about one figure stays in its table row."""
    figures = collections.Counter(sentence for note in notes if note for sentence in set(SENTENCE.split(note)))
    return tuple(sentence for sentence, count in figures.items() if count > 1 and sentence)


def measured_as(rows: pd.DataFrame, t, lang: str) -> tuple[str, ...]:
    """A chart's source line(s): which survey measured its figures, and who was asked."""
    return tuple(t("adoption.measured_by", survey=survey) for survey in dict.fromkeys(rows["survey"]) if survey)


@cached_view
def across_countries(store: Store, years: tuple[int, int], indicator: str, lang: str, dark: bool) -> Section | None:
    """The indicator in the countries one survey measured, on the latest period it measured two countries or
    more: one question (same population, question and unit), one bar per country. Figures from other surveys are
    named under the chart, not compared; a figure not confirmed by its publisher's own page is drawn hatched and
    said so on its bar. None when no survey measured two countries."""
    t = translator(lang)
    frame = figures_in(store, years, lang)
    figures = frame[(frame["indicator"] == indicator) & (frame["status"] != "cancelled")]
    per_period = figures.groupby(["survey", "period"])["country"].nunique()
    compared = per_period[per_period > 1]
    if compared.empty:
        return None
    survey, period = max(compared.index, key=lambda key: (key[1], compared[key]))  # the latest, then the widest
    rows = figures[(figures["survey"] == survey) & (figures["period"] == period)].drop_duplicates("country")
    rows = rows.sort_values("value", ascending=False)
    rows = rows.assign(uncertain=rows["status"] != "confirmed", bar_text=[
        text if status == "confirmed" else f"{text} ({label})"
        for text, status, label in zip(rows["value_text"], rows["status"], rows["status_label"])])
    others = figures[(figures["survey"] != survey) & (figures["country"] == MOROCCO)]
    label, unit = rows["label"].iloc[0], rows["unit"].iloc[0]
    notes = (*measured_as(rows, t, lang), *shared_notes(rows["note"]),
             *((t("adoption.not_compared", figures="; ".join(
                 f"{r.value_text} ({r.period_label}, {survey_name(r.survey)})" for r in others.itertuples())),)
               if not others.empty else ()))
    return Section(key=f"{indicator}_countries", title=t("adoption.across_title", indicator=label,
                                                        period=rows["period_label"].iloc[0]),
                   rows=rows, columns=COMPARISON_COLUMNS, notes=notes,
                   figure=build_bars(rows, category="country_name", value="value", text="bar_text",
                                     value_title=t(f"unit.{unit}"), t=t, dark=dark,
                                     highlight=country_name(MOROCCO, lang),
                                     kind="percent" if unit == "percent" else "number"),
                   alt=t("adoption.alt", indicator=label, period=rows["period_label"].iloc[0], summary="; ".join(
                       f"{r.country_name}: {r.value_text}" for r in rows.itertuples())))


@cached_view
def series(store: Store, years: tuple[int, int], indicator: str, lang: str, dark: bool) -> Section | None:
    """One indicator over time, one line per country (a country measured by several surveys gets a line per
    survey, each named after it): None when no country was measured at two periods."""
    t = translator(lang)
    frame = figures_in(store, years, lang)
    rows = frame[frame["indicator"] == indicator].sort_values(["country", "period"])
    periods = rows.groupby(["country", "survey"])["period"].nunique()
    if rows.empty or periods.max() < 2:
        return None
    # the survey that measured most of the figures names its lines by country alone; another one's lines say it
    main = rows["survey"].value_counts().index[0]
    rows = rows.assign(series_name=[name if survey == main else f"{name} ({survey_name(survey)})"
                                    for name, survey in zip(rows["country_name"], rows["survey"])])
    label, unit = rows["label"].iloc[0], rows["unit"].iloc[0]
    notes = (*measured_as(rows, t, lang), *shared_notes(rows["note"]))
    return Section(key=indicator, title=t("adoption.series_title", indicator=label, start=rows["period_label"].iloc[0]
                                          if len(set(rows["period"])) == 1 else min(rows["first_year"]),
                                          end=max(rows["last_year"])),
                   rows=rows, columns=SERIES_COLUMNS, notes=notes,
                   figure=build_adoption_lines(rows, value_title=t(f"unit.{unit}"), t=t, dark=dark,
                                               highlight=country_name(MOROCCO, lang),
                                               kind="percent" if unit == "percent" else "number"),
                   alt=t("adoption.series_alt", indicator=label, summary="; ".join(
                       f"{r.series_name} {r.period_label}: {r.value_text}" for r in rows.itertuples())))


@cached_view
def adoption_table(store: Store, years: tuple[int, int], lang: str) -> Section:
    t = translator(lang)
    return Section(key="adoption", title=t("adoption.all"), rows=figures_in(store, years, lang),
                   columns=ADOPTION_COLUMNS)


def adoption_part(store: Store, state: PageState, choices: dict[str, str]) -> tuple:
    """The indicator chosen, compared across countries (one survey, one period) and followed over time, then every
    adoption figure: each chart answers one question."""
    t, lang, years = translator(state.lang), state.lang, state.filters.years
    blocks: list = [Heading(t("adoption.heading")), Text(t("adoption.scope"))]
    names = indicator_names(store, years, lang)
    if names:
        # the default: the first indicator (the one most readers come for, first) with a chart in these years
        default = next((name for name in (DEFAULT_INDICATOR, *names) if name in names and (
            across_countries(store, years, name, lang, state.dark) or series(store, years, name, lang, state.dark))),
                       next(iter(names)))
        indicator, notices = pick(state.choice(INDICATOR_PARAM), tuple(names), default, INDICATOR_PARAM)
        if indicator != default:
            choices[INDICATOR_PARAM] = indicator
        blocks += [Control(INDICATOR_PARAM, t("adoption.choose"), "select", tuple(names), indicator, names),
                   *notice_blocks(notices, t)]
        blocks += [view for view in (across_countries(store, years, indicator, lang, state.dark),
                                     series(store, years, indicator, lang, state.dark)) if view is not None]
    blocks.append(adoption_table(store, years, lang))
    return tuple(blocks)


def adoption_page(store: Store, state: PageState) -> Page:
    t = translator(state.lang)
    choices: dict[str, str] = {}
    blocks = (*guarded(lambda: adoption_part(store, state, choices), t),
              *guarded(lambda: indices_part(store, state, choices), t))
    return Page("adoption", t("page.adoption"), blocks, tuple(sorted(choices.items())))
