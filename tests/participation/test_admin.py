"""'You said, we did' in the Wagtail admin: only the organisation's own people."""

from django.utils import timezone

from participation.models import FeedbackItem


def _editor(user):
    # The policy officer's role gives the admin (inspraak.organisations.groups).
    return user


def test_the_list_shows_only_our_consultations(
    client, make_consultation, policy_officer, organisation_factory
):
    ours = make_consultation("past")
    theirs = make_consultation("past", organisation=organisation_factory())
    mine = FeedbackItem.objects.create(
        consultation=ours, heading="Onze", what_we_heard="a", what_we_did="b"
    )
    other = FeedbackItem.objects.create(
        consultation=theirs, heading="Andere", what_we_heard="a", what_we_did="b"
    )
    client.force_login(_editor(policy_officer))
    response = client.get("/admin/snippets/participation/feedbackitem/")
    assert response.status_code == 200
    content = response.content.decode()
    assert mine.heading in content
    assert other.heading not in content
    edit = f"/admin/snippets/participation/feedbackitem/edit/{other.pk}/"
    assert client.get(edit).status_code in (302, 403, 404)


def test_the_form_offers_only_our_consultations(
    client, make_consultation, policy_officer, organisation_factory
):
    ours = make_consultation("past", title="Onze raadpleging")
    make_consultation("past", organisation=organisation_factory(), title="Vreemde")
    client.force_login(_editor(policy_officer))
    response = client.get("/admin/snippets/participation/feedbackitem/add/")
    assert response.status_code == 200
    offered = response.context["form"].fields["consultation"].queryset
    assert [page.pk for page in offered] == [ours.pk]
    response = client.post(
        "/admin/snippets/participation/feedbackitem/add/",
        {
            "consultation": ours.pk,
            "what_we_heard": "Wachten is lang",
            "what_we_did": "Sneller",
            "sort_order": 0,
        },
    )
    assert response.status_code == 302
    assert FeedbackItem.objects.get().consultation == ours


def _live_question(consultation, text):
    from participation.live.models import LiveSession, Participant, Question

    session = LiveSession.objects.create(
        consultation=consultation, title="Vragenuur", starts_at=timezone.now()
    )
    participant = Participant.objects.create(session=session, nickname="Jesse")
    return Question.objects.create(
        session=session,
        participant=participant,
        nickname="Jesse",
        text=text,
        status=Question.Status.PUBLISHED,
    )


def test_an_item_cites_live_questions_of_its_own_consultation_only(
    client, make_consultation, policy_officer, organisation_factory
):
    ours = make_consultation("past", title="Onze raadpleging")
    theirs = make_consultation("past", organisation=organisation_factory())
    asked_here = _live_question(ours, "Kan het loket ook op zaterdag open?")
    asked_there = _live_question(theirs, "Een vraag elders")
    client.force_login(_editor(policy_officer))

    response = client.get("/admin/snippets/participation/feedbackitem/add/")
    offered = list(response.context["form"].fields["live_questions"].queryset)
    assert offered == [asked_here]

    data = {
        "consultation": ours.pk,
        "what_we_heard": "Jullie willen ook op zaterdag terecht",
        "what_we_did": "Het loket is op zaterdag open",
        "sort_order": 0,
    }
    refused = client.post(
        "/admin/snippets/participation/feedbackitem/add/",
        {**data, "live_questions": [asked_there.pk]},
    )
    assert refused.status_code == 200
    assert not FeedbackItem.objects.exists()

    response = client.post(
        "/admin/snippets/participation/feedbackitem/add/",
        {**data, "live_questions": [asked_here.pk]},
    )
    assert response.status_code == 302
    item = FeedbackItem.objects.get()
    assert list(item.live_questions.all()) == [asked_here]

    edit = client.get(f"/admin/snippets/participation/feedbackitem/edit/{item.pk}/")
    assert edit.context["form"].initial["live_questions"] == [asked_here.pk]
