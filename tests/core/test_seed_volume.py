"""`manage.py seed_volume` adds the requested rows to every area on top of the demo,
keeps the models' invariants, and gives one person data in every app."""

import io
import json
import zipfile

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Max, Min

from wagtail.models import Page

import pytest

from complaints.models import Case, CaseMessage
from councils.models import AdviceAnswer, AdvicePage, AdviceRequest
from experience_experts.models import Session, WorkLog
from inspraak.accounts.models import User
from inspraak.privacy.services import write_archive
from participation.live.models import Event, LiveSession, Poll, Question, Upvote
from participation.models import Contribution, ContributionReport, Support

pytestmark = pytest.mark.django_db

ROWS, PERSON_ROWS = 50, 5
APPS = {"councils", "complaints", "experience_experts", "participation", "live"}


def volume_counts():
    voorstad_cases = Case.objects.filter(organisation__slug="gemeente-voorstad")
    return {
        "advice": AdvicePage.objects.count(),
        "cases": voorstad_cases.filter(filed_by__email__startswith="volume").count()
        + voorstad_cases.filter(filed_by__isnull=True).count(),
        "contributions": Contribution.objects.filter(
            consultation__slug="praat-mee-over-wachttijden"
        ).count(),
        "expert hours": WorkLog.objects.filter(
            expert__email="ervaringsdeskundige@inspraak.test"
        ).count(),
        "questions": Question.objects.count(),
    }


@pytest.fixture
def volume(demo_site, settings):
    before = volume_counts()
    settings.DEBUG = True
    out = io.StringIO()
    call_command(
        "seed_volume", "--rows", ROWS, "--person-rows", PERSON_ROWS, stdout=out
    )
    settings.DEBUG = False
    return before, out.getvalue()


def test_every_area_grows_by_the_requested_rows(volume):
    before, output = volume
    after = volume_counts()

    assert after["advice"] == before["advice"] + ROWS
    assert after["cases"] == before["cases"] + ROWS + PERSON_ROWS
    assert after["contributions"] == before["contributions"] + ROWS + PERSON_ROWS
    assert after["expert hours"] == before["expert hours"] + ROWS
    assert after["questions"] == before["questions"] + ROWS
    assert "Volume added in" in output


def test_rows_keep_the_invariants_of_the_services(volume):
    assert Page.find_problems() == ([], [], [], [], [])  # the page tree is whole
    statuses = set(AdvicePage.objects.with_status().values_list("status", flat=True))
    assert statuses == {"draft", "awaiting", "overdue", "answered", "answered_late"}
    assert AdviceAnswer.objects.exists()
    for contribution in Contribution.objects.annotate(n=Count("supports")):
        assert contribution.support_count == contribution.n
    assert ContributionReport.objects.exists()
    for case in Case.objects.prefetch_related("events"):
        assert max(case.events.all(), key=lambda e: (e.at, e.pk)).status == case.status
    assert CaseMessage.objects.count() >= ROWS
    assert Session.objects.count() >= ROWS
    for question in Question.objects.annotate(n=Count("upvote_rows")):
        assert question.upvotes == question.n


def test_live_event_numbers_run_without_gaps(volume):
    ended = LiveSession.objects.filter(title__endswith="(volume)").get()
    assert ended.state == LiveSession.State.ENDED
    assert Poll.objects.filter(session=ended, state=Poll.State.CLOSED).count() == 4
    assert Upvote.objects.filter(question__session=ended).exists()
    for session in LiveSession.objects.all():
        seqs = Event.objects.filter(session=session).aggregate(
            n=Count("pk"), low=Min("seq"), high=Max("seq")
        )
        assert seqs["n"] == session.last_seq
        if session.last_seq:
            assert (seqs["low"], seqs["high"]) == (1, session.last_seq)


def test_the_person_has_rows_in_every_app(volume):
    person = User.objects.get(email__startswith="volume")
    assert AdviceRequest.objects.filter(requested_by=person).count() == PERSON_ROWS
    assert Support.objects.filter(user=person).count() == PERSON_ROWS

    target = io.BytesIO()
    write_archive(person, target)
    with zipfile.ZipFile(target) as archive:
        data = json.loads(archive.read("data.json"))["data"]

    apps_with_rows = {key.split(".")[0] for key, rows in data.items() if rows}
    assert apps_with_rows >= APPS


def test_refuses_to_run_without_debug_unless_forced(demo_site, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_volume", "--rows", 1, "--person-rows", 0)

    call_command(
        "seed_volume", "--rows", 1, "--person-rows", 0, "--force", stdout=io.StringIO()
    )
    assert User.objects.filter(email__startswith="volume").count() == 1
