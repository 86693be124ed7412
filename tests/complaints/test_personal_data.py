"""A handler's "my data" holds that they handle a case, never the complainant's
name, address or texts (those stay in the case file, behind two-step verification)."""

import pytest

from complaints.flows.filing import file_case
from complaints.models import Case
from inspraak.privacy.registry import registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(organisation_factory, user_factory):
    return file_case(
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        data={
            "organisation": organisation_factory(),
            "name": "Sam Jansen",
            "address": "Dorpsstraat 1",
            "conduct_description": "Niemand belde terug.",
        },
        user=user_factory(),
    )


def test_the_filer_gets_their_whole_case(case):
    (row,) = registry.get(Case).export(case.filed_by)
    assert row["name"] == "Sam Jansen"
    assert row["conduct_description"] == "Niemand belde terug."


def test_the_handler_gets_the_reference_but_not_the_complainants_data(
    case, user_factory
):
    handler = user_factory()
    Case.objects.filter(pk=case.pk).update(handler=handler)

    (row,) = registry.get(Case).export(handler)

    assert row["reference"] == case.reference
    assert row["name"] is None
    assert row["address"] is None
    assert row["conduct_description"] is None
    assert "Sam Jansen" not in repr(row)
