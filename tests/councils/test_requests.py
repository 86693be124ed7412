"""Requests for advice: an organisation's staff ask, the council's chair or secretary
accepts or declines, the request shows the advice that answers it."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from councils.models import AdviceRequest, CouncilMember
from councils.services import requests as advice_requests
from councils.services.errors import AdviceStateError
from inspraak.organisations.models import Role

pytestmark = pytest.mark.django_db

OPEN = AdviceRequest.Status.OPEN
ACCEPTED = AdviceRequest.Status.ACCEPTED
DECLINED = AdviceRequest.Status.DECLINED


def ask_url(council):
    return reverse("councils:ask_advice", args=[council.pk])


def request_url(advice_request):
    return reverse("councils:request", args=[advice_request.pk])


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def policy_officer(user_factory, membership_factory, organisation):
    user = user_factory(preferred_language="nl")
    membership_factory(user=user, organisation=organisation, role=Role.POLICY)
    return user


@pytest.fixture
def open_request(council, organisation, policy_officer):
    return advice_requests.ask_advice(
        council,
        organisation,
        policy_officer,
        question="Hoe maken we de wachtlijst korter?",
        desired_on=in_days(60),
    )


# Asking ---------------------------------------------------------------------


def test_staff_ask_the_council_and_its_members_are_told(
    client, council, organisation, policy_officer, chair, member, mailoutbox
):
    client.force_login(policy_officer)

    response = client.post(
        ask_url(council),
        {
            "organisation": organisation.pk,
            "question": "Hoe maken we de wachtlijst korter?",
            "desired_on": in_days(60).isoformat(),
        },
    )

    advice_request = AdviceRequest.objects.get()
    assert response.status_code == 302
    assert response.url == request_url(advice_request)
    assert (advice_request.status, advice_request.requested_by) == (
        OPEN,
        policy_officer,
    )
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [chair.email, member.email]
    )
    assert request_url(advice_request) in mailoutbox[0].body


@pytest.mark.parametrize("days", [0, -1])
def test_the_desired_date_must_be_in_the_future(
    client, council, organisation, policy_officer, days
):
    client.force_login(policy_officer)

    response = client.post(
        ask_url(council),
        {
            "organisation": organisation.pk,
            "question": "Mijn vraag",
            "desired_on": in_days(days).isoformat(),
        },
    )

    assert "desired_on" in response.context["form"].errors
    assert "Mijn vraag" in response.content.decode()
    assert not AdviceRequest.objects.exists()


def test_someone_without_a_role_cannot_ask(client, council, user_factory):
    client.force_login(user_factory())

    assert client.get(ask_url(council)).status_code == 403


def test_staff_cannot_ask_for_an_organisation_they_do_not_work_for(
    client, council, policy_officer, organisation_factory
):
    other = organisation_factory()
    client.force_login(policy_officer)

    response = client.post(
        ask_url(council),
        {
            "organisation": other.pk,
            "question": "Vraag",
            "desired_on": in_days(30).isoformat(),
        },
    )

    assert "organisation" in response.context["form"].errors
    assert not AdviceRequest.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, council):
    response = client.get(ask_url(council))

    assert response.status_code == 302
    assert reverse("account_login") in response.url


# Deciding -------------------------------------------------------------------


def test_the_chair_sees_the_decision_form(client, chair, open_request):
    client.force_login(chair)

    response = client.get(request_url(open_request))

    assert response.status_code == 200
    assert response.context["form"] is not None


def test_staff_see_the_request_form(client, council, policy_officer, organisation):
    client.force_login(policy_officer)

    form = client.get(ask_url(council)).context["form"]

    assert list(form.fields["organisation"].queryset) == [organisation]


def test_the_chair_accepts_and_the_asker_is_told(
    client, chair, open_request, policy_officer, mailoutbox
):
    mailoutbox.clear()
    client.force_login(chair)

    response = client.post(request_url(open_request), {"decision": "accept"})

    assert response.status_code == 302
    open_request.refresh_from_db()
    assert (open_request.status, open_request.decided_on) == (
        ACCEPTED,
        timezone.localdate(),
    )
    assert [mail.to for mail in mailoutbox] == [[policy_officer.email]]


def test_the_secretary_declines_with_a_reason(
    client, council, make_member, open_request
):
    secretary = make_member(council, CouncilMember.Role.SECRETARY)
    client.force_login(secretary)

    client.post(
        request_url(open_request),
        {"decision": "decline", "reason": "Dit valt buiten onze taak."},
    )

    open_request.refresh_from_db()
    assert (open_request.status, open_request.decline_reason) == (
        DECLINED,
        "Dit valt buiten onze taak.",
    )


def test_declining_needs_a_reason(client, chair, open_request):
    client.force_login(chair)

    response = client.post(request_url(open_request), {"decision": "decline"})

    assert "reason" in response.context["form"].errors
    open_request.refresh_from_db()
    assert open_request.status == OPEN


def test_a_member_who_is_not_chair_or_secretary_cannot_decide(
    client, member, open_request
):
    client.force_login(member)

    page = client.get(request_url(open_request))
    response = client.post(request_url(open_request), {"decision": "accept"})

    assert page.status_code == 200
    assert page.context["form"] is None
    assert response.status_code == 403
    open_request.refresh_from_db()
    assert open_request.status == OPEN


def test_the_asking_organisation_cannot_decide(client, policy_officer, open_request):
    client.force_login(policy_officer)

    response = client.post(request_url(open_request), {"decision": "accept"})

    assert response.status_code == 403


def test_a_decided_request_cannot_be_decided_again(client, chair, open_request):
    advice_requests.decide_request(
        open_request, chair, accept=False, reason="Geen tijd."
    )
    client.force_login(chair)

    client.post(request_url(open_request), {"decision": "accept"})

    open_request.refresh_from_db()
    assert open_request.status == DECLINED
    with pytest.raises(AdviceStateError):
        advice_requests.decide_request(open_request, chair, accept=True)


def test_outsiders_cannot_see_the_request(client, user_factory, open_request):
    client.force_login(user_factory())

    assert client.get(request_url(open_request)).status_code == 403


# The advice that answers it -------------------------------------------------


def test_the_request_page_shows_the_published_advice(
    client, policy_officer, open_request, make_advice, council, organisation
):
    advice = make_advice(council, organisation, sent_days_ago=1)
    advice.kind = advice.Kind.REQUESTED
    advice.request = open_request
    advice.save()
    client.force_login(policy_officer)

    assert list(client.get(request_url(open_request)).context["advice_list"]) == [
        advice
    ]

    advice.unpublish()

    assert not client.get(request_url(open_request)).context["advice_list"]
