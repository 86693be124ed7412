"""Follow-up of promises: the chair or secretary records promises after an answer
that adopts the advice, the addressee reports progress, the advice page and the
tracker show kept, late or not kept, and followers hear of each event once."""

from datetime import timedelta
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Site

import pytest

from councils import promises
from councils.models import (
    AdviceAnswer,
    AdviceDispatch,
    AdviceFollower,
    AdvicePage,
    AdviceTrackerPage,
    CouncilIndexPage,
    CouncilMember,
    Promise,
    PromiseProgress,
    PromiseStatus,
)
from councils.services import answers
from inspraak.notifications.services import set_preference
from inspraak.organisations.models import Role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ADOPTED = AdviceAnswer.Verdict.ADOPTED
PARTLY = AdviceAnswer.Verdict.PARTLY
NOT_ADOPTED = AdviceAnswer.Verdict.NOT_ADOPTED
OPEN, KEPT, NOT_KEPT = Promise.State.OPEN, Promise.State.KEPT, Promise.State.NOT_KEPT


@pytest.fixture
def council_index(db):
    """Under the site's home (overrides conftest), so the advice has a URL."""
    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(
        instance=CouncilIndexPage(title="Adviesraden", slug="adviesraden")
    )


@pytest.fixture
def tracker_page(council_index):
    return council_index.add_child(
        instance=AdviceTrackerPage(title="Adviezen volgen", slug="adviezen")
    )


def answer(advice, by, verdict=ADOPTED, *, days_ago=0):
    """The addressee's answer, dated `days_ago`."""
    result = answers.record_answer(
        advice,
        by,
        verdict=verdict,
        summary="We gaan de wachttijden korter maken.",
        reasons="" if verdict == ADOPTED else "Niet alles kan dit jaar.",
    )
    if days_ago:
        result.answered_on = TODAY - timedelta(days=days_ago)
        result.save(update_fields=["answered_on"])
    return result


@pytest.fixture
def adopted(advice, staff):
    """The advice, adopted by the addressee five days ago."""
    answer(advice, staff, days_ago=5)
    return advice


def make_promise(advice, *, due=10, state=OPEN, settled=None, text="Een loket."):
    """A promise visible `due` days from today, settled `settled` days from today."""
    return Promise.objects.create(
        advice=advice,
        text=text,
        visible_by=TODAY + timedelta(days=due),
        state=state,
        settled_on=TODAY + timedelta(days=settled) if settled is not None else None,
    )


def promises_url(advice):
    return reverse("councils:promises", args=[advice.pk])


def progress_url(promise):
    return reverse("councils:promise_progress", args=[promise.pk])


def edit_url(promise):
    return reverse("councils:promise_edit", args=[promise.pk])


def follow_url(advice):
    return reverse("councils:follow_advice", args=[advice.pk])


def promise_data(days=30, text="Elke wijk krijgt een jongerenwerker."):
    return {"text": text, "visible_by": (TODAY + timedelta(days=days)).isoformat()}


# Recording promises: who -----------------------------------------------------------


@pytest.mark.parametrize(
    "role", [CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY]
)
def test_the_chair_or_secretary_record_a_promise(
    client, adopted, council, make_member, role
):
    client.force_login(make_member(council, role))

    response = client.post(promises_url(adopted), promise_data())

    assert response.status_code == 302
    promise = Promise.objects.get(advice=adopted)
    assert (promise.text, promise.visible_by, promise.state) == (
        "Elke wijk krijgt een jongerenwerker.",
        TODAY + timedelta(days=30),
        OPEN,
    )


@pytest.fixture
def refused(
    member,
    staff,
    make_council,
    make_member,
    organisation_factory,
    user_factory,
    membership_factory,
):
    """Everyone signed in who may not record promises."""
    other_council = make_council(organisation_factory(), slug="andere-raad")
    other_staff = user_factory()
    membership_factory(
        user=other_staff,
        organisation=organisation_factory(),
        role=Role.ADVICE_RESPONDER,
    )
    return {
        "plain member": member,
        "chair of another council": make_member(
            other_council, CouncilMember.Role.CHAIR
        ),
        "addressee": staff,
        "other organisation": other_staff,
        "outsider": user_factory(),
    }


