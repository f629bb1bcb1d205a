"""Does a source's quote state what its record claims? Numbers, ranks and dates in the forms sources write them.
The source's headline counts as a quote where it is the page's real one (``title_note`` absent).

A quote states a figure when it holds the number in some written form: decimal comma or point, thousands
separated by a space (also thin or no-break), a comma or a dot, a percentage, a scale word (million, M, mn,
milliard, Md, bn, Millionen, miljoen, مليون, مليار…), Arabic-Indic digits. A source may be more precise than the
record (the record rounded 45.63 to 45.6), never less: "46" does not state 45.6, nor "1,3 milliard" 1 296 000 000.
A rank needs a rank's form ("87th", "87e", "87ème", "rank 87", "(87)", "87 out of 193", "المرتبة 87", "الـ87",
"sixth"). A date needs what its precision says: the year; the month and the year (or the month alone in a source of
that year); the day and the month. Months are read in English, French and Arabic (Moroccan يناير…دجنبر, Mashriq
كانون الثاني…, Egyptian مايو، يوليو…), and numeric forms (14/04/2026, 2026-04-14, 14.04.2026). Pure: no streamlit.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Literal

from .dates import PartialDate
from .schema import (
    AdoptionStat,
    IndexScore,
    Institution,
    JazariInstitute,
    Milestone,
    Record,
    Resolution,
    Source,
    Target,
)

_ARABIC_DIGITS = {**{0x0660 + n: str(n) for n in range(10)}, **{0x06F0 + n: str(n) for n in range(10)},
                  0x0640: None}  # Arabic-Indic and extended digits; tatweel dropped
_DECIMAL_ONLY, _THOUSANDS_ONLY = "\u066b", "\u066c"  # the Arabic decimal and thousands separators
_HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_FOLD = str.maketrans({"ة": "ه", "ى": "ي"})


def fold(text: str) -> str:
    """Lower case, ASCII digits, accents and Arabic hamza forms and harakat dropped, every space a plain space."""
    text = unicodedata.normalize("NFKD", text.translate(_ARABIC_DIGITS))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = _HARAKAT.sub("", text).translate(_ARABIC_FOLD).casefold()
    return re.sub(r"\s", " ", text)


# --- numbers ---------------------------------------------------------------------------------------------------
_RUN = re.compile(r"\d+(?:[ ,.'\u066b\u066c]\d+)*")
_SCALES = [  # the word after a number, and what it multiplies by
    (r"thousands?|mille|k|الف|الاف", 3),
    (r"millions?|millionen|miljoen|milioni|mio|mn|m|mdh|mdhs|مليون|ملايين", 6),
    (r"billions?|milliards?|milliarden|miljard|miliardi|mds?|mrds?|mmdh|bn|مليار|مليارات", 9),
]
_SCALE = re.compile(r" ?(?:(" + ")|(".join(pattern for pattern, _ in _SCALES) + r"))(?![^\W\d_])")


def _parse_run(groups: list[str], seps: list[str]) -> Iterable[tuple[Decimal, int]]:
    """Every reading of digit groups and their separators as one number: (value, decimals written)."""
    if not seps:
        yield Decimal(groups[0]), 0
        return
    thousands, last = seps[:-1], seps[-1]
    # every separator a thousands separator: 1 234 567, 240.000, 1,234
    if len(set(seps)) == 1 and seps[0] != _DECIMAL_ONLY and 1 <= len(groups[0]) <= 3 and all(
            len(g) == 3 for g in groups[1:]):
        yield Decimal("".join(groups)), 0
    # the last separator a decimal one: 45,6 — 1 234,5 — 1.234,56 — 4.717
    if (last in ",." + _DECIMAL_ONLY and last not in thousands and len(set(thousands)) <= 1
            and _DECIMAL_ONLY not in thousands and _THOUSANDS_ONLY != last
            and (not thousands or (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:-1])))):
        yield Decimal("".join(groups[:-1]) + "." + groups[-1]), len(groups[-1])


def written_numbers(text: str) -> list[tuple[Decimal, int, int]]:
    """The numbers a text writes: (value, decimals written, power of ten of the scale word after it, else 0).
    An ambiguous form gives each reading ("1,234": 1.234 and 1234); digits separated by spaces may be one number
    ("1 234 567") or several ("en 2024 12 régions"): each reading is given."""
    text = fold(text)
    found = []
    for run in _RUN.finditer(text):
        chunks = run.group().split(" ")  # a comma or a dot between digits always belongs to the number
        scale_match = _SCALE.match(text, run.end())
        scale = next(power for (_, power), word in zip(_SCALES, scale_match.groups(), strict=True) if word) \
            if scale_match else 0
        for first in range(len(chunks)):
            for last in range(first, len(chunks)):
                parts = re.split(r"([ ,.'\u066b\u066c])", " ".join(chunks[first:last + 1]))
                for value, decimals in _parse_run(parts[::2], parts[1::2]):
                    found.append((value, decimals, scale if last == len(chunks) - 1 else 0))
    return found


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _writes(written: Decimal, decimals: int, value: Decimal) -> bool:
    """Whether a number written with ``decimals`` decimals gives ``value``: as precisely or more (the record
    rounded 45.63 to 45.6), never less ("46" does not give 45.6)."""
    precision = _decimals(value)
    return decimals >= precision and _round(written, precision) == value


def states_number(text: str, value: float, unit_power: int = 0) -> bool:
    """Whether ``text`` writes ``value``, a record's figure in a unit of 10**``unit_power`` (9 for billions, 6 for
    millions): in that unit, in units, or in the scale a word after the number gives ("1,5 million")."""
    try:
        plain = abs(Decimal(repr(float(value))))
    except InvalidOperation:
        return False
    full = plain.scaleb(unit_power)
    for written, decimals, power in written_numbers(text):
        shown = (full.scaleb(-power),) if power else (plain, full)
        if any(_writes(written, decimals, candidate) for candidate in shown):
            return True
    return False


# --- ranks -----------------------------------------------------------------------------------------------------
_ORDINALS = [  # 1..10 in English, French and Arabic (masculine and feminine), folded; first place said otherwise
    "first|number one|tops|premier|premiere|1er|1re|en tete|الاول|الاولي|الصداره|يتصدر|تتصدر",
    "second|deuxieme|seconde?|الثاني|الثانيه", "third|troisieme|الثالث|الثالثه", "fourth|quatrieme|الرابع|الرابعه",
    "fifth|cinquieme|الخامس|الخامسه", "sixth|sixieme|السادس|السادسه", "seventh|septieme|السابع|السابعه",
    "eighth|huitieme|الثامن|الثامنه", "ninth|neuvieme|التاسع|التاسعه", "tenth|dixieme|العاشر|العاشره",
]
_NOT_LETTER_BEFORE, _NOT_LETTER_AFTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"
_WHERE = (r"globally|worldwide|in the world|in africa|mondial|au monde|dans le monde|en afrique"
          r"|عالميا|افريقيا|عربيا|قاريا")


@functools.lru_cache(maxsize=512)
def _rank_pattern(rank: int) -> re.Pattern[str]:
    number = rf"(?<![\d.,]){rank}(?![\d]|[.,]\d)"
    forms = [
        rf"{number} ?(?:st|nd|rd|th|e|er|re|eme|em|o|°){_NOT_LETTER_AFTER}",  # 87th 87e 87ème 87ᵉ 1er 87º (52 e)
        rf"(?:rank(?:ed|s|ing)?|place[ds]?|position|rang|classee?s?|#|no\.?|n°|number|top) ?"
        rf"(?:of |at |a la |au |the |in |was |is |de |: ?|la )*{number}",  # ranked 87, ranking was 118, #87
        rf"\({number}[ )]",  # Morocco (80), (65 عالميا)
        rf"{number} ?(?:out of|sur|of|/|من اصل|من بين|من) ?\d",  # 87 out of 193, 87/193
        rf"{number}\. ?\|",  # a ranked table's row: "8. | Morocco | 0.43 | 96th |"
        rf"{number} ?(?:{_WHERE}){_NOT_LETTER_AFTER}",  # 57 عالميا, 36 globally
        rf"(?:مرتبه|رتبه|مركز|ترتيب)\S* ?(?:ال ?)?{number}",  # المرتبة 87, رتبة 87, المرتبة ال 87
        rf"{_NOT_LETTER_BEFORE}[وب]?ال ?{number}",  # الـ87, ال 87
    ]
    if rank <= len(_ORDINALS):
        forms.append(rf"{_NOT_LETTER_BEFORE}[وب]?(?:{_ORDINALS[rank - 1]}){_NOT_LETTER_AFTER}")  # والسادس
    return re.compile("|".join(f"(?:{form})" for form in forms))


def states_rank(text: str, rank: int) -> bool:
    return bool(_rank_pattern(int(rank)).search(fold(text)))


# --- dates -----------------------------------------------------------------------------------------------------
_MONTHS = [  # folded: English, French, Moroccan Arabic, Egyptian Arabic, Mashriq Arabic
    "january|jan|janvier|janv|يناير|كانون الثاني", "february|feb|fevrier|fevr|fev|فبراير|شباط",
    "march|mar|mars|مارس|اذار", "april|apr|avril|avr|ابريل|نيسان", "may|mai|ماي|مايو|ايار",
    "june|jun|juin|يونيو|يونيه|حزيران", "july|jul|juillet|juil|يوليوز|يوليو|يوليه|تموز",
    "august|aug|aout|غشت|اغسطس|اب", "september|sept|sep|septembre|شتنبر|سبتمبر|ايلول",
    "october|oct|octobre|اكتوبر|تشرين الاول", "november|nov|novembre|نونبر|نوفمبر|تشرين الثاني",
    "december|dec|decembre|دجنبر|ديسمبر|كانون الاول",
]
_DAY_SUFFIX = r"(?:st|nd|rd|th|er|e)?"
_RANGE = rf"(?: ?(?:-|–|—|au|to|and|et|&|و|الي|حتي) ?\d{{1,2}}{_DAY_SUFFIX})?"


def _month(month: int) -> str:
    return rf"{_NOT_LETTER_BEFORE}[وبل]?(?:{_MONTHS[month - 1]})\.?{_NOT_LETTER_AFTER}"


def _number(value: int, width: int = 1) -> str:
    return rf"(?<!\d)0?{value:0{width}d}(?!\d)" if value < 10 else rf"(?<!\d){value}(?!\d)"


@functools.lru_cache(maxsize=512)
def _date_pattern(year: int, month: int | None, day: int | None, month_alone: bool) -> re.Pattern[str]:
    yyyy, sep = rf"(?<!\d){year}(?!\d)", r"[/.\-]"
    if month is None:
        return re.compile(yyyy)
    name, mm = _month(month), _number(month)
    if day is None:
        forms = [rf"{name}.{{0,16}}?{yyyy}", rf"{mm}{sep}{yyyy}", rf"{yyyy}{sep}{mm}"]
        if month_alone:  # "en avril" in a source of that year, unless another year follows the month
            forms.append(rf"{name}(?!.{{0,16}}?(?<!\d)(?:19|20)\d\d(?!\d))")
        return re.compile("|".join(forms))
    dd = _number(day)
    forms = [rf"{dd}{_DAY_SUFFIX}{_RANGE} ?(?:of |de |من )?{name}",  # 14 avril, 7-9 April, 14th of April
             rf"{name} ?{dd}{_DAY_SUFFIX}(?!\d)",  # April 14, April 14th
             rf"{dd}{sep}{mm}{sep}(?:{year}|{year % 100:02d})(?!\d)", rf"{yyyy}{sep}{mm}{sep}{dd}",
             rf"{mm}/{dd}/{year}"]
    return re.compile("|".join(forms))


def states_date(text: str, date: PartialDate, source_date: PartialDate | None = None) -> bool:
    """Whether ``text`` gives ``date`` at its precision; a month without its year counts in a source published
    the same year (``source_date``)."""
    month_alone = source_date is not None and source_date.year == date.year
    return bool(_date_pattern(date.year, date.month, date.day, month_alone).search(fold(text)))


# --- what a record claims --------------------------------------------------------------------------------------
ClaimKind = Literal["number", "rank", "date"]
CHECKED_ALTERNATIVES = ("date", "value", "rank", "score", "cosponsors", "baseline", "target", "latest")


@dataclass(frozen=True)
class Claim:
    """One figure or date a record states, and the sources whose quotes must state it."""

    field: str  # its path in the record: "value", "latest.value", "alternatives.2.value"
    kind: ClaimKind
    value: Any
    sources: tuple[Source, ...]
    unit_power: int = 0  # 9 for a value in billions, 6 in millions

    def stated_by(self, source: Source) -> bool:
        """Whether the source's quote, or its headline (a real one: no ``title_note``), states the claim."""
        texts = [text for text in (source.quote, source.title if source.has_headline else None) if text]
        return any(self._in(text, source) for text in texts)

    def _in(self, text: str, source: Source) -> bool:
        if self.kind == "date":
            return states_date(text, PartialDate.parse(self.value), source.date)
        if self.kind == "rank":
            return states_rank(text, int(self.value))
        return states_number(text, self.value, self.unit_power)

    @property
    def is_stated(self) -> bool:
        return any(self.stated_by(source) for source in self.sources)


