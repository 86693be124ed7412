"""The handler's side: who may open the queue and a case, MFA, the steps on a case
with what the law asks of them, and the access log nobody can change."""

from datetime import date, timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from complaints import deadlines
from complaints.access import needs_mfa
from complaints.case_deadlines import all_atw_extra_days, decision_deadline
from complaints.flows import closing, decision, handling
from complaints.models import (
    Case,
    CaseAccessLog,
    CaseEvent,
    CaseMessage,
)
from complaints.models.cases import next_reference
from inspraak.notifications.services import set_preference
from inspraak.organisations.models import Role

pytestmark = pytest.mark.django_db


def make_case(organisation, **fields):
    kind = fields.pop("kind", Case.Kind.OBJECTION)
    fields.setdefault("received_on", timezone.localdate())
    return Case.objects.create(
        reference=next_reference(kind, 2026),
        kind=kind,
        organisation=organisation,
        name="Sam de Vries",
        **fields,
    )


@pytest.fixture
def municipality(organisation_factory):
    return organisation_factory(name="Gemeente Hier")


@pytest.fixture
def handler(membership_factory, municipality, with_totp):
    return with_totp(
        membership_factory(organisation=municipality, role=Role.CASE_HANDLER).user
    )


@pytest.fixture
def filer(user_factory):
    return user_factory()


@pytest.fixture
def case(municipality, filer):
    return make_case(
        municipality,
        filed_by=filer,
        decision_made_known_on=timezone.localdate() - timedelta(days=10),
        grounds="Mijn zoon krijgt te weinig uren begeleiding.",
    )


def action_url(case, action):
    return reverse("complaints:handle_action", args=[case.reference, action])


# Who may open what ----------------------------------------------------------


@pytest.fixture
def forbidden(
    request, membership_factory, organisation_factory, municipality, filer, with_totp
):
    """Each person who must not handle the case."""
    if request.param == "other_handler":
        other = organisation_factory(name="Gemeente Elders")
        return with_totp(
            membership_factory(organisation=other, role=Role.CASE_HANDLER).user
        )
    if request.param == "policy_officer":
        return with_totp(
            membership_factory(organisation=municipality, role=Role.POLICY).user
        )
    if request.param == "filer":
        return filer
    return None  # anonymous


PEOPLE = ["other_handler", "policy_officer", "filer", "anonymous"]


@pytest.mark.parametrize("forbidden", PEOPLE, indirect=True)
def test_forbidden_people_cannot_open_the_case(client, sign_in, forbidden, case):
    if forbidden is not None:
        sign_in(forbidden)
    response = client.get(reverse("complaints:handle", args=[case.reference]))
    if forbidden is None:
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    else:
        assert response.status_code in (403, 404)
    assert not CaseAccessLog.objects.filter(case=case).exists()


@pytest.mark.parametrize("forbidden", PEOPLE, indirect=True)
def test_forbidden_people_cannot_take_a_step(client, sign_in, forbidden, case):
    if forbidden is not None:
        sign_in(forbidden)
    response = client.post(action_url(case, "acknowledge"))
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert reverse("account_login") in response["Location"]
    case.refresh_from_db()
    assert case.acknowledged_on is None
    assert not CaseEvent.objects.filter(case=case).exists()


@pytest.mark.parametrize("forbidden", PEOPLE, indirect=True)
def test_forbidden_people_do_not_see_the_case_in_a_queue(
    client, sign_in, forbidden, case
):
    if forbidden is not None:
        sign_in(forbidden)
    response = client.get(reverse("complaints:queue"))
    if forbidden is None:
        assert response.status_code == 302
    elif response.status_code == 200:
        assert case.reference not in response.content.decode()
    else:
        assert response.status_code == 403