@pytest.mark.parametrize(
    "who",
    [
        "plain member",
        "chair of another council",
        "addressee",
        "other organisation",
        "outsider",
    ],
)
def test_others_cannot_record_or_change_promises(client, adopted, refused, who):
    promise = make_promise(adopted)
    client.force_login(refused[who])

    assert client.get(promises_url(adopted)).status_code == 403
    assert client.post(promises_url(adopted), promise_data()).status_code == 403
    assert client.post(edit_url(promise), promise_data(text="Nep")).status_code == 403
    assert list(Promise.objects.values_list("text", flat=True)) == ["Een loket."]


def test_anonymous_visitors_are_sent_to_sign_in(client, adopted):
    promise = make_promise(adopted)
    for url in (promises_url(adopted), edit_url(promise), progress_url(promise)):
        response = client.post(url, promise_data())
        assert response.status_code == 302
        assert reverse("account_login") in response.url
    assert Promise.objects.count() == 1


# Recording promises: when -------------------------------------------------------


def test_no_promises_before_an_answer(client, advice, chair):
    client.force_login(chair)

    response = client.post(promises_url(advice), promise_data())

    assert response.status_code == 409
    assert "Er is nog geen antwoord op dit advies" in response.content.decode()
    assert not Promise.objects.exists()


def test_no_promises_when_the_advice_is_not_adopted(client, advice, staff, chair):
    answer(advice, staff, NOT_ADOPTED)
    client.force_login(chair)

    response = client.post(promises_url(advice), promise_data())

    assert response.status_code == 409
    assert "heeft dit advies niet overgenomen" in response.content.decode()
    assert not Promise.objects.exists()
    with pytest.raises(promises.PromiseStateError):
        promises.record_promise(advice, chair, text="Toch", visible_by=TODAY)


def test_promises_after_a_partly_adopting_answer(client, advice, staff, chair):
    answer(advice, staff, PARTLY)
    client.force_login(chair)

    assert client.post(promises_url(advice), promise_data()).status_code == 302
    assert Promise.objects.filter(advice=advice).count() == 1


@pytest.mark.parametrize(
    ("days", "accepted"),
    [
        (-5, True),  # the day of the answer
        (-6, False),  # before the answer
        (5 * 365, True),
        (5 * 366 + 2, False),  # more than five years ahead
    ],
)
def test_the_promised_date_lies_between_the_answer_and_five_years(
    client, adopted, chair, days, accepted
):
    client.force_login(chair)

    response = client.post(promises_url(adopted), promise_data(days))

    assert Promise.objects.exists() is accepted
    if not accepted:
        assert response.status_code == 200
        assert "visible_by" in response.context["form"].errors
        assert "Elke wijk krijgt een jongerenwerker." in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"text": "", "visible_by": "2030-01-01"},
        {"text": "x" * 1001, "visible_by": "2030-01-01"},
        {"text": "a\x00b", "visible_by": "2030-01-01"},
        {"text": "Goed", "visible_by": "31-31-2030"},
        {"text": "Goed", "visible_by": "99999-01-01"},
        {"text": "Goed", "visible_by": "<script>"},
        {"text": ["a", "b"]},
    ],
)
def test_hostile_promise_input_gives_a_message(client, adopted, chair, data):
    client.force_login(chair)

    response = client.post(promises_url(adopted), data)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Promise.objects.exists()


def test_the_chair_changes_an_open_promise_but_not_a_settled_one(
    client, adopted, chair
):
    open_promise = make_promise(adopted)
    settled = make_promise(adopted, state=KEPT, settled=0, text="Klaar.")
    client.force_login(chair)

    changed = client.post(edit_url(open_promise), promise_data(60, "Twee loketten."))
    refused = client.post(edit_url(settled), promise_data(60, "Anders."))

    assert changed.status_code == 302
    open_promise.refresh_from_db()
    assert (open_promise.text, open_promise.visible_by) == (
        "Twee loketten.",
        TODAY + timedelta(days=60),
    )
    assert refused.status_code == 409
    settled.refresh_from_db()
    assert settled.text == "Klaar."


def test_the_edit_form_shows_the_promise_as_it_is(client, adopted, chair):
    promise = make_promise(adopted, text="Een loket in elke wijk.")
    client.force_login(chair)

    html = client.get(edit_url(promise)).content.decode()

    assert "Een loket in elke wijk." in html
    assert promise.visible_by.isoformat() in html


