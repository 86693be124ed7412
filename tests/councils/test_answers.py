"""Answering advice (only the addressee's staff, reasons for any deviation, late
answers marked) and the council's one follow-up reaction."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model

import pytest

from councils.models import (
    AdviceAnswer,
    AdvicePage,
    AnswerPoint,
    CouncilPage,
    FollowUp,
)
from councils.models.advice import AdviceStatus
from councils.services import answers
from councils.services.errors import AdviceStateError
from inspraak.organisations.models import Role

pytestmark = pytest.mark.django_db

ADOPTED = AdviceAnswer.Verdict.ADOPTED
PARTLY = AdviceAnswer.Verdict.PARTLY
NOT_ADOPTED = AdviceAnswer.Verdict.NOT_ADOPTED


def answer_url(advice):
    return reverse("councils:answer", args=[advice.pk])


def follow_up_url(advice):
    return reverse("councils:follow_up", args=[advice.pk])


def answer_data(verdict=ADOPTED, reasons="", points=(), **extra):
    data = {
        "verdict": verdict,
        "summary": "We gaan de wachttijden korter maken.",
        "reasons": reasons,
        "points-TOTAL_FORMS": str(max(3, len(points))),
        "points-INITIAL_FORMS": "0",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "20",
    }
    for index, point in enumerate(points):
        for key, value in point.items():
            data[f"points-{index}-{key}"] = value
    data.update(extra)
    return data


# Who may answer -------------------------------------------------------------


def test_staff_of_the_addressee_see_the_form(client, staff, advice):
    client.force_login(staff)

    response = client.get(answer_url(advice))

    assert response.status_code == 200
    assert "form" in response.context


def test_anonymous_visitors_are_sent_to_sign_in(client, advice):
    response = client.get(answer_url(advice))

    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_staff_of_another_organisation_cannot_answer(
    client, advice, user_factory, membership_factory, organisation_factory
):
    outsider = user_factory()
    membership_factory(
        user=outsider, organisation=organisation_factory(), role=Role.ADVICE_RESPONDER
    )
    client.force_login(outsider)

    assert client.get(answer_url(advice)).status_code == 403
    assert client.post(answer_url(advice), answer_data()).status_code == 403
    assert not AdviceAnswer.objects.exists()


def test_staff_without_an_answering_role_cannot_answer(
    client, advice, organisation, user_factory, membership_factory
):
    handler = user_factory()
    membership_factory(user=handler, organisation=organisation, role=Role.CASE_HANDLER)
    client.force_login(handler)

    assert client.post(answer_url(advice), answer_data()).status_code == 403


def test_a_council_member_cannot_answer(client, advice, chair):
    client.force_login(chair)

    assert client.post(answer_url(advice), answer_data()).status_code == 403
    assert not AdviceAnswer.objects.exists()


# Recording the answer -------------------------------------------------------


def test_an_answer_with_points_is_saved_and_the_council_told(
    client, staff, advice, chair, member, mailoutbox
):
    client.force_login(staff)

    response = client.post(
        answer_url(advice),
        answer_data(
            PARTLY,
            reasons="Het geld is er pas volgend jaar.",
            points=[
                {"point": "Wachttijd onder 6 weken", "verdict": ADOPTED},
                {
                    "point": "Gratis vervoer",
                    "verdict": NOT_ADOPTED,
                    "reasons": "Dat betaalt het rijk al.",
                },
            ],
        ),
    )

    assert response.status_code == 302
    answer = AdviceAnswer.objects.get(advice=advice)
    assert (answer.verdict, answer.answered_by, answer.is_late) == (
        PARTLY,
        staff,
        False,
    )
    assert [(p.point, p.verdict) for p in answer.points.all()] == [
        ("Wachttijd onder 6 weken", ADOPTED),
        ("Gratis vervoer", NOT_ADOPTED),
    ]
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [chair.email, member.email]
    )
    assert AdvicePage.objects.with_status().get(pk=advice.pk).status == (
        AdviceStatus.ANSWERED
    )


def test_a_former_member_is_not_told(
    client, staff, advice, council, make_member, mailoutbox
):
    yesterday = advice.dispatch.sent_on
    make_member(council, ends_on=yesterday)

    answers.record_answer(advice, staff, verdict=ADOPTED, summary="Goed idee.")

    assert mailoutbox == []


@pytest.mark.parametrize("verdict", [PARTLY, NOT_ADOPTED])
def test_reasons_are_required_unless_adopted(client, staff, advice, verdict):
    client.force_login(staff)

    response = client.post(answer_url(advice), answer_data(verdict, reasons="  "))

    assert response.status_code == 200
    assert "reasons" in response.context["form"].errors
    assert not AdviceAnswer.objects.exists()


def test_what_was_typed_is_kept_after_an_error(client, staff, advice):
    client.force_login(staff)

    response = client.post(
        answer_url(advice),
        answer_data(NOT_ADOPTED, points=[{"point": "Gratis vervoer"}]),
    )

    assert "We gaan de wachttijden korter maken." in response.content.decode()
    assert 'value="Gratis vervoer"' in response.content.decode()


@pytest.mark.parametrize("verdict", [PARTLY, NOT_ADOPTED])
def test_reasons_are_required_per_point_not_adopted(client, staff, advice, verdict):
    client.force_login(staff)

    response = client.post(
        answer_url(advice),
        answer_data(
            PARTLY,
            reasons="Deels.",
            points=[{"point": "Gratis vervoer", "verdict": verdict}],
        ),
    )

    assert response.status_code == 200
    assert "reasons" in response.context["formset"].forms[0].errors
    assert not AdviceAnswer.objects.exists()


def test_an_adopted_answer_cannot_reject_a_point(client, staff, advice):
    client.force_login(staff)

    response = client.post(
        answer_url(advice),
        answer_data(
            ADOPTED,
            points=[
                {"point": "Gratis vervoer", "verdict": NOT_ADOPTED, "reasons": "X"}
            ],
        ),
    )

    assert "verdict" in response.context["form"].errors
    assert not AdviceAnswer.objects.exists()


def test_the_service_refuses_missing_reasons_too(staff, advice):
    with pytest.raises(AdviceStateError):
        answers.record_answer(advice, staff, verdict=NOT_ADOPTED, summary="Nee.")


def test_client_council_help_text_cites_wmcz(
    client, staff, make_council, make_advice, organisation
):
    council = make_council(
        organisation, kind=CouncilPage.Kind.CLIENT, slug="clientenraad"
    )
    advice = make_advice(council, organisation, sent_days_ago=1)
    client.force_login(staff)

    form = client.get(answer_url(advice)).context["form"]

    assert "Wmcz 2018 art. 7" in str(form.fields["reasons"].help_text)


def test_youth_council_help_text_does_not_cite_wmcz(client, staff, advice):
    client.force_login(staff)

    form = client.get(answer_url(advice)).context["form"]

    assert "Wmcz" not in str(form.fields["reasons"].help_text)


def test_an_answer_after_the_due_date_is_late(
    client, staff, make_advice, council, organisation
):
    advice = make_advice(council, organisation, sent_days_ago=50)  # due after 42
    client.force_login(staff)

    client.post(answer_url(advice), answer_data())

    answer = AdviceAnswer.objects.get(advice=advice)
    assert answer.is_late is True
    assert AdvicePage.objects.with_status().get(pk=advice.pk).status == (
        AdviceStatus.ANSWERED_LATE
    )


def test_an_answer_on_the_due_date_is_on_time(
    staff, make_advice, council, organisation
):
    advice = make_advice(council, organisation, sent_days_ago=42)
    assert advice.dispatch.answer_due_on == advice.dispatch.sent_on + timedelta(days=42)

    answer = answers.record_answer(advice, staff, verdict=ADOPTED, summary="Ja.")

    assert answer.is_late is False


def test_advice_not_sent_yet_cannot_be_answered(
    client, staff, make_advice, council, organisation
):
    draft = make_advice(council, organisation, slug="concept")
    client.force_login(staff)

    response = client.post(answer_url(draft), answer_data())

    assert response.status_code == 409
    assert response.context["unavailable"]
    assert "form" not in response.context
    assert not AdviceAnswer.objects.exists()


def test_answered_advice_cannot_be_answered_again(client, staff, advice):
    answers.record_answer(advice, staff, verdict=ADOPTED, summary="Ja.")
    client.force_login(staff)

    response = client.post(answer_url(advice), answer_data(summary="Toch niet."))

    assert response.status_code == 409
    assert AdviceAnswer.objects.get().summary == "Ja."


# The answer letter ----------------------------------------------------------


def test_the_answer_letter_becomes_a_document(client, staff, advice):
    client.force_login(staff)
    letter = SimpleUploadedFile("brief.pdf", b"%PDF-1.4 brief", "application/pdf")

    client.post(answer_url(advice), answer_data(document=letter))

    document = AdviceAnswer.objects.get().document
    assert document.file_size == len(b"%PDF-1.4 brief")
    assert document.collection.name == answers.ANSWER_COLLECTION_NAME
    assert document.uploaded_by_user == staff


def test_a_letter_that_is_not_pdf_or_office_is_refused(client, staff, advice):
    client.force_login(staff)
    program = SimpleUploadedFile("brief.exe", b"MZ", "application/octet-stream")

    response = client.post(answer_url(advice), answer_data(document=program))

    assert "document" in response.context["form"].errors
    assert response.context["choose_file_again"] is True
    assert not get_document_model().objects.exists()


def test_a_letter_over_the_size_limit_is_refused(client, staff, advice, monkeypatch):
    monkeypatch.setattr("councils.forms.ANSWER_DOCUMENT_MAX_BYTES", 10)
    client.force_login(staff)
    letter = SimpleUploadedFile("brief.pdf", b"%PDF-1.4 te groot", "application/pdf")

    response = client.post(answer_url(advice), answer_data(document=letter))

    assert "document" in response.context["form"].errors
    assert not AdviceAnswer.objects.exists()


# The council's follow-up ----------------------------------------------------


@pytest.fixture
def answered(advice, staff):
    answers.record_answer(advice, staff, verdict=ADOPTED, summary="Ja.")
    return advice


def test_a_member_sees_the_answer_and_the_form(client, member, answered):
    client.force_login(member)

    response = client.get(follow_up_url(answered))

    assert response.status_code == 200
    assert response.context["answer"] == answered.answer


def test_a_member_reacts_to_the_answer(client, member, answered):
    client.force_login(member)

    response = client.post(follow_up_url(answered), {"text": "Fijn, we volgen het."})

    assert response.status_code == 302
    follow_up = FollowUp.objects.get(advice=answered)
    assert (follow_up.text, follow_up.written_by) == ("Fijn, we volgen het.", member)


def test_a_non_member_cannot_react(client, user_factory, answered):
    client.force_login(user_factory())

    response = client.post(follow_up_url(answered), {"text": "Ik ook!"})

    assert response.status_code == 403
    assert not FollowUp.objects.exists()


def test_the_addressees_staff_cannot_react(client, staff, answered):
    client.force_login(staff)

    assert client.post(follow_up_url(answered), {"text": "X"}).status_code == 403


def test_anonymous_visitors_cannot_react(client, answered):
    response = client.post(follow_up_url(answered), {"text": "X"})

    assert response.status_code == 302
    assert not FollowUp.objects.exists()


def test_no_reaction_before_the_answer(client, member, advice):
    client.force_login(member)

    response = client.post(follow_up_url(advice), {"text": "Waar blijft het?"})

    assert response.status_code == 409
    assert not FollowUp.objects.exists()


def test_a_second_reaction_is_refused(client, member, chair, answered):
    answers.record_follow_up(answered, member, text="Eerste reactie.")
    client.force_login(chair)

    response = client.post(follow_up_url(answered), {"text": "Tweede reactie."})

    assert response.status_code == 409
    assert response.context["unavailable"]
    assert FollowUp.objects.get().text == "Eerste reactie."


def test_the_service_refuses_a_second_reaction(member, answered):
    answers.record_follow_up(answered, member, text="Eerste reactie.")

    with pytest.raises(AdviceStateError):
        answers.record_follow_up(answered, member, text="Tweede reactie.")
    assert FollowUp.objects.count() == 1


def test_answer_points_belong_to_their_answer(staff, advice):
    answers.record_answer(
        advice,
        staff,
        verdict=PARTLY,
        summary="Deels.",
        reasons="Geld.",
        points=[{"point": "A", "verdict": NOT_ADOPTED, "reasons": "Geld."}],
    )

    assert AnswerPoint.objects.get().answer.advice_id == advice.pk
