"""Digital Morocco 2030 and the AI roadmaps: each programme's targets as baseline -> target with the latest sourced
value, against the plan (morocco_ai.plan); and the Digital Morocco 2030 page. No streamlit here."""

from __future__ import annotations

import functools

import pandas as pd

from morocco_ai.charts.bars import build_target_progress
from morocco_ai.i18n import translator
from morocco_ai.plan import plan_progress
from morocco_ai.state import PageState
from morocco_ai.store import Store
from morocco_ai.wording import (
    PROVENANCE_COLUMNS,
    date_label,
    fallback_marked,
    provenance,
    sources_text,
    text_in,
    value_text,
)

from .blocks import Heading, Page, Section, Text, cached_view, guarded, records_frame

TARGET_COLUMNS = {"indicator": "column.indicator", "unit_label": "column.unit", "baseline": "column.baseline",
                  "target": "column.target", "latest": "column.latest", "latest_note": "column.note",
                  "latest_sources": "column.latest_sources", "status_label": "column.status",
                  "alternatives": "column.other_versions", "sources": "column.sources", "source_url": "column.link"}
PROGRESS_COLUMNS = {"indicator": "column.indicator", "baseline_value": "column.baseline",
                    "baseline_date": "column.date", "target_value": "column.target",
                    "target_date": "column.target_date", "sources": "column.sources"}
PLAN_COLUMNS = {"indicator": "column.indicator", "baseline": "column.baseline", "latest": "column.latest",
                "target": "column.target", "covered": "column.covered", "pace": "column.pace",
                "needed": "column.needed", "projected": "column.projected", "verdict": "column.verdict",
                "latest_note": "column.note"}


def programme_label(programme: str, lang: str) -> str:
    t = translator(lang)
    key = f"programme.{programme}"
    return t(key) if t.has(key) else programme.replace("_", " ").capitalize()


def target_point(value, date: str, lang: str, start: str = "", unit: str = "") -> str:
    """'100 000 (2030)', '11 (2024–2026)', '26 USD M (2022)' for a value in another unit than the target's, or '—'
    when there is no such point."""
    if not date:
        return "—"
    t = translator(lang)
    period = date_label(start or date, date if start else None, lang)
    return f"{value_text(value, lang)}{' ' + t('unit.' + unit) if unit else ''} ({period})"


@functools.lru_cache(maxsize=8)
def target_frame(store: Store, lang: str) -> pd.DataFrame:
    """Every target as a reader reads it in ``lang``, with its points as numbers and as words."""
    t = translator(lang)
    rows = []
    for record in store.records("targets"):
        baseline, latest, goal = record.baseline, record.latest, record.target
        row = {
            "id": record.id, "programme": record.programme, "kind": record.kind,
            "indicator": fallback_marked(*text_in(record.indicator, lang), lang), "unit": record.unit,
            "unit_label": t(f"unit.{record.unit}") if t.has(f"unit.{record.unit}") else record.unit,
            "baseline_value": baseline.value if baseline else None,
            "baseline_date": str(baseline.date) if baseline else "",
            "baseline_unit": (baseline.unit or "") if baseline else "",
            "target_value": goal.value, "target_date": str(goal.date), "target_start": str(goal.start or ""),
            "latest_value": latest.value if latest else None, "latest_date": str(latest.date) if latest else "",
            "latest_unit": (latest.unit or "") if latest else "",
            "latest_note": text_in(latest.note if latest else record.latest_note, lang)[0],
            "latest_sources": sources_text(latest.sources, lang) if latest else "",
            "status": record.status, "status_label": t(f"status.{record.status}"),
            "description": text_in(record.description, lang)[0], **provenance(record, lang),
        }
        row["baseline"] = target_point(row["baseline_value"], row["baseline_date"], lang, unit=row["baseline_unit"])
        row["target"] = target_point(goal.value, row["target_date"], lang, row["target_start"])
        row["latest"] = (target_point(row["latest_value"], row["latest_date"], lang, unit=row["latest_unit"])
                         if latest else t("strategy.latest_checked", date=t.date(record.latest_checked))
                         if record.latest_checked else t("strategy.no_latest"))
        rows.append(row)
    columns = ["id", "programme", "kind", "indicator", "unit", "unit_label", "baseline_value", "baseline_date",
               "baseline_unit", "target_value", "target_date", "target_start", "latest_value", "latest_date",
               "latest_unit", "latest_note", "latest_sources", "status", "status_label", "description", "baseline",
               "target", "latest", *PROVENANCE_COLUMNS]
    return records_frame(rows, columns)