def test_handler_without_two_step_verification_goes_to_the_mfa_page(
    client, membership_factory, municipality, case
):
    user = membership_factory(organisation=municipality, role=Role.CASE_HANDLER).user
    client.force_login(user)
    for url in (
        reverse("complaints:queue"),
        reverse("complaints:handle", args=[case.reference]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_index")
    response = client.get(reverse("mfa_index"))
    assert (
        "two-step verification" in response.content.decode()
        or ("tweestapsverificatie" in response.content.decode())
        or response.status_code == 200
    )
    assert not CaseAccessLog.objects.filter(case=case).exists()


def test_confidential_advisers_need_mfa_too(membership_factory):
    adviser = membership_factory(role=Role.CONFIDENTIAL_ADVISER).user
    policy = membership_factory(role=Role.POLICY).user
    assert needs_mfa(adviser)
    assert not needs_mfa(policy)


# The queue ------------------------------------------------------------------


def test_queue_lists_own_cases_by_deadline_with_words_for_colours(
    client, sign_in, handler, municipality, organisation_factory
):
    today = timezone.localdate()
    later = make_case(municipality, kind=Case.Kind.MUNICIPAL_COMPLAINT)
    soon = make_case(
        municipality,
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        received_on=today - timedelta(weeks=6) + timedelta(days=3),
    )
    late = make_case(
        municipality,
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        received_on=today - timedelta(weeks=12),
    )
    elsewhere = make_case(organisation_factory(), kind=Case.Kind.MUNICIPAL_COMPLAINT)
    sign_in(handler)
    response = client.get(reverse("complaints:queue"))
    page = response.content.decode()
    assert response.status_code == 200
    assert elsewhere.reference not in page
    positions = [page.index(c.reference) for c in (late, soon, later)]
    assert positions == sorted(positions)
    assert [c.deadline_label for c in response.context["cases"]] == [
        "Te laat",
        "Binnen 7 dagen",
        "Op tijd",
    ] or [c.deadline_class for c in response.context["cases"]] == [
        "overdue",
        "answered_late",
        "awaiting",
    ]
    assert "status-badge--overdue" in page


def test_queue_filters(client, sign_in, handler, municipality):
    today = timezone.localdate()
    objection = make_case(municipality)
    complaint = make_case(municipality, kind=Case.Kind.MUNICIPAL_COMPLAINT)
    late = make_case(
        municipality,
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        received_on=today - timedelta(weeks=12),
    )
    closed = make_case(municipality, status=Case.Status.WITHDRAWN, closed_on=today)
    sign_in(handler)

    def refs(**params):
        response = client.get(reverse("complaints:queue"), params)
        return {c.reference for c in response.context["cases"]}

    assert refs(kind="objection") == {objection.reference, closed.reference}
    assert refs(state="open") == {
        objection.reference,
        complaint.reference,
        late.reference,
    }
    assert refs(state="closed") == {closed.reference}
    assert refs(overdue="on") == {late.reference}
    assert refs(status="withdrawn") == {closed.reference}


def test_a_case_decided_late_stays_late_in_the_queue(
    client, sign_in, handler, municipality
):
    today = timezone.localdate()
    case = make_case(
        municipality,
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        received_on=today - timedelta(weeks=12),
    )
    decision.decide(case, Case.Outcome.UNFOUNDED, "Geen fout gemaakt.", handler)
    sign_in(handler)
    response = client.get(reverse("complaints:queue"), {"overdue": "on"})
    rows = list(response.context["cases"])
    assert [c.reference for c in rows] == [case.reference]
    assert rows[0].late and rows[0].deadline_class == "overdue"


def test_queue_query_count_does_not_grow_with_rows(
    client, sign_in, handler, municipality, django_assert_max_num_queries
):
    sign_in(handler)
    for _ in range(3):
        make_case(municipality, kind=Case.Kind.MUNICIPAL_COMPLAINT)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("complaints:queue"))
    for _ in range(30):
        make_case(municipality)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("complaints:queue"))
    assert len(response.context["cases"]) == 20
    assert response.context["page_obj"].paginator.num_pages == 2


def test_the_deadline_in_lists_equals_the_models(municipality, organisation_factory):
    today = timezone.localdate()
    provider = organisation_factory(kind="provider", complaint_period_weeks=8)
    cases = [
        make_case(
            municipality,
            decision_made_known_on=date(2026, 2, 20),
            received_on=date(2026, 3, 2),
            committee=True,
            postponed_weeks=6,
            repair_requested_on=date(2026, 4, 10),
            repaired_on=date(2026, 4, 20),
        ),
        make_case(municipality, received_on=date(2026, 4, 20), is_late=True),
        make_case(
            municipality,
            kind=Case.Kind.MUNICIPAL_COMPLAINT,
            received_on=date(2026, 11, 20),
            postponed_weeks=4,
        ),
        make_case(provider, kind=Case.Kind.PROVIDER_COMPLAINT),
    ]
    extra = all_atw_extra_days()
    for case in cases:
        assert decision_deadline(case, today, extra_days=extra) == (
            case.decision_deadline(today)
        )