# Progress ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "settled_on"),
    [(OPEN, None), (KEPT, TODAY), (NOT_KEPT, TODAY)],
)
def test_the_addressee_reports_progress(client, adopted, staff, state, settled_on):
    promise = make_promise(adopted)
    client.force_login(staff)

    response = client.post(
        progress_url(promise), {"text": "Het loket is open.", "state": state}
    )

    assert response.status_code == 302
    assert response.url == adopted.url
    promise.refresh_from_db()
    assert (promise.state, promise.settled_on) == (state, settled_on)
    report = PromiseProgress.objects.get(promise=promise)
    assert (report.text, report.state, report.reported_by) == (
        "Het loket is open.",
        state,
        staff,
    )


@pytest.mark.parametrize(
    "who", ["plain member", "chair of another council", "other organisation"]
)
def test_only_the_addressee_reports_progress(client, adopted, refused, chair, who):
    promise = make_promise(adopted)
    for person in (refused[who], chair):
        client.force_login(person)
        response = client.post(progress_url(promise), {"text": "Nep", "state": KEPT})
        assert response.status_code == 403
    assert not PromiseProgress.objects.exists()
    promise.refresh_from_db()
    assert promise.state == OPEN


def test_staff_without_an_answering_role_cannot_report(
    client, adopted, organisation, user_factory, membership_factory
):
    handler = user_factory()
    membership_factory(user=handler, organisation=organisation, role=Role.CASE_HANDLER)
    client.force_login(handler)

    response = client.post(
        progress_url(make_promise(adopted)), {"text": "Nep", "state": KEPT}
    )

    assert response.status_code == 403


def test_a_settled_promise_takes_no_more_reports(client, adopted, staff):
    promise = make_promise(adopted, state=NOT_KEPT, settled=-1)
    client.force_login(staff)

    response = client.post(progress_url(promise), {"text": "Toch", "state": KEPT})

    assert response.status_code == 409
    assert "Deze belofte is afgerond" in response.content.decode()
    assert not PromiseProgress.objects.exists()
    with pytest.raises(promises.PromiseStateError):
        promises.report_progress(promise, staff, text="Toch", state=KEPT)


@pytest.mark.parametrize(
    "data",
    [
        {"text": "Het loket is open.", "state": "bogus"},
        {"text": "Het loket is open.", "state": ""},
        {"text": "Het loket is open."},
        {"text": "", "state": KEPT},
        {"text": "x" * 2001, "state": KEPT},
        {"text": "Het loket is open.\x00", "state": KEPT},
    ],
)
def test_hostile_progress_input_gives_a_message(client, adopted, staff, data):
    promise = make_promise(adopted)
    client.force_login(staff)

    response = client.post(progress_url(promise), data)

    assert response.status_code == 200
    assert response.context["form"].errors
    if data.get("text") == "Het loket is open.":
        assert "Het loket is open." in response.content.decode()
    assert not PromiseProgress.objects.exists()


def test_a_promise_that_does_not_exist_is_not_found(client, staff, chair):
    client.force_login(staff)
    assert client.get(progress_url(Promise(pk=987654))).status_code == 404
    client.force_login(chair)
    assert client.get(edit_url(Promise(pk=987654))).status_code == 404


# Statuses to the day ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "state", "settled", "status", "label"),
    [
        (0, OPEN, None, PromiseStatus.ON_TRACK, "Promise in progress"),
        (-1, OPEN, None, PromiseStatus.LATE, "Promise late"),
        (0, KEPT, 0, PromiseStatus.KEPT, "Promise kept"),
        (-1, KEPT, 0, PromiseStatus.KEPT, "Promise kept late"),
        (5, NOT_KEPT, 0, PromiseStatus.NOT_KEPT, "Promise not kept"),
        (-5, NOT_KEPT, 0, PromiseStatus.NOT_KEPT, "Promise not kept"),
    ],
)
def test_statuses_to_the_day(adopted, due, state, settled, status, label):
    promise = make_promise(adopted, due=due, state=state, settled=settled)

    labelled = promises.label_promise(promise, TODAY)
    counts = promises.promise_counts_by_advice([adopted.pk], TODAY)[adopted.pk]

    assert promise.status(TODAY) == status
    with translation.override("en"):
        assert str(labelled.status_label) == label
    # The database counts by the same rule.
    assert getattr(counts, str(status.value)) == 1
    assert counts.kept_late == int(label == "Promise kept late")