def programme_targets(store: Store, programme: str, lang: str) -> pd.DataFrame:
    frame = target_frame(store, lang)
    return frame[frame["programme"] == programme]


@cached_view
def progress(store: Store, programme: str, lang: str, dark: bool) -> Section:
    """The programme's targets that have a sourced baseline in the target's unit (not ranks), as shares of the
    way."""
    t = translator(lang)
    part = programme_targets(store, programme, lang)
    rows = part[(part["unit"] != "rank") & part["baseline_value"].notna() & (part["baseline_unit"] == "")]
    summary = "; ".join(t("strategy.alt_item", indicator=r.indicator, baseline=r.baseline, target=r.target)
                        for r in rows.itertuples())
    return Section(key=f"{programme}_progress", title=programme_label(programme, lang), rows=rows,
                   columns=PROGRESS_COLUMNS, figure=build_target_progress(part, t=t, dark=dark),
                   alt=t("strategy.alt", summary=summary))


@cached_view
def plan_table(store: Store, programme: str, lang: str) -> Section:
    """Each target against the plan: the share of the way covered, the pace since the baseline and the pace
    still needed (per year), the value that pace reaches by the target date."""
    t = translator(lang)
    part = programme_targets(store, programme, lang).set_index("id")
    records = [record for record in store.records("targets") if record.programme == programme]

    def unit_label(code: str) -> str:
        return t(f"unit.{code}") if t.has(f"unit.{code}") else code

    def per_year(value: float | None, unit: str) -> str | None:
        if value is None:
            return None
        sign = "+" if value > 0 else ""
        return t("strategy.per_year", value=sign + value_text(round(value, 2), lang), unit=unit_label(unit))

    rows = []
    for record in records:
        result, row = plan_progress(record), part.loc[record.id]
        rows.append({
            "id": record.id, "indicator": row["indicator"], "baseline": row["baseline"], "latest": row["latest"],
            "target": row["target"],
            "covered": t.percent(round(100 * result.covered)) if result.covered is not None else None,
            "pace": per_year(result.pace, record.unit), "needed": per_year(result.needed, record.unit),
            "projected": value_text(round(result.projected, 2), lang) if result.projected is not None else None,
            "verdict": t(result.reason, **{name: unit_label(code) for name, code in result.reason_fields}),
            "latest_note": row["latest_note"], "verdict_code": result.verdict,
        })
    return Section(key=f"{programme}_plan", title=t("strategy.plan", programme=programme_label(programme, lang)),
                   rows=pd.DataFrame(rows, columns=["id", *PLAN_COLUMNS, "verdict_code"]), columns=PLAN_COLUMNS,
                   notes=(t("strategy.plan_note"),))


@cached_view
def target_table(store: Store, programme: str, lang: str) -> Section:
    t = translator(lang)
    return Section(key=f"{programme}_targets", title=t("strategy.targets", programme=programme_label(
        programme, lang)), rows=programme_targets(store, programme, lang), columns=TARGET_COLUMNS)


def programme_views(store: Store, programme: str, state: PageState) -> tuple:
    chart = progress(store, programme, state.lang, state.dark)
    return (Heading(programme_label(programme, state.lang)), *((chart,) if not chart.rows.empty else ()),
            plan_table(store, programme, state.lang), target_table(store, programme, state.lang))


def strategy_page(store: Store, state: PageState) -> Page:
    t = translator(state.lang)

    def views():
        yield Text(t("strategy.scope"))
        for programme in target_frame(store, state.lang)["programme"].drop_duplicates():
            yield from programme_views(store, programme, state)

    return Page("strategy", t("strategy.title"), guarded(views, t))
