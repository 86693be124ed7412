"""What the consultation page shows: phase and timeline, questions, the forms,
contributions (newest or most supported, paginated), the "you said, we did"
answer once published, and the place where live sessions appear."""

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from .forms import ContributionForm, ReportForm, SubscribeForm
from .models.contributions import Contribution, Support
from .models.feedback import FeedbackItem
from .participants import participant_key, same_person
from .permissions import can_moderate, can_publish_feedback
from .phases import PHASE_ORDER, Phase

PER_PAGE = 20


def timeline(page, now) -> list[dict]:
    """The phases with their dates, marking the ones reached."""
    current = page.phase_at(now)
    dates = {
        Phase.ANNOUNCED: page.announced_on,
        Phase.OPEN: page.opens_at,
        Phase.LIVE: page.live_starts_at,
        Phase.PROCESSING: page.closes_at,
        Phase.FEEDBACK: page.feedback_published_at or page.feedback_due_on,
        Phase.CLOSED: page.ends_on,
    }
    current_index = PHASE_ORDER.index(current)
    steps = []
    for index, phase in enumerate(PHASE_ORDER):
        if phase == Phase.LIVE and not page.live_starts_at:
            continue
        if phase == Phase.CLOSED and not page.ends_on:
            continue
        steps.append(
            {
                "phase": phase,
                "label": phase.label,
                "date": dates[phase],
                # Live sessions may lie outside the input period: their step is
                # done once they began, whatever the phase is now.
                "done": (
                    page.live_starts_at <= now
                    if phase == Phase.LIVE
                    else index <= current_index
                ),
                "current": phase == current,
                "expected": phase == Phase.FEEDBACK and not page.feedback_published_at,
            }
        )
    return steps


def _contributions(page, request):
    sort = "support" if request.GET.get("sort") == "support" else "newest"
    queryset = Contribution.objects.filter(consultation=page).select_related("question")
    queryset = queryset.most_supported() if sort == "support" else queryset.newest()
    page_obj = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    return sort, page_obj


def _live_questions():
    """Published live questions, when the live app is installed (it adds the link
    `live.Question.feedback_items` from its side)."""
    if not apps.is_installed("participation.live"):
        return None
    question_model = FeedbackItem._meta.get_field("live_questions").related_model
    return question_model.objects.filter(status="published").order_by("-upvotes", "pk")


CITED_SHOWN = 10  # sources shown with each item; its sources page has them all


def cited_feedback(items, shown: int) -> list[FeedbackItem]:
    """ "You said, we did" items, each with its first `shown` visible cited
    contributions and live questions (`cited_contributions`, `cited_questions`)
    and how many there are (`contribution_count`, `question_count`), in a fixed
    number of queries however many an item cites."""
    visible = Contribution.objects.visible().order_by("created_at", "pk")
    prefetches = [
        Prefetch(
            "contributions", queryset=visible[:shown], to_attr="cited_contributions"
        )
    ]
    counts = {
        "contribution_count": Count(
            "contributions",
            filter=Q(contributions__hidden_at__isnull=True),
            distinct=True,
        )
    }
    live_questions = _live_questions()
    if live_questions is not None:
        prefetches.append(
            Prefetch(
                "live_questions",
                queryset=live_questions[:shown],
                to_attr="cited_questions",
            )
        )
        counts["question_count"] = Count(
            "live_questions",
            filter=Q(live_questions__status="published"),
            distinct=True,
        )
    return list(
        items.select_related("theme").annotate(**counts).prefetch_related(*prefetches)
    )


def worded_questions(page, shown=None) -> dict:
    """{question id of the record: the question as `shown` (a translation of the
    record) words it}. Contributions answer the record's questions; a translation
    only words them, matched by their order. One out of step (a question added or
    removed since) keeps the record's own words."""
    questions = list(page.questions.all())
    worded = {question.pk: question for question in questions}
    if shown is not None and shown.pk != page.pk:
        translated = list(shown.questions.all())
        if len(translated) == len(questions):
            worded = {q.pk: t for q, t in zip(questions, translated, strict=True)}
    return worded


def consultation_context(page, request, *, shown=None, **overrides) -> dict:
    """`page` is the record; `shown` the page served (a translation words the
    questions)."""
    now = timezone.now()
    user = request.user
    key = participant_key(request)
    sort, page_obj = _contributions(page, request)
    contributions = list(page_obj.object_list)
    ids = [c.pk for c in contributions]
    mine = same_person(user, key)
    supported = set(
        Support.objects.filter(contribution_id__in=ids)
        .filter(mine)
        .values_list("contribution_id", flat=True)
    )
    own = set(
        Contribution.objects.filter(pk__in=ids)
        .filter(mine)
        .values_list("pk", flat=True)
    )
    for contribution in contributions:
        contribution.supported_by_me = contribution.pk in supported
        contribution.is_mine = contribution.pk in own
    feedback_items = []
    if page.feedback_published_at:
        feedback_items = cited_feedback(page.feedback_items.all(), CITED_SHOWN)
    params = request.GET.copy()
    params.pop("page", None)
    accepts_input = page.accepts_input(now)
    questions = worded_questions(page, shown)
    for contribution in contributions:
        worded = questions.get(contribution.question_id)
        contribution.question_text = (
            worded.text
            if worded is not None
            else getattr(contribution.question, "text", "")
        )
    context = {
        "phase": page.phase_at(now),
        "phases": Phase,
        "timeline": timeline(page, now),
        "questions": list(questions.values()),
        "accepts_input": accepts_input,
        "contribution_form": ContributionForm(
            consultation=page, user=user, worded=questions
        )
        if accepts_input
        else None,
        "report_form": ReportForm(),
        "subscribe_form": SubscribeForm() if not page.feedback_published_at else None,
        "contributions": contributions,
        "contribution_count": page_obj.paginator.count,
        "page_obj": page_obj,
        "sort": sort,
        "query_string": params.urlencode(),
        "feedback_items": feedback_items,
        "can_moderate": can_moderate(user, page),
        "can_publish_feedback": can_publish_feedback(user, page),
    }
    context.update(overrides)
    return context
