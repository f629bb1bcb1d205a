"""How a record's parts read for a reader: texts in the asked language, sources, dates, other versions.

Plain functions of records and a language, used by every view and by the record cards. No streamlit here.
"""

from __future__ import annotations

from collections.abc import Sequence

from .i18n import format_number, translator
from .schema import Localized, PartialDate, Record, Source


def text_in(value: Localized | None, lang: str) -> tuple[str, str]:
    """The text in the asked language and the language it is really in ('' when there is no text)."""
    return value.get(lang) if value else ("", lang)


def texts_in(values: Sequence[Localized], lang: str) -> str:
    """A list of localised texts (themes, partners) as one line in the asked language."""
    return ", ".join(value.get(lang)[0] for value in values)


def fallback_marked(text: str, text_lang: str, lang: str) -> str:
    """The text as is when it is in the reader's language; otherwise marked ('[FR] …') and wrapped in Unicode
    bidi isolates, so French inside an Arabic line keeps its own direction."""
    if text_lang == lang or not text:
        return text
    return f"{translator(lang)('fallback.marker', lang=text_lang.upper())} \u2068{text}\u2069"


def date_label(start: PartialDate | str | None, end: PartialDate | str | None = None, lang: str = "en") -> str:
    """A date or a period as recorded, in the reader's language ('' when undated): '2024', 'mai 2024',
    '12 – 13 décembre 2018' is written '12 décembre 2018 – 13 décembre 2018'."""
    if start is None or start == "":
        return ""
    t = translator(lang)
    return t.date(start) + (f" – {t.date(end)}" if end else "")


def source_date(source: Source, lang: str = "en") -> str:
    """The source's publication date at its precision, else when it was accessed, else 'undated'."""
    t = translator(lang)
    if source.published:
        return t.date(source.published)
    if source.accessed:
        return t("source.accessed", date=t.date(source.accessed))
    return t("source.undated")


def source_label(source: Source, lang: str = "en") -> str:
    """'Publisher, “Title” (date)'."""
    return f"{source.publisher}, “{source.title}” ({source_date(source, lang)})"


def sources_text(sources: Sequence[Source], lang: str = "en") -> str:
    return "; ".join(source_label(source, lang) for source in sources)


def first_url(sources: Sequence[Source]) -> str:
    return next((source.url for source in sources if source.url), "")


def value_text(value: object, lang: str = "en") -> str:
    """A value from the data written for readers: numbers in the locale's way, targets with their date."""
    if isinstance(value, dict) and "value" in value:  # an alternative target: {value, date, start?, unit?}
        text = value_text(value["value"], lang)
        if value.get("unit"):
            text += " " + translator(lang)(f"unit.{value['unit']}")
        return translator(lang)("value.by_date", value=text, date=value["date"]) if value.get("date") else text
    if isinstance(value, dict) and {"en", "fr"} <= set(value):  # an alternative text: {en, fr, ar}
        return str(value.get(lang) or value["fr"])
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return format_number(value, lang)
    return str(value)


def alternative_value_text(field: str, value: object, lang: str = "en") -> str:
    """Another source's value for ``field`` as a reader reads it (a status in words, not its code)."""
    t = translator(lang)
    if field == "status" and isinstance(value, str) and t.has(f"status.{value}"):
        return t(f"status.{value}")
    return value_text(value, lang)


def alternatives_text(record: Record, lang: str = "en") -> str:
    t = translator(lang)
    return "; ".join(
        f"{t('field.' + alt.field)} = {alternative_value_text(alt.field, alt.value, lang)} "
        f"({', '.join(s.publisher for s in alt.sources)})" for alt in record.alternatives
    )


def provenance(record: Record, lang: str) -> dict:
    """The columns every table row carries about where its record comes from."""
    return {
        "sources": sources_text(record.sources, lang),
        "source_url": first_url(record.sources),
        "n_sources": len(record.sources),
        "alternatives": alternatives_text(record, lang),
        "has_alternatives": bool(record.alternatives),
    }


PROVENANCE_COLUMNS = ["sources", "source_url", "n_sources", "alternatives", "has_alternatives"]


def region_name(names: tuple[str, str], lang: str) -> str:
    """A region's name as the reader reads it: (French, Arabic) -> the Arabic in Arabic, the French otherwise
    (HCP names the regions in those two languages)."""
    return names[1] if lang == "ar" else names[0]
