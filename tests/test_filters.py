import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from morocco_ai.filters import YEAR_MAX, YEAR_MIN, Filters, parse_params


def test_defaults_mean_everything():
    filters, notices = parse_params({})
    assert filters == Filters() and filters.all_regions and filters.full_year_range and notices == []
    assert filters.to_params() == {}


@pytest.mark.parametrize("params, regions, years", [
    ({"region": "06"}, ("06",), (YEAR_MIN, YEAR_MAX)),
    ({"region": "6,04,06"}, ("04", "06"), (YEAR_MIN, YEAR_MAX)),
    ({"years": "2021-2024"}, (), (2021, 2024)),
    ({"years": "2024-2021"}, (), (2021, 2024)),
    ({"years": "2023"}, (), (2023, 2023)),
    ({"region": ["01", "12"]}, ("12",), (YEAR_MIN, YEAR_MAX)),  # repeated key: the last wins
])
def test_valid_values_are_read(params, regions, years):
    filters, notices = parse_params(params)
    assert (filters.regions, filters.years) == (regions, years)
    assert notices == []


@pytest.mark.parametrize("params, notice", [
    ({"region": "13,06"}, ("notice.region_unknown", {"codes": "13"})),
    ({"years": "soon"}, ("notice.years_invalid", {"value": "soon"})),
    ({"years": "1990-1995"}, ("notice.years_outside", {"value": "1990-1995", "start": YEAR_MIN, "end": YEAR_MAX})),
    ({"years": "2015-2040"}, ("notice.years_limited", {"start": YEAR_MIN, "end": YEAR_MAX})),
    ({"region": "0" * 500}, ("notice.too_long", {"param": "region"})),
])
def test_invalid_values_are_ignored_with_a_notice(params, notice):
    filters, notices = parse_params(params)
    assert notices == [notice]
    assert set(filters.regions) <= {"06"}


def test_round_trip_through_the_url():
    filters = Filters(regions=("03", "10"), years=(2022, 2026))
    assert parse_params(filters.to_params()) == (filters, [])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["region", "years", "lang", "x", ""]),
                       st.one_of(st.text(max_size=300), st.lists(st.text(max_size=50), max_size=4)), max_size=4))
def test_any_query_string_gives_valid_filters(params):
    filters, notices = parse_params(params)
    assert all(code in {f"{n:02d}" for n in range(1, 13)} for code in filters.regions)
    assert YEAR_MIN <= filters.years[0] <= filters.years[1] <= YEAR_MAX
    assert all(key.startswith("notice.") and all(len(str(v)) <= 80 for v in fields.values())
               for key, fields in notices)
