"""Dates and amounts on the pages. Dutch months in lower case with a dot where
they are cut ("30 nov. 2026", "3 mei 2026"), English as usual, times in the
site's zone; amounts grouped with two decimals ("€ 2.044,00")."""

import datetime

from django.template import Context, Template
from django.utils import translation

import pytest

from inspraak.core.templatetags.inspraak_tags import short_date


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("nl", datetime.date(2026, 11, 30), "30 nov. 2026"),
        ("nl", datetime.date(2026, 5, 3), "3 mei 2026"),
        ("nl", datetime.date(2026, 3, 1), "1 mrt. 2026"),
        ("en", datetime.date(2026, 11, 30), "30 Nov 2026"),
    ],
)
def test_short_dates(language, day, expected):
    with translation.override(language):
        assert short_date(day) == expected


def test_a_time_is_shown_in_amsterdam():
    moment = datetime.datetime(2026, 7, 1, 10, 5, tzinfo=datetime.UTC)
    with translation.override("nl"):
        assert short_date(moment, "time") == "1 jul. 2026, 12:05"  # summer time
        assert short_date(moment) == "1 jul. 2026"


def test_in_a_template_and_without_a_value():
    template = Template(
        "{% load inspraak_tags %}{{ day|short_date }}|{{ none|short_date }}"
    )
    with translation.override("nl"):
        rendered = template.render(Context({"day": datetime.date(2026, 12, 1)}))
    assert rendered == "1 dec. 2026|"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "2.044,00"), ("en", "2,044.00")],
)
def test_amounts_are_grouped_with_two_decimals(language, expected):
    from decimal import Decimal

    from inspraak.core.templatetags.inspraak_tags import amount

    with translation.override(language):
        assert amount(Decimal("2044")) == expected
        assert amount(None) == ""
        assert amount("niet") == "niet"
