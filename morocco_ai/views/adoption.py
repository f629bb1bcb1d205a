"""Adoption and usage figures: the comparable ones across countries, one indicator over time, every figure; and
the Adoption & indices page (its index part in indices.py). No streamlit here."""

from __future__ import annotations

import functools

import pandas as pd

from morocco_ai.charts.bars import build_grouped_bars
from morocco_ai.charts.lines import build_adoption_lines
from morocco_ai.filters import MOROCCO, Filters, rows_within
from morocco_ai.i18n import country_name, translator
from morocco_ai.state import PageState, pick
from morocco_ai.store import Store
from morocco_ai.urls import INDICATOR_PARAM
from morocco_ai.wording import PROVENANCE_COLUMNS, fallback_marked, provenance, text_in

from .blocks import Control, Page, Section, cached_view, guarded, notice_blocks, records_frame
from .indices import indices_part

SERIES_COLUMNS = {"period_label": "column.measured", "country_name": "column.country", "value_text": "column.value",
                  "survey": "column.survey", "status_label": "column.status", "note": "column.note",
                  "sources": "column.sources", "source_url": "column.link"}
COMPARISON_COLUMNS = {"country_name": "column.country", "series": "column.indicator", "value_text": "column.value",
                      "period": "column.measured", "survey": "column.survey", "sources": "column.sources"}
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


@cached_view
def comparison(store: Store, years: tuple[int, int], lang: str, dark: bool) -> Section:
    """Percent indicators measured in more than one country, one bar group per country, compared on the latest
    year measured in two countries or more. A figure from a survey other than the indicator's main one gets its
    own bar group named after that survey, so two surveys of one country never hide behind one bar."""
    t = translator(lang)
    frame = figures_in(store, years, lang)
    percent = frame[(frame["unit"] == "percent") & (frame["status"] == "confirmed")]
    countries_per_year = percent.groupby(["indicator", "first_year"])["country"].nunique().reset_index()
    shared_year = countries_per_year[countries_per_year["country"] > 1].groupby("indicator")["first_year"].max()
    percent = percent[percent["first_year"] == percent["indicator"].map(shared_year)]
    percent = percent.sort_values("period").drop_duplicates(["indicator", "country", "survey"], keep="last")
    countries_per_indicator = percent.groupby("indicator")["country"].nunique()
    rows = percent[percent["indicator"].isin(countries_per_indicator[countries_per_indicator > 1].index)]
    if not rows.empty:
        main_survey = rows.groupby("indicator")["survey"].agg(lambda s: s.value_counts().index[0])
        series_name = rows["label"].groupby(rows["indicator"]).agg(lambda s: min(s, key=len))
        other = rows["survey"] != rows["indicator"].map(main_survey)
        rows = rows.assign(
            country_name=[f"{n} ({s.split(' survey')[0][:40]})" if o else n
                          for n, s, o in zip(rows["country_name"], rows["survey"], other)],
            series=rows["indicator"].map(series_name)).sort_values(["series", "value"], ascending=[True, False])
    else:
        rows = rows.assign(series=[])
    figure = build_grouped_bars(rows, category="country_name", series="series", value="value", text="value_text",
                                value_title=t("adoption.axis"), t=t, dark=dark, highlight=country_name(MOROCCO, lang))
    return Section(key="adoption_comparison", title=t("adoption.heading"), rows=rows, columns=COMPARISON_COLUMNS,
                   figure=figure, notes=(t("adoption.scope"),),
                   alt=t("adoption.alt", summary="; ".join(f"{r.country_name} — {r.series}: {r.value_text}"
                                                           for r in rows.itertuples())))


@cached_view
def series_names(store: Store, years: tuple[int, int], lang: str) -> dict[str, str]:
    """Indicator -> its name, for the indicators measured at two periods or more in these years (the series)."""
    frame = figures_in(store, years, lang)
    periods = frame.groupby("indicator")["period"].nunique()
    series = frame[frame["indicator"].isin(periods[periods > 1].index)]
    return dict(sorted(series.groupby("indicator")["label"].agg(lambda s: min(s, key=len)).items(),
                       key=lambda item: item[1]))


def series_notes(frame: pd.DataFrame) -> tuple[str, ...]:
    """The notes that hold for the series (carried by two of its figures or more, e.g. that subscription
    penetration counts lines, not people); a note about one figure is in its table row."""
    counts = frame.loc[frame["note"] != "", "note"].value_counts()
    return tuple(counts[counts > 1].index)


@cached_view
def series(store: Store, years: tuple[int, int], indicator: str, lang: str, dark: bool) -> Section:
    """One indicator's figures over time, one line per country measured."""
    t = translator(lang)
    frame = figures_in(store, years, lang)
    rows = frame[frame["indicator"] == indicator].sort_values(["country", "period"])
    name = series_names(store, years, lang).get(indicator, indicator)
    unit = rows["unit"].iloc[0] if not rows.empty else "percent"
    notes = series_notes(rows)
    return Section(key=indicator, title=name, rows=rows, columns=SERIES_COLUMNS,
                   figure=build_adoption_lines(rows, value_title=t(f"unit.{unit}"), t=t, dark=dark,
                                               highlight=country_name(MOROCCO, lang)),
                   alt=t("adoption.series_alt", indicator=name, summary="; ".join(
                       f"{r.country_name} {r.period_label}: {r.value_text}" for r in rows.itertuples())),
                   notes=(t("adoption.notes"), *notes) if notes else ())


@cached_view
def adoption_table(store: Store, years: tuple[int, int], lang: str) -> Section:
    t = translator(lang)
    return Section(key="adoption", title=t("adoption.all"), rows=figures_in(store, years, lang),
                   columns=ADOPTION_COLUMNS)


def adoption_part(store: Store, state: PageState, choices: dict[str, str]) -> tuple:
    t, lang, years = translator(state.lang), state.lang, state.filters.years
    blocks: list = [comparison(store, years, lang, state.dark)]
    names = series_names(store, years, lang)
    if names:
        indicator, notices = pick(state.choice(INDICATOR_PARAM), tuple(names), next(iter(names)), INDICATOR_PARAM)
        if indicator != next(iter(names)):
            choices[INDICATOR_PARAM] = indicator
        blocks += [Control(INDICATOR_PARAM, t("adoption.choose"), "select", tuple(names), indicator, names),
                   *notice_blocks(notices, t), series(store, years, indicator, lang, state.dark)]
    blocks.append(adoption_table(store, years, lang))
    return tuple(blocks)


def adoption_page(store: Store, state: PageState) -> Page:
    t = translator(state.lang)
    choices: dict[str, str] = {}
    blocks = (*guarded(lambda: adoption_part(store, state, choices), t),
              *guarded(lambda: indices_part(store, state, choices), t))
    return Page("adoption", t("page.adoption"), blocks, tuple(sorted(choices.items())))
