"""Volume data for `manage.py seed_volume`: advice of the demo youth council in
every state (draft, awaiting, overdue, answered, answered late, with a follow-up),
and advice requests a person made.

Adding pages one by one through treebeard (`add_child`) locks and re-reads the
parent for every page; here the tree paths of all new children are computed the
way treebeard computes them (`Page._get_path` after the parent's last child), the
page rows are bulk-created, each advice row is inserted on its page row as
`loaddata` does (`save_base(raw=True)`), the parent's `numchild` is raised once
and the search index filled in bulk. Answer dates follow `answer_due_on`, the one
rule for the answer period."""

import uuid
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from inspraak.organisations.models import Organisation
from inspraak.pages.translation import originals

from .models import (
    AdviceAnswer,
    AdviceDispatch,
    AdvicePage,
    AdviceRequest,
    Application,
    CouncilPage,
    FollowUp,
    Theme,
)
from .rules import answer_due_on

BATCH = 1000
STATES = ["draft", "awaiting", "overdue", "answered", "answered_late", "follow_up"]


def seed_volume(rows: int, person, person_rows: int) -> dict[str, int]:
    youth = originals(CouncilPage.objects.all()).get(slug="jongerenraad-voorstad")
    voorstad = Organisation.objects.get(slug="gemeente-voorstad")
    policy = get_user_model().objects.get(email="beleid@voorstad.test")
    chair = get_user_model().objects.get(email="voorzitter@jongerenraad.test")
    pages = _advice_pages(youth, voorstad, rows)
    states = [STATES[i % len(STATES)] for i in range(len(pages))]
    answers = _dispatches_and_answers(youth, pages, states, policy, chair)
    requests = AdviceRequest.objects.bulk_create(
        (_request(youth, voorstad, person, i) for i in range(person_rows)),
        batch_size=BATCH,
    )
    applications = _applications(youth, rows)
    return {
        "advice pages": len(pages),
        "answers": answers,
        "requests": len(requests),
        "applications": applications,
    }


def _advice_pages(council: CouncilPage, addressee, n: int) -> list[AdvicePage]:
    today = timezone.localdate()
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(AdvicePage)
    last = council.get_last_child()
    first = 1 + (Page._str2int(last.path[-Page.steplen :]) if last else 0)
    depth = council.depth + 1
    rows = []
    for i in range(n):
        live = STATES[i % len(STATES)] != "draft"
        slug = f"advies-volume-{first + i}"
        rows.append(
            Page(
                path=Page._get_path(council.path, depth, first + i),
                depth=depth,
                numchild=0,
                title=f"Advies {first + i} over jeugdhulp",
                draft_title=f"Advies {first + i} over jeugdhulp",
                slug=slug,
                url_path=f"{council.url_path}{slug}/",
                content_type=content_type,
                live=live,
                has_unpublished_changes=not live,
                first_published_at=now if live else None,
                last_published_at=now if live else None,
                locale_id=council.locale_id,
                translation_key=uuid.uuid4(),
            )
        )
    pages = Page.objects.bulk_create(rows, batch_size=BATCH)
    Page.objects.filter(pk=council.pk).update(numchild=council.numchild + n)
    advice = []
    for i, page in enumerate(pages):
        item = AdvicePage(
            page_ptr=page,
            kind=AdvicePage.Kind.UNSOLICITED,
            addressee=addressee,
            summary=f"Advies {i}: jongeren willen sneller hulp.",
            body=[("paragraph", f"<p>Advies {i} van de jongerenraad.</p>")],
            adopted_on=None if not page.live else today - timedelta(days=i % 300 + 2),
        )
        # The page row exists: insert only the advice's own row (as loaddata).
        item.save_base(raw=True, force_insert=True)
        advice.append(item)
    themes = list(Theme.objects.values_list("pk", flat=True))
    if themes:
        through = AdvicePage.themes.through
        through.objects.bulk_create(
            (
                through(advicepage_id=page.pk, theme_id=themes[i % len(themes)])
                for i, page in enumerate(pages)
            ),
            batch_size=BATCH,
        )
    # As `update_index` does: the rows were not saved through Page.save().
    get_search_backend().add_bulk(AdvicePage, advice)
    return advice


def _dispatches_and_answers(council, pages, states, answerer, chair) -> int:
    today = timezone.localdate()
    weeks = council.answer_period_weeks
    dispatches, answers, follow_ups = [], [], []
    for i, (page, state) in enumerate(zip(pages, states, strict=True)):
        if state == "draft":
            continue
        if state == "awaiting":
            sent = today - timedelta(days=i % (7 * weeks - 1))
        else:
            sent = today - timedelta(weeks=weeks + 1, days=i % 300)
        due = answer_due_on(sent, weeks)
        dispatches.append(AdviceDispatch(advice=page, sent_on=sent, answer_due_on=due))
        if state in ("awaiting", "overdue"):
            continue
        on = due + timedelta(days=5) if state == "answered_late" else due - timedelta(1)
        verdict = AdviceAnswer.Verdict.choices[i % 3][0]
        answers.append(
            AdviceAnswer(
                advice=page,
                verdict=verdict,
                summary="We nemen het advies (deels) over.",
                reasons="" if verdict == AdviceAnswer.Verdict.ADOPTED else "Geld.",
                answered_on=min(on, today),
                answered_by=answerer,
            )
        )
        if state == "follow_up":
            follow_ups.append(
                FollowUp(
                    advice=page,
                    text="Dank voor het antwoord.",
                    written_on=min(on + timedelta(days=3), today),
                    written_by=chair,
                )
            )
    AdviceDispatch.objects.bulk_create(dispatches, batch_size=BATCH)
    AdviceAnswer.objects.bulk_create(answers, batch_size=BATCH)
    FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
    return len(answers)


def _request(council, organisation, person, i) -> AdviceRequest:
    status = AdviceRequest.Status.choices[i % 3][0]
    today = timezone.localdate()
    return AdviceRequest(
        council=council,
        organisation=organisation,
        question=f"Vraag om advies {i}: wat vinden jongeren hiervan?",
        desired_on=today + timedelta(weeks=6),
        status=status,
        decline_reason="Geen tijd." if status == AdviceRequest.Status.DECLINED else "",
        requested_by=person,
        requested_on=today - timedelta(days=i % 300),
        decided_on=None if status == AdviceRequest.Status.OPEN else today,
    )


def _applications(council: CouncilPage, n: int) -> int:
    """Applications to the council's vacancy (councils/demo_recruitment.py), in
    every status; none for a council without one."""
    vacancy = council.vacancies.order_by("pk").first()
    if vacancy is None:
        return 0
    now = timezone.now()
    statuses = Application.Status.values
    rows = [
        Application(
            vacancy=vacancy,
            first_name=f"Kandidaat {i}",
            email=f"kandidaat{i}@volume.test",
            date_of_birth=date(2008, 1 + i % 12, 1 + i % 28),
            motivation="Ik wil meepraten over jeugdhulp.",
            status=statuses[i % len(statuses)],
            submitted_at=now - timedelta(hours=i),
            decided_at=None
            if statuses[i % len(statuses)] in Application.OPEN
            else now - timedelta(hours=i),
        )
        for i in range(n)
    ]
    return len(Application.objects.bulk_create(rows, batch_size=BATCH))