def test_promise_counts_over_a_set_of_advice(adopted, advice, make_advice, council):
    make_promise(adopted, due=-1, state=KEPT, settled=0)
    make_promise(adopted, due=3)
    other = make_advice(council, adopted.addressee, slug="ander", sent_days_ago=3)
    make_promise(other, due=-2)
    make_promise(other, state=NOT_KEPT, settled=0)

    counts = promises.promise_counts(AdvicePage.objects.all(), TODAY)

    assert counts == promises.PromiseCounts(
        total=4, kept=1, kept_late=1, late=1, not_kept=1, on_track=1
    )
    assert counts.open == 2
    with translation.override("en"):
        assert counts.summary == (
            "4 promises: 1 kept late, 1 late, 1 not kept, 1 in progress"
        )


# The advice page -----------------------------------------------------------------


def test_the_advice_page_shows_promises_reports_and_links(client, adopted, staff):
    kept = make_promise(adopted, due=-10, state=KEPT, settled=-3, text="Een loket.")
    late = make_promise(adopted, due=-1, text="Een app.")
    PromiseProgress.objects.create(
        promise=kept, text="Eerste stap gezet.", state=OPEN, reported_on=TODAY
    )
    PromiseProgress.objects.create(
        promise=kept, text="Het loket is open.", state=KEPT, reported_on=TODAY
    )

    html = client.get(adopted.url).content.decode()
    client.force_login(staff)
    staff_html = client.get(adopted.url).content.decode()

    # Between the tags: "Belofte te laat" is also the start of the kept-late label.
    assert ">Belofte te laat nagekomen<" in html and ">Belofte te laat<" in html
    assert html.index("Eerste stap gezet.") < html.index("Het loket is open.")
    assert progress_url(late) not in html
    assert progress_url(late) in staff_html
    assert progress_url(kept) not in staff_html  # settled
    assert promises_url(adopted) not in staff_html


def test_the_chair_sees_the_link_to_record_promises(client, adopted, chair):
    client.force_login(chair)

    html = client.get(adopted.url).content.decode()

    assert promises_url(adopted) in html
    assert "Nog geen beloftes ingevoerd" in html


# The tracker -----------------------------------------------------------------------


def test_the_tracker_shows_the_promises_beside_the_answer(
    client, tracker_page, adopted, advice
):
    make_promise(adopted, due=-20, state=KEPT, settled=-21)
    make_promise(adopted, due=-1)

    html = client.get(tracker_page.url).content.decode()

    assert "2 beloftes: 1 nagekomen, 1 te laat" in html


def test_the_tracker_filters_advice_with_a_late_promise(
    client, tracker_page, adopted, make_advice, council, staff
):
    on_time = make_advice(council, adopted.addressee, slug="op-tijd", sent_days_ago=3)
    answer(on_time, staff)
    make_promise(adopted, due=-1)
    make_promise(on_time, due=0)

    response = client.get(tracker_page.url, {"promises": "late"})

    assert [a.pk for a in response.context["advice_list"]] == [adopted.pk]
    assert response.context["page_obj"].paginator.count == 1


def _advice_with_promises(council, addressee, make_advice, count, prefix):
    for number in range(count):
        advice = make_advice(
            council, addressee, slug=f"{prefix}-{number}", sent_days_ago=number + 1
        )
        AdviceAnswer.objects.create(advice=advice, verdict=ADOPTED, summary="Ja.")
        make_promise(advice, due=-1)
        make_promise(advice, due=5, state=KEPT, settled=0)


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"promises": "late"}])
def test_the_tracker_query_count_does_not_grow_with_promises(
    client, tracker_page, council, organisation, make_advice, params
):
    _advice_with_promises(council, organisation, make_advice, 3, "weinig")
    client.get(tracker_page.url)  # warm the caches
    few = _queries(client, tracker_page.url, params)
    _advice_with_promises(council, organisation, make_advice, 25, "veel")
    client.get(tracker_page.url, params)  # the page layout is rebuilt once

    many = _queries(client, tracker_page.url, params)

    assert many <= few
    response = client.get(tracker_page.url, params)
    assert len(response.context["advice_list"]) == 20
    assert response.context["advice_list"][0].promise_counts.total == 2


# Followers -----------------------------------------------------------------------


def test_a_signed_in_person_follows_and_unfollows(client, advice, user_factory):
    person = user_factory()
    client.force_login(person)

    first = client.post(follow_url(advice))
    following = AdviceFollower.objects.filter(advice=advice, user=person).exists()
    html = client.get(advice.url).content.decode()
    client.post(follow_url(advice))

    assert first.status_code == 302 and first.url == advice.url
    assert following
    assert "Stoppen met volgen" in html
    assert not AdviceFollower.objects.exists()


