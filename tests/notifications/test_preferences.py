"""Kinds of notification and what applies to a person when they chose nothing."""

import pytest

from inspraak.notifications.kinds import (
    KINDS,
    Audience,
    Frequency,
    NotificationKind,
    UnknownKind,
    get_kind,
    register,
)
from inspraak.notifications.models import NotificationPreference, preferences_for
from inspraak.notifications.services import RequiredKindError, set_preference


def test_the_kinds_from_the_issue_exist():
    assert set(KINDS) >= {
        "advice_answered",
        "consultation_feedback",
        "assignment_invitation",
        "case_update",
        "staff_deadline_reminder",
        "case_acknowledgement",
    }
    assert get_kind("staff_deadline_reminder").audience == Audience.STAFF
    assert [kind.key for kind in KINDS.values() if kind.required] == [
        "case_acknowledgement",
        "case_decision",
    ]


def test_an_unknown_kind_is_a_clear_error():
    with pytest.raises(UnknownKind, match="newsletter"):
        get_kind("newsletter")


def test_a_kind_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="already registered"):
        register(NotificationKind(key="case_update", label="x", description="x"))


def test_a_required_kind_must_be_on_and_immediate():
    with pytest.raises(ValueError):
        NotificationKind(
            key="x",
            label="x",
            description="x",
            required=True,
            default_frequency=Frequency.DAILY,
        )


def test_without_choices_every_kind_has_its_default(person):
    preferences = preferences_for(person)

    assert list(preferences) == list(KINDS)
    for key, preference in preferences.items():
        assert preference.is_default
        assert preference.enabled == KINDS[key].default_enabled
        assert preference.frequency == KINDS[key].default_frequency


def test_a_stored_choice_wins_over_the_default(person):
    set_preference(person, "case_update", enabled=False, frequency="daily")

    preference = preferences_for(person)["case_update"]
    assert (preference.enabled, preference.frequency) == (False, Frequency.DAILY)


def test_a_required_kind_stays_on_even_with_a_stored_row(person):
    # A row written past the service (admin, an old bug) still cannot switch it off.
    NotificationPreference.objects.create(
        user=person, kind="case_acknowledgement", enabled=False, frequency="daily"
    )

    preference = preferences_for(person)["case_acknowledgement"]
    assert (preference.enabled, preference.frequency) == (True, Frequency.IMMEDIATE)


def test_the_service_refuses_to_switch_off_a_required_kind(person):
    with pytest.raises(RequiredKindError):
        set_preference(person, "case_acknowledgement", enabled=False)
    with pytest.raises(RequiredKindError):
        set_preference(person, "case_acknowledgement", enabled=True, frequency="daily")
    assert not NotificationPreference.objects.filter(user=person).exists()