def unit_power(unit: str | None) -> int:
    """The power of ten a unit's name carries: mad_bn 9, usd_m and million_people 6, else 0."""
    unit = unit or ""
    return 9 if unit.endswith("_bn") else 6 if unit.endswith("_m") or unit.startswith("million") else 0


def _point(field: str, point: Any, unit: str, sources: tuple[Source, ...]) -> Claim | None:
    """A target's baseline, target or latest point (a TargetPoint or an alternative's mapping)."""
    value = point.get("value") if isinstance(point, dict) else getattr(point, "value", None)
    unit = (point.get("unit") if isinstance(point, dict) else getattr(point, "unit", None)) or unit
    if value is None:
        return None
    return Claim(f"{field}.value", "rank" if unit == "rank" else "number", value, sources, unit_power(unit))


def _own_claims(record: Record) -> Iterator[Claim]:
    sources = tuple(record.sources)
    if isinstance(record, Target):
        for name in ("baseline", "target"):
            if getattr(record, name) is not None:
                yield _point(name, getattr(record, name), record.unit, sources)
        if record.latest is not None:
            yield _point("latest", record.latest, record.unit, tuple(record.latest.sources))
        return
    if isinstance(record, AdoptionStat):
        kind = "rank" if record.unit == "rank" else "number"
        yield Claim("value", kind, record.value, sources, unit_power(record.unit))
    if isinstance(record, IndexScore):
        if record.rank is not None:
            yield Claim("rank", "rank", record.rank, sources)
        if record.score is not None:
            yield Claim("score", "number", record.score, sources)
    if isinstance(record, Resolution) and record.cosponsors is not None:
        yield Claim("cosponsors", "number", record.cosponsors, sources)
    if isinstance(record, (Milestone, Resolution, Institution, JazariInstitute)) and record.date is not None:
        yield Claim("date", "date", str(record.date), sources)


