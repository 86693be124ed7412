"""What the organiser does with suggested themes: accept (which writes a draft
"you said, we did" item citing the theme's input), rename, merge, split, move input
between themes and discard a suggestion. Nothing changes once the feedback is
published; the published items are then edited in the admin."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import FeedbackItem
from ..services import ParticipationError
from .models import NAME_MAX, SuggestedTheme, ThemeInput
from .runs import default_name

WORDS_PER_THEME = 6  # as suggest.WORDS_PER_THEME, without importing scikit-learn


def _open(theme: SuggestedTheme) -> None:
    if theme.consultation.feedback_is_published:
        raise ParticipationError(
            _("The feedback is published: the themes can no longer change.")
        )


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ParticipationError(_("Give the theme a name."))
    if len(name) > NAME_MAX:
        raise ParticipationError(
            _("A name has at most %(count)s characters.") % {"count": NAME_MAX}
        )
    return name


def heard_summary(theme: SuggestedTheme, count: int) -> str:
    """The first draft of "you said": how many and the words that came back."""
    said = ngettext(
        "%(count)s contribution or question was about this.",
        "%(count)s contributions and questions were about this.",
        count,
    ) % {"count": count}
    if theme.words:
        said += " " + _("Words that came back often: %(words)s.") % {
            "words": ", ".join(theme.words)
        }
    return said


def sync_citations(theme: SuggestedTheme) -> None:
    """The draft item cites exactly the theme's visible input."""
    item = theme.feedback_item
    if item is None:
        return
    inputs = theme.inputs.all()
    item.contributions.set(
        inputs.filter(
            contribution__isnull=False, contribution__hidden_at__isnull=True
        ).values_list("contribution", flat=True)
    )
    item.live_questions.set(
        inputs.filter(live_question__isnull=False).values_list(
            "live_question", flat=True
        )
    )


@transaction.atomic
def accept(theme: SuggestedTheme, *, name: str, by) -> FeedbackItem:
    _open(theme)
    if theme.is_accepted:
        raise ParticipationError(_("This theme is already accepted."))
    theme.name = _clean_name(name)
    last = theme.consultation.feedback_items.aggregate(last=Max("sort_order"))["last"]
    item = FeedbackItem.objects.create(
        consultation=theme.consultation,
        heading=theme.name,
        what_we_heard=heard_summary(theme, theme.inputs.count()),
        what_we_did="",
        sort_order=0 if last is None else last + 1,
    )
    theme.status = SuggestedTheme.Status.ACCEPTED
    theme.feedback_item = item
    theme.accepted_by = by
    theme.accepted_at = timezone.now()
    theme.save()
    sync_citations(theme)
    return item


@transaction.atomic
def rename(theme: SuggestedTheme, name: str) -> None:
    _open(theme)
    theme.name = _clean_name(name)
    theme.save(update_fields=["name"])
    if theme.feedback_item_id:
        FeedbackItem.objects.filter(pk=theme.feedback_item_id).update(
            heading=theme.name
        )


def _joined(first: str, second: str) -> str:
    return "\n\n".join(part for part in (first.strip(), second.strip()) if part)


@transaction.atomic
def merge(target: SuggestedTheme, other: SuggestedTheme) -> None:
    """`other`'s input moves to `target`, and `other` goes. What was written on
    either draft item is kept on one."""
    _open(target)
    if target.pk == other.pk or target.consultation_id != other.consultation_id:
        raise ParticipationError(_("Choose another theme of this consultation."))
    other.inputs.update(theme=target)
    target.words = list(dict.fromkeys(target.words + other.words))[:WORDS_PER_THEME]
    item, other_item = target.feedback_item, other.feedback_item
    if item and other_item:
        item.what_we_heard = _joined(item.what_we_heard, other_item.what_we_heard)
        item.what_we_did = _joined(item.what_we_did, other_item.what_we_did)
        item.save()
        other_item.delete()
    elif other_item:
        target.feedback_item = other_item
        target.status = SuggestedTheme.Status.ACCEPTED
        target.accepted_by, target.accepted_at = other.accepted_by, other.accepted_at
        other.feedback_item = None
        other.save(update_fields=["feedback_item"])
        other_item.heading = target.name
        other_item.save(update_fields=["heading"])
    target.save()
    other.delete()
    sync_citations(target)


@transaction.atomic
def split(theme: SuggestedTheme) -> SuggestedTheme:
    """The theme's input in two groups; the second becomes a new suggestion."""
    _open(theme)
    inputs = list(theme.inputs.select_related("contribution", "live_question"))
    if len(inputs) < 4:
        raise ParticipationError(_("A theme needs at least 4 pieces to split."))
    from . import suggest  # scikit-learn: imported when a theme is split

    groups, words = suggest.split([piece.text for piece in inputs])
    theme.words = words[0]
    theme.save(update_fields=["words"])
    last = SuggestedTheme.objects.filter(consultation=theme.consultation).aggregate(
        last=Max("sort_order")
    )["last"]
    new = SuggestedTheme.objects.create(
        consultation=theme.consultation,
        run=theme.run,
        name=default_name(words[1]),
        words=words[1],
        sort_order=(last or 0) + 1,
    )
    ThemeInput.objects.filter(pk__in=[inputs[i].pk for i in groups[1]]).update(
        theme=new
    )
    sync_citations(theme)
    return new


@transaction.atomic
def move(piece: ThemeInput, to: SuggestedTheme) -> None:
    source = piece.theme
    _open(source)
    if to.consultation_id != source.consultation_id:
        raise ParticipationError(_("Choose another theme of this consultation."))
    if to.pk == source.pk:
        return
    piece.theme = to
    piece.placed_by_hand = True
    piece.save(update_fields=["theme", "placed_by_hand"])
    sync_citations(source)
    sync_citations(to)


@transaction.atomic
def discard(theme: SuggestedTheme) -> None:
    """A suggestion the organiser does not want: its input is without a theme
    again (and goes into the next run)."""
    _open(theme)
    if theme.is_accepted:
        raise ParticipationError(
            _("An accepted theme stays; merge it with another or move its input.")
        )
    theme.delete()
