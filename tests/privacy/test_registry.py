"""Every relation to the user is in the privacy registry, so no app is forgotten."""

from datetime import date

import pytest

from inspraak.privacy.models import data_request_deadline
from inspraak.privacy.registry import fields_pointing_at_user, registry


def test_every_foreign_key_to_the_user_is_covered_by_the_registry():
    missing = sorted(set(fields_pointing_at_user()) - registry.covered_fields())
    assert not missing, (
        "These fields point at the user but no personal_data.py registers them "
        f"(see inspraak.privacy.registry): {missing}"
    )


def test_the_coverage_check_sees_our_own_and_library_models():
    found = set(fields_pointing_at_user())
    # If the scan found nothing, the test above could never fail.
    assert ("organisations.membership", "user") in found
    assert ("wagtailcore.page", "owner") in found
    assert ("account.emailaddress", "user") in found
    # Inherited fields are counted once, on the model that defines them.
    assert ("pages.contentpage", "owner") not in found


def test_registering_a_field_that_is_not_a_user_relation_fails():
    from inspraak.organisations.models import Organisation
    from inspraak.privacy.registry import PersonalData, Registry

    class Wrong(PersonalData):
        model = Organisation
        user_fields = ("member_municipalities",)

    with pytest.raises(ValueError, match="does not point at the user"):
        Registry().register(Wrong)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 11, 22), date(2026, 12, 22)),
        (date(2026, 12, 15), date(2027, 1, 15)),
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 29)),
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 2, 28), date(2026, 3, 28)),
    ],
)
def test_a_data_request_is_answered_within_one_month(received, due):
    # AVG art. 12(3): one month from receipt.
    assert data_request_deadline(received) == due
