"""Every relation to the user is in the privacy registry, so no app is forgotten."""

import pytest

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


@pytest.mark.django_db
def test_administrators_are_warned_about_open_requests(user_factory, mailoutbox):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from inspraak.privacy.models import DataRequest

    admin = user_factory(is_staff=True, is_superuser=True)
    person = user_factory()
    today = timezone.localdate()
    DataRequest.objects.create(
        user=person,
        account_number=person.pk,
        kind="erasure",
        status="failed",
        due_on=today + timedelta(days=3),
    )
    DataRequest.objects.create(  # answered: no warning
        user=person,
        account_number=person.pk,
        kind="export",
        status="completed",
        due_on=today + timedelta(days=3),
    )
    DataRequest.objects.create(  # due later: no warning yet
        user=person,
        account_number=person.pk,
        kind="export",
        due_on=today + timedelta(days=20),
    )

    call_command("check_data_requests")

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [admin.email]
    assert f"#{person.pk}" in mailoutbox[0].body
    assert mailoutbox[0].body.count("\n- ") == 1
