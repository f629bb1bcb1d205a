"""Quotes state the claim: a figure, a rank or a date is found in the forms sources write it, and only there."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from morocco_ai.claims import states_date, states_number, states_rank, unsupported_claims
from morocco_ai.dates import PartialDate
from morocco_ai.schema import AdoptionStat, IndexScore, Milestone, Target

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
THOUSANDS = ["", ",", ".", " ", "\u00a0", "\u202f", "\u2009"]
SPACE = ["", " ", "\u00a0", "\u202f"]


def written(integer: int, decimals: str, thousands: str, point: str) -> str:
    """``integer``.``decimals`` with this thousands separator and decimal point."""
    digits = f"{integer:,}".replace(",", thousands)
    return digits + (point + decimals if decimals else "")


figures = st.builds(lambda integer, decimals: (integer, decimals), st.integers(0, 9_999_999),
                    st.sampled_from(["", "5", "25", "75", "1", "05"]))


@given(figures, st.sampled_from(THOUSANDS), st.sampled_from([".", ","]), st.sampled_from(["", "%", " %", "\u00a0%"]),
       st.booleans())
def test_a_figure_is_stated_in_every_locale_form(figure, thousands, point, percent, arabic_digits):
    integer, decimals = figure
    if thousands == point:
        point = "," if point == "." else "."
    text = "le taux atteint " + written(integer, decimals, thousands, point) + percent + " selon la note"
    if arabic_digits:
        text = text.translate(ARABIC_INDIC).replace(point, "٫") if decimals else text.translate(ARABIC_INDIC)
    value = float(Decimal(f"{integer}.{decimals or 0}"))
    assert states_number(text, value), text


@given(st.integers(1, 999), st.integers(1, 9))
def test_a_source_less_precise_than_the_record_does_not_state_it(integer, tenth):
    value = float(f"{integer}.{tenth}")  # 45.6
    rounded = round(Decimal(f"{integer}.{tenth}"))  # 46 (or 45): what a rounding source would write
    assert not states_number(f"about {rounded}%", value)
    assert states_number(f"exactly {integer},{tenth}4 %", value)  # more precise: the record rounded it
    assert not states_number(f"some {integer + 1},{tenth} %", value)


@given(st.integers(1, 999), st.sampled_from(["", "5", "25"]),
       st.sampled_from([("milliards", 9), ("milliard", 9), ("Md", 9), ("bn", 9), ("billion", 9), ("مليار", 9),
                        ("millions", 6), ("million", 6), ("M", 6), ("mn", 6), ("مليون", 6), ("Millionen", 6),
                        ("miljoen", 6), ("Milliarden", 9)]))
def test_scale_words_state_a_figure_in_another_unit(integer, decimals, scale):
    word, power = scale
    text = f"{integer}{',' + decimals if decimals else ''} {word} de dirhams"
    number = Decimal(f"{integer}.{decimals or 0}")
    assert states_number(text, float(number), power)  # 11 (mad_bn) and "11 milliards"
    assert states_number(text, float(number.scaleb(power)))  # 11 000 000 000 (count) and "11 milliards"
    assert not states_number(text, float(number.scaleb(power + 3)))  # not a thousand times more


def test_a_scale_word_states_a_figure_as_precise_as_it_writes():
    assert states_number("1,5 million de ménages", 1_500_000)
    assert states_number("1,3 milliard de dirhams", 1.3, 9)
    assert not states_number("1,3 milliard de dirhams", 1_296_000_000)  # the source rounded: not the record's figure
    assert not states_number("21 millions d'habitants", 21_345_678)
    assert not states_number("$1.1 billion", 11, 9)  # MAD 11 bn is not USD 1.1 bn
    assert not states_number("45,6 % des ménages", 45)  # the integer part alone is not the figure


RANK_FORMS = ["{r}th", "{r}e", "{r}ème", "{r}ᵉ", "{r}e place", "rank {r}", "ranked {r}", "classé {r}e",
              "رتبة {r}", "المرتبة {r}", "الـ{r}", "احتل المرتبة ال {r} عالميا", "Morocco ({r})", "{r} out of 193",
              "{r}/193", "{r} عالمياً", "ranking was {r}", "Rank | Country |\n{r}. |\nMorocco |"]


@given(st.integers(1, 250), st.sampled_from(RANK_FORMS), st.booleans())
def test_a_rank_is_stated_in_every_form(rank, form, arabic_digits):
    text = "Le Maroc est " + form.format(r=rank) + " au classement"
    if arabic_digits:
        text = text.translate(ARABIC_INDIC)
    assert states_rank(text, rank), text


@given(st.integers(1, 250), st.integers(1, 250), st.sampled_from(RANK_FORMS))
def test_another_rank_does_not_state_it(rank, other, form):
    if rank != other:
        assert not states_rank("Le Maroc est " + form.format(r=other) + " au classement", rank)


@pytest.mark.parametrize("text, rank", [("المرتبة السادسة إفريقيا", 6), ("sixième en Afrique", 6), ("والسادس عربيا", 6),
                                        ("ranks first in Africa", 1), ("number one in Africa", 1)])
def test_small_ranks_written_as_words(text, rank):
    assert states_rank(text, rank)
    assert not states_rank(text, rank + 1)


def test_a_bare_number_is_not_a_rank():
    assert not states_rank("with 87 countries", 87)
    assert not states_rank("a score of 87.5", 87)


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
           "décembre"],
    "maghreb": ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر",
                "دجنبر"],
    "mashriq": ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
                "تشرين الثاني", "كانون الأول"],
    "egypt": ["يناير", "فبراير", "مارس", "إبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
              "ديسمبر"],
}
DAY_FORMS = ["le {d} {m} {y}", "on {d} {m}", "{m} {d}, {y}", "{d} {m}", "du {d} au 28 {m}", "يوم {d} {m} {y}",
             "{dd}/{mm}/{y}", "{y}-{mm}-{dd}", "{dd}.{mm}.{y}"]
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))


def day_text(day: dt.date, form: str, names: list[str]) -> str:
    return form.format(d=day.day, m=names[day.month - 1], y=day.year, dd=f"{day.day:02d}", mm=f"{day.month:02d}")


@given(days, st.sampled_from(DAY_FORMS), st.sampled_from(sorted(MONTHS)), st.booleans())
def test_a_day_is_stated_by_day_and_month_in_every_language(day, form, language, arabic_digits):
    text = day_text(day, form, MONTHS[language])
    if arabic_digits:
        text = text.translate(ARABIC_INDIC)
    assert states_date(text, PartialDate(day.year, day.month, day.day)), text


@given(days, days, st.sampled_from(DAY_FORMS), st.sampled_from(sorted(MONTHS)))
def test_another_day_does_not_state_it(day, other, form, language):
    if (day.month, day.day) != (other.month, other.day) and not (form.startswith("du") and day.day == 28):
        assert not states_date(day_text(other, form, MONTHS[language]), PartialDate(day.year, day.month, day.day))


@given(days, st.sampled_from(sorted(MONTHS)))
def test_a_month_needs_its_year_unless_the_source_is_of_that_year(day, language):
    date, name = PartialDate(day.year, day.month), MONTHS[language][day.month - 1]
    assert states_date(f"en {name} {day.year}", date)
    assert states_date(f"{day.month:02d}/{day.year}", date)
    assert not states_date(f"en {name}", date, PartialDate(day.year - 1))
    assert states_date(f"en {name}", date, PartialDate(day.year, 12, 1))
    assert not states_date(f"en {name} {day.year - 1}", date, PartialDate(day.year))
    assert not states_date(f"en {day.year}", date)  # the year alone is not the month
    assert states_date(f"en {day.year}", PartialDate(day.year))
    assert not states_date(f"en {day.year + 1}", PartialDate(day.year))


SOURCE = {"publisher": "P", "title": "T", "url": "https://example.org/x", "published": "2024-06"}


def _quoted(quote: str | None, **extra) -> list[dict]:
    return [{**SOURCE, **({"quote": quote} if quote else {}), **extra}]


def stat(quote: str | None, value: float = 45.6, **changes) -> AdoptionStat:
    return AdoptionStat.model_validate({
        "id": "ad-x", "indicator": "use", "label": {"en": "e", "fr": "f", "ar": "ع"}, "country": "MA",
        "value": value, "unit": "percent", "period": "2024", "sources": _quoted(quote), **changes})


DERIVED = {"en": "Worked out from the scores of the 2023 table", "fr": "Calculé d'après les scores",
           "ar": "محسوب انطلاقا من النقاط"}


def test_a_quote_without_the_figure_is_named_and_a_derived_note_silences_it():
    assert [claim.field for claim in unsupported_claims(stat("Le taux a fortement progressé"))] == ["value"]
    assert [claim.field for claim in unsupported_claims(stat(None))] == ["value"]
    assert unsupported_claims(stat("Le taux atteint 45,6 %")) == []
    assert unsupported_claims(stat("Le taux a fortement progressé", derived=DERIVED)) == []
    assert unsupported_claims(stat("Le taux a fortement progressé", status="unconfirmed",
                                   status_checked="2026-12-08")) == []


def test_an_alternative_is_checked_against_its_own_sources():
    alternative = {"field": "value", "value": 16, "note": DERIVED, "sources": _quoted("only 16% know it")}
    assert unsupported_claims(stat("45,6 %", alternatives=[alternative])) == []
    wrong = {**alternative, "sources": _quoted("45,6 % know it")}
    assert [c.field for c in unsupported_claims(stat("45,6 %", alternatives=[wrong]))] == ["alternatives.0.value"]
    assert unsupported_claims(stat("45,6 %", alternatives=[{**wrong, "derived": DERIVED}])) == []
    assert unsupported_claims(stat("45,6 %", derived=DERIVED, alternatives=[wrong]))  # the record's note is its own


def test_a_rank_held_as_an_adoption_value_is_read_as_a_rank():
    assert unsupported_claims(stat("second globally only to India", value=2, unit="rank")) == []
    assert unsupported_claims(stat("with 2 surveys", value=2, unit="rank"))


def test_an_index_needs_its_rank_and_its_score():
    data = {"id": "ix-x", "index": "i", "index_name": DERIVED, "edition": 2024, "country": "MA", "score": 43.34,
            "rank": 88, "countries_ranked": 193}
    found = unsupported_claims(IndexScore.model_validate({**data, "sources": _quoted("Le Maroc est 88e sur 193")}))
    assert [claim.field for claim in found] == ["score"]
    stated = _quoted("le Maroc occupe le 88e rang avec un score de 43,34 sur 100")
    assert unsupported_claims(IndexScore.model_validate({**data, "sources": stated})) == []


def test_a_milestone_needs_its_date_at_its_precision():
    data = {"id": "ms-x", "date": "2024-06-14", "track": "events", "region": "04",
            "title": {"en": "E", "fr": "F", "ar": "ع"}}
    milestone = Milestone.model_validate({**data, "sources": _quoted("signé vendredi à Rabat")})
    assert [claim.field for claim in unsupported_claims(milestone)] == ["date"]
    assert unsupported_claims(Milestone.model_validate({**data, "sources": _quoted("signé le 14 juin à Rabat")})) == []


def test_a_target_latest_value_is_checked_against_its_own_sources():
    data = {"id": "tg-x", "programme": "p", "indicator": DERIVED, "unit": "mad_bn", "sources": _quoted(
        "de 17,9 milliards de dirhams en 2022 à 40 milliards en 2030"), "baseline": {"value": 17.9, "date": "2022"},
        "target": {"value": 40, "date": "2030"}}
    latest = {"value": 26.2, "date": "2024", "sources": _quoted("les exportations atteignent 26,2 milliards de DH")}
    assert unsupported_claims(Target.model_validate({**data, "latest": latest})) == []
    latest["sources"] = _quoted("de 17,9 milliards de dirhams en 2022 à 40 milliards en 2030")
    found = unsupported_claims(Target.model_validate({**data, "latest": latest}))
    assert [claim.field for claim in found] == ["latest.value"]


def test_a_real_headline_states_the_claim_but_a_described_page_does_not():
    data = {"id": "ix-x", "index": "i", "index_name": DERIVED, "edition": 2023, "country": "NG", "rank": 109,
            "countries_ranked": 132}
    headline = {**SOURCE, "title": "Nigeria in 109th position as Switzerland, Sweden, US emerge most innovative"}
    assert unsupported_claims(IndexScore.model_validate({**data, "sources": [headline]})) == []
    described = {**headline, "title_note": "the stored copy shows no headline"}
    assert unsupported_claims(IndexScore.model_validate({**data, "sources": [described]}))