def test_anonymous_visitors_are_asked_to_sign_in_to_follow(client, advice):
    html = client.get(advice.url).content.decode()

    assert "Log in om dit advies te volgen" in html
    assert reverse("councils:feed_rss") in html
    response = client.post(follow_url(advice))
    assert reverse("account_login") in response.url
    assert not AdviceFollower.objects.exists()


def test_following_needs_a_post_and_published_advice(
    client, advice, make_advice, council, organisation, user_factory
):
    draft = make_advice(council, organisation, slug="concept")
    draft.unpublish()
    client.force_login(user_factory())

    assert client.get(follow_url(advice)).url == advice.url
    assert client.post(follow_url(draft)).status_code == 404
    missing = client.post(reverse("councils:follow_advice", args=[99999]))
    assert missing.status_code == 404
    assert not AdviceFollower.objects.exists()


@pytest.fixture
def followers(advice, user_factory, member):
    """A Dutch and an English follower, and a council member who also follows."""
    dutch = user_factory(preferred_language="nl")
    english = user_factory(preferred_language="en")
    for person in (dutch, english, member):
        AdviceFollower.objects.create(advice=advice, user=person)
    return {"nl": dutch, "en": english, "member": member}


def _languages_told(calls, kind):
    return sorted((user.email, language) for user, k, language in calls if k == kind)


@pytest.fixture
def told():
    """Who notify() was called for, with the kind and the active language."""
    calls = []
    original = promises.notify

    def record(user, kind, **kwargs):
        calls.append((user, kind, translation.get_language()))
        return original(user, kind, **kwargs)

    with mock.patch("councils.promises.notify", side_effect=record):
        yield calls


def test_followers_hear_of_the_answer_once_in_their_language(
    advice, staff, chair, followers, told, mailoutbox
):
    answer(advice, staff)

    assert _languages_told(told, promises.FOLLOWED_KIND) == sorted(
        [(followers["nl"].email, "nl"), (followers["en"].email, "en")]
    )
    # The member (who also follows) gets the council's own mail, once.
    recipients = [mail.to[0] for mail in mailoutbox]
    assert sorted(recipients) == sorted(
        [
            followers["nl"].email,
            followers["en"].email,
            chair.email,
            followers["member"].email,
        ]
    )
    assert "Advice you follow was answered" in next(
        mail.subject for mail in mailoutbox if mail.to == [followers["en"].email]
    )


def test_followers_and_council_hear_of_progress_once(
    client, adopted, staff, chair, followers, told, mailoutbox
):
    promise = make_promise(adopted)
    AdviceFollower.objects.create(advice=adopted, user=staff)  # the reporter
    mailoutbox.clear()
    client.force_login(staff)

    client.post(progress_url(promise), {"text": "Het loket is open.", "state": KEPT})

    recipients = sorted(mail.to[0] for mail in mailoutbox)
    assert recipients == sorted(
        [
            followers["nl"].email,
            followers["en"].email,
            followers["member"].email,
            chair.email,
        ]
    )
    assert ("en" in {language for _, _, language in told}) and (
        "nl" in {language for _, _, language in told}
    )
    english_mail = next(m for m in mailoutbox if m.to == [followers["en"].email])
    assert "Het loket is open." in english_mail.body
    assert adopted.url in english_mail.body


def test_a_follower_who_switched_it_off_is_not_told(
    advice, staff, followers, mailoutbox
):
    set_preference(followers["en"], promises.FOLLOWED_KIND, enabled=False)

    answer(advice, staff)

    sent_to = [mail.to[0] for mail in mailoutbox]
    assert followers["en"].email not in sent_to
    assert followers["nl"].email in sent_to


# Demo ----------------------------------------------------------------------------


def test_the_demo_promises_are_made_once(adopted, advice, chair, staff):
    advice.slug = "jongeren-praten-mee-over-inkoop"
    advice.save()
    from councils.demo_promises import seed_promises

    seed_promises()
    seed_promises()

    counts = promises.promise_counts(AdvicePage.objects.all(), TODAY)
    assert (counts.total, counts.kept, counts.late) == (2, 1, 1)
    assert PromiseProgress.objects.count() == 2
    assert AdviceDispatch.objects.filter(advice=advice).exists()