def _alternative_claims(record: Record) -> Iterator[Claim]:
    for position, alternative in enumerate(record.alternatives):
        field, value, sources = alternative.field, alternative.value, tuple(alternative.sources)
        if field not in CHECKED_ALTERNATIVES or alternative.derived is not None:
            continue
        path = f"alternatives.{position}.value"
        if field in ("baseline", "target", "latest"):
            claim = _point(path.removesuffix(".value"), value, getattr(record, "unit", ""), sources)
            if claim is not None:
                yield claim
        elif field == "date":
            yield Claim(path, "date", str(value), sources)
        elif isinstance(value, str):  # "over 120": the number it gives
            if (number := re.search(r"\d+(?:[.,]\d+)?", value)) is not None:
                yield Claim(path, "number", float(number.group().replace(",", ".")), sources)
        else:
            unit = getattr(record, "unit", None)
            kind = "rank" if field == "rank" or (field == "value" and unit == "rank") else "number"
            yield Claim(path, kind, value, sources, unit_power(unit))


def record_claims(record: Record) -> list[Claim]:
    """Every figure and date the record states, with the sources that must state it: its own (unless a
    ``derived`` note says how they were worked out, or its status says they are unconfirmed) and each
    alternative's against the alternative's own sources (unless the alternative has its own ``derived`` note)."""
    own = [] if record.derived is not None or record.status == "unconfirmed" else list(_own_claims(record))
    return own + list(_alternative_claims(record))


def unsupported_claims(record: Record) -> list[Claim]:
    """The claims of ``record`` that no quote (or real headline) of their sources states."""
    return [claim for claim in record_claims(record) if not claim.is_stated]
