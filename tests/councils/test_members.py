"""Members with terms: the public page shows members who chose so (first name, role,
since when) and counts the others; the members page for the council itself; the
chair's reminder two months before a term ends; extending a term."""

from datetime import date, timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from councils.models import CouncilMember
from councils.terms import (
    add_months,
    extension_error,
    reminder_due,
    send_term_reminders,
    term_end,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def members_url(council):
    return reverse("councils:members", kwargs={"council_id": council.pk})


def extend_url(member):
    return reverse("councils:extend_term", kwargs={"member_id": member.pk})


def membership(council, user):
    return CouncilMember.objects.get(council=council, user=user)


@pytest.fixture
def chair(site_council, make_member):
    """The chair of the council with a public page (overrides conftest's)."""
    return make_member(site_council, CouncilMember.Role.CHAIR)


# Month arithmetic ------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 15), 2, date(2026, 3, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28) + timedelta(days=1)),  # 1 March
        (date(2026, 12, 31), 2, date(2027, 3, 3) - timedelta(days=2)),  # 1 March
        (date(2026, 5, 31), -1, date(2026, 5, 1)),  # 31 April: 1 May
        (date(2026, 3, 10), -3, date(2025, 12, 10)),
        (date(2028, 2, 29), 12, date(2029, 3, 1)),  # as core.dates.anniversary
        (date(2026, 1, 31), 24, date(2028, 1, 31)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_a_term_of_24_months_ends_the_day_before_the_same_date():
    assert term_end(date(2026, 9, 1), 24) == date(2028, 8, 31)


# The public council page -----------------------------------------------------


def test_public_page_shows_first_name_role_and_since_of_shown_members_only(
    client, site_council, make_member, user_factory
):
    make_member(
        site_council,
        CouncilMember.Role.CHAIR,
        user=user_factory(display_name="Amira El Idrissi"),
        show_publicly=True,
        starts_on=date(2025, 3, 12),
    )
    make_member(
        site_council,
        CouncilMember.Role.COACH,
        user=user_factory(display_name="Bram Coach"),
        show_publicly=True,
        starts_on=date(2024, 9, 1),
    )
    make_member(site_council, user=user_factory(display_name="Geheime Gijs"))
    make_member(site_council, user=user_factory(display_name="Stille Sanne"))
    # A former member is no member any more, shown or not.
    make_member(
        site_council,
        user=user_factory(display_name="Oud Lid"),
        show_publicly=True,
        starts_on=date(2020, 1, 1),
        ends_on=TODAY - timedelta(days=1),
    )

    html = client.get(site_council.url).content.decode()

    assert "Amira" in html and "El Idrissi" not in html
    assert "maart 2025" in html  # since when, in the page's language
    assert "Bram" in html and "stemt niet mee" in html
    assert "Gijs" not in html and "Sanne" not in html and "Oud" not in html
    assert "2 leden" in html or "2 members" in html


def test_a_member_waiting_for_a_parent_is_not_counted(
    client, site_council, make_member, user_factory
):
    from inspraak.accounts.models import ParentalConsent

    young = user_factory(display_name="Wachtende Wies")
    make_member(site_council, user=young, show_publicly=True)
    ParentalConsent.objects.create(user=young, parent_email="ouder@example.test")

    html = client.get(site_council.url).content.decode()

    assert "Wachtende" not in html
    assert "Er zijn geen leden om te tonen." in html


# The members page -----------------------------------------------------------


def test_members_page_shows_terms_and_former_members_to_a_member(
    client, site_council, make_member, user_factory
):
    plain = make_member(site_council, ends_on=TODAY + timedelta(days=300))
    make_member(
        site_council,
        user=user_factory(display_name="Vroeger Lid"),
        starts_on=date(2021, 1, 1),
        ends_on=date(2023, 12, 31),
    )
    client.force_login(plain)

    response = client.get(members_url(site_council))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Vroeger Lid" in html  # history
    assert "31 dec. 2023" in html
    assert f'action="{extend_url(membership(site_council, plain))}"' not in html


def test_members_page_refuses_outsiders(client, site_council, chair, user_factory):
    client.force_login(user_factory())
    assert client.get(members_url(site_council)).status_code == 403
    client.logout()
    assert client.get(members_url(site_council)).status_code == 302


# Extending a term -------------------------------------------------------------


@pytest.fixture
def ending_member(site_council, make_member):
    user = make_member(site_council, ends_on=TODAY + timedelta(days=30))
    return membership(site_council, user)


def test_the_chair_extends_a_term(client, site_council, chair, ending_member):
    ending_member.term_reminder_sent_on = TODAY
    ending_member.save()
    new_end = TODAY + timedelta(days=700)
    client.force_login(chair)

    response = client.post(
        extend_url(ending_member), {f"term-{ending_member.pk}-ends_on": new_end}
    )

    assert response.status_code == 302
    ending_member.refresh_from_db()
    assert ending_member.ends_on == new_end
    # A new reminder will go out two months before the new end.
    assert ending_member.term_reminder_sent_on is None


@pytest.mark.parametrize(
    "new_end",
    [
        "",
        "gisteren",
        str(TODAY),
        str(TODAY + timedelta(days=10)),  # before the current end
        str(TODAY + timedelta(days=30)),  # the current end itself
        str(TODAY + timedelta(days=4 * 366 + 1)),  # more than four years
        "99999-01-01",
        "\x00",
    ],
)
def test_extension_to_a_wrong_date_is_refused_and_keeps_the_term(
    client, site_council, chair, ending_member, new_end
):
    client.force_login(chair)

    response = client.post(
        extend_url(ending_member), {f"term-{ending_member.pk}-ends_on": new_end}
    )

    assert response.status_code == 400
    assert "field__errors" in response.content.decode()
    ending_member.refresh_from_db()
    assert ending_member.ends_on == TODAY + timedelta(days=30)


@translation.override("en")
def test_extension_rule_says_why(ending_member):
    assert "after the current end" in extension_error(
        ending_member, TODAY + timedelta(days=5), TODAY
    )
    assert "at most 4 years" in extension_error(
        ending_member, date(TODAY.year + 5, 1, 1), TODAY
    )
    assert extension_error(ending_member, TODAY + timedelta(days=365), TODAY) is None


@pytest.mark.parametrize("who", ["member", "outsider", "coach"])
def test_only_chair_or_secretary_extend(
    client, site_council, make_member, user_factory, ending_member, who
):
    if who == "outsider":
        person = user_factory()
    else:
        role = CouncilMember.Role.COACH if who == "coach" else CouncilMember.Role.MEMBER
        person = make_member(site_council, role)
    client.force_login(person)

    response = client.post(
        extend_url(ending_member),
        {f"term-{ending_member.pk}-ends_on": TODAY + timedelta(days=400)},
    )

    assert response.status_code == 403
    ending_member.refresh_from_db()
    assert ending_member.ends_on == TODAY + timedelta(days=30)


def test_a_secretary_extends_too_and_a_former_term_cannot_be(
    client, site_council, make_member
):
    secretary = make_member(site_council, CouncilMember.Role.SECRETARY)
    former = membership(
        site_council,
        make_member(site_council, ends_on=TODAY - timedelta(days=3)),
    )
    client.force_login(secretary)

    response = client.post(
        extend_url(former), {f"term-{former.pk}-ends_on": TODAY + timedelta(days=90)}
    )

    assert response.status_code == 409
    former.refresh_from_db()
    assert former.ends_on == TODAY - timedelta(days=3)


def test_extending_as_anonymous_goes_to_sign_in(client, ending_member):
    response = client.post(extend_url(ending_member), {})
    assert response.status_code == 302 and "/login" in response.url


# The chair's reminder ---------------------------------------------------------


def test_the_chair_is_reminded_once_two_months_before_a_term_ends(
    site_council, chair, make_member, user_factory
):
    ends_on = date(2027, 6, 15)
    member = membership(
        site_council,
        make_member(
            site_council,
            user=user_factory(display_name="Noor"),
            starts_on=date(2025, 6, 16),
            ends_on=ends_on,
        ),
    )

    assert send_term_reminders(date(2027, 4, 14)) == 0  # a day too early
    assert send_term_reminders(date(2027, 4, 15)) == 1
    assert send_term_reminders(date(2027, 4, 15)) == 0  # once
    assert send_term_reminders(date(2027, 5, 1)) == 0

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [chair.email]
    assert "Noor" in message.subject
    assert members_url(site_council) in message.body
    member.refresh_from_db()
    assert member.term_reminder_sent_on == date(2027, 4, 15)


def test_a_missed_day_is_caught_up_but_not_after_the_end(site_council, make_member):
    member = membership(
        site_council, make_member(site_council, ends_on=date(2027, 6, 15))
    )
    assert reminder_due(member, date(2027, 6, 15))
    assert not reminder_due(member, date(2027, 6, 16))


def test_the_daily_command_sends_the_reminders(site_council, chair, make_member):
    make_member(site_council, ends_on=TODAY + timedelta(days=20))

    call_command("send_term_reminders", verbosity=0)
    call_command("send_term_reminders", verbosity=0)

    assert [m.to for m in mail.outbox] == [[chair.email]]