# The case file --------------------------------------------------------------


def test_handler_sees_the_case_and_each_view_is_logged(client, sign_in, handler, case):
    sign_in(handler)
    response = client.get(reverse("complaints:handle", args=[case.reference]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mijn zoon krijgt te weinig uren begeleiding." in page
    assert "Awb 7:10" in page  # the rule behind the deadline
    entry = CaseAccessLog.objects.get(case=case)
    assert (entry.user, entry.action) == (handler, CaseAccessLog.Action.VIEW)


def test_acknowledgement_is_sent_even_with_case_updates_switched_off(
    client, sign_in, handler, case, filer
):
    set_preference(filer, "case_update", enabled=False)
    sign_in(handler)
    response = client.post(action_url(case, "acknowledge"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.acknowledged_on == timezone.localdate()
    assert case.status == Case.Status.ACKNOWLEDGED
    assert case.handler == handler
    assert [m.to for m in mail.outbox] == [[filer.email]]
    assert case.reference in mail.outbox[0].subject
    assert CaseEvent.objects.filter(case=case, by=handler).exists()
    assert CaseAccessLog.objects.filter(
        case=case, action=CaseAccessLog.Action.CHANGE, user=handler
    ).exists()


def test_a_guest_gets_the_acknowledgement_with_their_link(handler, municipality):
    case = make_case(
        municipality,
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        guest_email="gast@example.test",
        guest_verified_at=timezone.now(),
        access_nonce="abc",
    )
    assert handling.acknowledge(case, handler) == "guest"
    assert mail.outbox[0].to == ["gast@example.test"]
    assert "/klachten/volgen/" in mail.outbox[0].body


def test_postponement_beyond_the_legal_maximum_is_refused(
    client, sign_in, handler, case
):
    sign_in(handler)
    response = client.post(
        action_url(case, "postpone"),
        {"weeks": 7, "notice": "We wachten op een advies."},
        follow=True,
    )
    case.refresh_from_db()
    assert case.postponed_weeks == 0
    text = response.content.decode()
    assert "6" in text and (
        "at most" in text or "hoogstens" in text or "ten hoogste" in text
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("6" in m for m in messages)


def test_postponement_needs_a_written_notice_and_is_recorded(
    client, sign_in, handler, case
):
    sign_in(handler)
    before = case.decision_deadline()
    response = client.post(action_url(case, "postpone"), {"weeks": 4, "notice": ""})
    assert response.status_code == 400
    client.post(
        action_url(case, "postpone"),
        {"weeks": 4, "notice": "We wachten op een advies."},
    )
    case.refresh_from_db()
    assert case.postponed_weeks == 4
    assert case.postponement_notice == "We wachten op een advies."
    assert case.decision_deadline() > before
    assert "uitgesteld met 4 weken" in case.decision_rule()
    with pytest.raises(ValueError):
        handling.postpone(case, 1, "Nog een keer.", handler)


def test_complaint_postponement_maximum_is_four_weeks(handler, municipality):
    case = make_case(municipality, kind=Case.Kind.MUNICIPAL_COMPLAINT)
    with pytest.raises(ValueError, match="4"):
        handling.postpone(case, 5, "Later.", handler)


def test_objection_outcome_names_the_court_and_its_deadline(
    client, sign_in, handler, case
):
    sign_in(handler)
    client.post(
        action_url(case, "decide"),
        {"outcome": "partly", "text": "U krijgt meer uren.", "jeugdwet": "on"},
    )
    case.refresh_from_db()
    assert case.status == Case.Status.DECIDED
    assert case.decided_on == timezone.localdate()
    appeal_until = deadlines.objection_period_end(case.decided_on)
    assert "kinderrechter" in case.outcome_text
    assert f"{appeal_until.day} " in case.outcome_text
    assert "6" in case.outcome_text
    assert "kinderrechter" in mail.outbox[-1].body


def test_municipal_complaint_outcome_names_the_ombudsman_within_a_year(
    handler, municipality
):
    case = make_case(municipality, kind=Case.Kind.MUNICIPAL_COMPLAINT)
    decision.decide(
        case, Case.Outcome.WELL_FOUNDED, "Excuses.", handler, today=date(2026, 3, 10)
    )
    assert "ombudsman" in case.outcome_text
    assert "9:24" in case.outcome_text
    assert "2027" in case.outcome_text


def test_provider_complaint_outcome_names_kinderombudsman_and_court(
    handler, organisation_factory
):
    provider = organisation_factory(kind="provider")
    case = make_case(provider, kind=Case.Kind.PROVIDER_COMPLAINT)
    decision.decide(case, Case.Outcome.UNFOUNDED, "Geen fout.", None)
    assert "Kinderombudsman" in case.outcome_text
    assert "civiele rechter" in case.outcome_text or "civil court" in case.outcome_text


def test_hearing_less_than_ten_days_ahead_warns_for_an_objection(
    client, sign_in, handler, case
):
    sign_in(handler)
    soon = timezone.localtime() + timedelta(days=3)
    response = client.post(
        action_url(case, "hearing"),
        {"at": soon.strftime("%Y-%m-%dT%H:%M"), "place": "Stadhuis"},
        follow=True,
    )
    case.refresh_from_db()
    assert case.status == Case.Status.HEARING_PLANNED
    assert case.hearing_place == "Stadhuis"
    levels = [m.level_tag for m in response.context["messages"]]
    assert "warning" in levels


def test_a_hearing_in_the_past_is_refused(handler, case):
    with pytest.raises(ValueError):
        handling.plan_hearing(
            case, timezone.now() - timedelta(hours=1), "Stadhuis", handler
        )


def test_committee_only_for_objections_and_municipal_complaints(
    handler, case, organisation_factory
):
    handling.note_committee(case, handler)
    case.refresh_from_db()
    assert case.committee and "12" in case.decision_rule()
    provider_case = make_case(
        organisation_factory(kind="provider"), kind=Case.Kind.PROVIDER_COMPLAINT
    )
    with pytest.raises(ValueError):
        handling.note_committee(provider_case, handler)


def test_decline_within_four_weeks_names_the_ombudsman(handler, municipality):
    today = timezone.localdate()
    case = make_case(municipality, kind=Case.Kind.MUNICIPAL_COMPLAINT)
    closing.decline(case, "Dit gebeurde meer dan een jaar geleden.", handler)
    assert case.status == Case.Status.DECLINED
    assert "ombudsman" in case.closing_reason
    too_late = make_case(
        municipality,
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        received_on=today - timedelta(weeks=6),
    )
    with pytest.raises(ValueError, match="9:8"):
        closing.decline(too_late, "Te laat.", handler)


def test_forward_withdraw_close_and_message(
    client, sign_in, handler, municipality, filer
):
    sign_in(handler)
    forwarded = make_case(municipality, kind=Case.Kind.MUNICIPAL_COMPLAINT)
    client.post(action_url(forwarded, "forward"), {"reason": "Naar de aanbieder."})
    forwarded.refresh_from_db()
    assert forwarded.status == Case.Status.FORWARDED and forwarded.closed_on

    withdrawn = make_case(municipality, filed_by=filer)
    client.post(action_url(withdrawn, "withdraw"), {"note": "Gebeld op 3 maart."})
    withdrawn.refresh_from_db()
    assert withdrawn.status == Case.Status.WITHDRAWN

    decided = make_case(municipality, filed_by=filer)
    client.post(action_url(decided, "message"), {"text": "Kunt u een kopie sturen?"})
    message = CaseMessage.objects.get(case=decided)
    assert message.from_handler and message.author == handler
    assert "Kunt u" not in mail.outbox[-1].body  # the text stays in the case
    decision.decide(decided, Case.Outcome.UNFOUNDED, "Geen fout.", handler)
    client.post(action_url(decided, "close"))
    decided.refresh_from_db()
    assert decided.status == Case.Status.CLOSED and decided.closed_on


def test_the_access_log_cannot_be_changed_by_anyone(client, sign_in, handler, case):
    sign_in(handler)
    client.get(reverse("complaints:handle", args=[case.reference]))
    entry = CaseAccessLog.objects.get(case=case)
    for action in ("log", "access_log", "delete_log"):
        response = client.post(action_url(case, action), {"detail": "weg"})
        assert response.status_code == 404
    entry.detail = "changed"
    with pytest.raises(ValueError):
        entry.save()
    assert CaseAccessLog.objects.get(case=case).detail == ""
    page = client.get(reverse("complaints:handle", args=[case.reference]))
    assert 'action="' + action_url(case, "log") not in page.content.decode()
