"""Live sessions: the session, its anonymous participants, questions, polls and the
stored, numbered events that clients replay after a reconnect.

Participants carry no personal data: a nickname and a random key. Only a moderator's
own participant row (so that a moderator can ask and upvote too) points at the user.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import protocol
from .period import sync_live_period

# Letters and digits without look-alikes (no 0/O, 1/I/L): read aloud or off a screen.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def new_participant_key() -> str:
    return secrets.token_urlsafe(24)


class LiveSessionQuerySet(models.QuerySet):
    def by_code(self, code: str):
        return self.filter(code=(code or "").strip().upper())

    def of_consultation(self, consultation):
        return self.filter(consultation=consultation)

    def with_public_results(self):
        """Sessions whose results anyone who sees the consultation may see."""
        return self.filter(state__in=LiveSession.PUBLIC_RESULT_STATES)


class LiveSession(models.Model):
    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        LIVE = "live", _("Live")
        ENDED = "ended", _("Ended")

    # Once a session has ended its results are public: on the consultation page and
    # the session's results page (`with_public_results()` for a queryset).
    PUBLIC_RESULT_STATES = (State.ENDED,)

    class Moderation(models.TextChoices):
        PRE = "pre", _("Questions wait for approval")
        POST = "post", _("Questions appear at once and can be hidden")

    consultation = models.ForeignKey(
        "participation.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="live_sessions",
        verbose_name=_("consultation"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.SCHEDULED
    )
    moderation = models.CharField(
        _("moderation"),
        max_length=4,
        choices=Moderation.choices,
        default=Moderation.PRE,
    )
    code = models.CharField(
        _("join code"),
        max_length=JOIN_CODE_LENGTH,
        unique=True,
        editable=False,
        default=new_join_code,
    )
    blocked_words = models.TextField(
        _("words a moderator sees first"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Besides the standard list of swear words: a question with one of these "
            "words waits for a moderator, also when questions appear at once. One "
            "word or phrase per line, for example a name of a school or a person."
        ),
    )
    quiz = models.BooleanField(
        _("quiz mode"),
        default=False,
        help_text=_(
            "Moderators can also ask quiz questions: one answer is right, there is "
            "a time limit, and a top 10 of nicknames shows who scored most."
        ),
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="moderated_live_sessions",
        verbose_name=_("assigned moderators"),
        help_text=_(
            "People who may moderate this session besides the organisation's "
            "moderators, policy staff and administrators."
        ),
    )
    # The sequence number of the last stored event; raised under a row lock.
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = LiveSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        ordering = ["-starts_at", "pk"]

    def __str__(self):
        return f"{self.title} ({self.code})"

    def save(self, *args, **kwargs):
        moved_from = None
        if not self._state.adding:
            moved_from = (
                LiveSession.objects.filter(pk=self.pk)
                .exclude(consultation_id=self.consultation_id)
                .values_list("consultation_id", flat=True)
                .first()
            )
        self._save_with_a_free_code(*args, **kwargs)
        # The consultation's phase "Live" follows its sessions (period.py).
        sync_live_period(self.consultation_id)
        if moved_from is not None:
            sync_live_period(moved_from)

    def _save_with_a_free_code(self, *args, **kwargs):
        if self._state.adding:
            # A new code on the rare collision instead of a failed save.
            for _attempt in range(10):
                try:
                    with transaction.atomic():
                        return super().save(*args, **kwargs)
                except IntegrityError:
                    if LiveSession.objects.filter(code=self.code).exists():
                        self.code = new_join_code()
                        continue
                    raise
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        sync_live_period(self.consultation_id)
        return result

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {
                    "ends_at": _(
                        "The session ends before it starts. Choose an end after "
                        "the start."
                    )
                }
            )

    @property
    def results_are_public(self) -> bool:
        return self.state in self.PUBLIC_RESULT_STATES


class Participant(models.Model):
    """One browser (or a moderator) in one session. The key is the secret behind the
    signed token the browser keeps, so identity survives reloads."""

    session = models.ForeignKey(
        LiveSession, on_delete=models.CASCADE, related_name="participants"
    )
    key = models.CharField(max_length=40, unique=True, default=new_participant_key)
    nickname = models.CharField(_("nickname"), max_length=protocol.NICKNAME_MAX)
    # Only for a moderator's own row; participants never have an account here.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(user__isnull=False),
                name="live_one_moderator_row_per_session",
            )
        ]

    def __str__(self):
        return self.nickname


class Question(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        HIDDEN = "hidden", _("Hidden")

    session = models.ForeignKey(
        LiveSession, on_delete=models.CASCADE, related_name="questions"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, related_name="questions"
    )
    nickname = models.CharField(_("nickname"), max_length=protocol.NICKNAME_MAX)
    text = models.CharField(_("question"), max_length=protocol.QUESTION_MAX)
    # The asker's own words, when a moderator corrected a typo before approving.
    original_text = models.CharField(
        _("question as asked"), max_length=protocol.QUESTION_MAX, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    upvotes = models.PositiveIntegerField(_("upvotes"), default=0)
    answered = models.BooleanField(_("answered"), default=False)
    answer = models.TextField(_("answer"), max_length=protocol.ANSWER_MAX, blank=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    hidden_reason = models.CharField(
        _("reason for hiding"), max_length=protocol.HIDE_REASON_MAX, blank=True
    )
    # A duplicate a moderator merged into another question (hidden, its upvotes
    # and its asker's support moved there).
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    feedback_items = models.ManyToManyField(
        "participation.FeedbackItem",
        blank=True,
        related_name="live_questions",
        verbose_name=_('"you said, we did" items'),
    )

    class Meta:
        verbose_name = _("live question")
        verbose_name_plural = _("live questions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return self.text


class Upvote(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="upvote_rows"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="upvotes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "participant"], name="live_one_upvote_each"
            )
        ]

    def __str__(self):
        return f"{self.participant_id} -> {self.question_id}"


class Poll(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Scale of 1 to 5")
        WORDS = "words", _("Word cloud")
        RANKING = "ranking", _("Ranking")
        QUIZ = "quiz", _("Quiz question")
        TEXT = "text", _("Open question")

    class State(models.TextChoices):
        CLOSED = "closed", _("Closed")
        OPEN = "open", _("Open")

    session = models.ForeignKey(
        LiveSession, on_delete=models.CASCADE, related_name="polls"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    question = models.CharField(_("question"), max_length=protocol.POLL_QUESTION_MAX)
    options = models.JSONField(_("options"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.CLOSED
    )
    # Tallies, counted from the votes and stored when the poll closes (an open
    # poll's are counted from its votes, services.polls.tally): a list of counts
    # (per option, or per scale value 1-5), or {word: n} for a word cloud.
    results = models.JSONField(_("results"), default=list, blank=True)
    # Quiz questions only (services/quiz.py): the index of the correct option, the
    # seconds to answer, and when answers stop (set when the question opens).
    correct = models.PositiveSmallIntegerField(_("correct option"), null=True)
    time_limit = models.PositiveSmallIntegerField(_("time limit (seconds)"), null=True)
    deadline = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.question


class Vote(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="votes"
    )
    choices = models.JSONField(default=list, blank=True)
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    words = models.CharField(max_length=protocol.WORDS_MAX, blank=True)
    # The id the client sent with the vote: a retry of a stored vote is acknowledged
    # again instead of refused (a vote needs no ClientAction row).
    client_id = models.CharField(max_length=64, blank=True, default="")
    # A quiz answer (services/quiz.py): what a right answer was worth at the moment
    # it was given, and the points it scored (`worth` if right, else 0).
    worth = models.PositiveSmallIntegerField(default=0)
    points = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "participant"], name="live_one_vote_each"
            )
        ]

    def __str__(self):
        return f"{self.participant_id} -> {self.poll_id}"


class RankedOption(models.Model):
    """One option's place in a ranking (a `Vote` of a ranking poll), so that the
    average rank per option is one aggregate query (services/ranking.py)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ranked")
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ranked")
    option = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField()  # 1: the most preferred

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "option"], name="live_one_place_per_option"
            )
        ]

    def __str__(self):
        return f"{self.poll_id}: {self.option} at {self.position}"


class OpenAnswer(models.Model):
    """An answer to an open question (a `text` poll), moderated like a question
    (services/open_answers.py). Shown to everyone without the nickname."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")

    session = models.ForeignKey(
        LiveSession, on_delete=models.CASCADE, related_name="open_answers"
    )
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="answers")
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, related_name="answers"
    )
    nickname = models.CharField(_("nickname"), max_length=protocol.NICKNAME_MAX)
    text = models.CharField(_("answer"), max_length=protocol.OPEN_ANSWER_MAX)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("open answer")
        verbose_name_plural = _("open answers")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return self.text


class ReactionTally(models.Model):
    session = models.ForeignKey(
        LiveSession, on_delete=models.CASCADE, related_name="reaction_tallies"
    )
    emoji = models.CharField(max_length=8)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "emoji"], name="live_one_tally_per_emoji"
            )
        ]

    def __str__(self):
        return f"{self.emoji} {self.count}"


class PaceSignal(models.Model):
    """A participant's current pace feedback for the moderators ("too fast"): one
    row per participant, replaced by the next signal, deleted when withdrawn; it
    counts while younger than protocol.PACE_WINDOW (pace.py)."""

    session = models.ForeignKey(
        LiveSession, on_delete=models.CASCADE, related_name="pace_signals"
    )
    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="pace_signal"
    )
    signal = models.CharField(
        _("pace"), max_length=10, choices=list(protocol.PACE_SIGNALS.items())
    )
    given_at = models.DateTimeField(_("given at"))

    class Meta:
        verbose_name = _("pace signal")
        verbose_name_plural = _("pace signals")
        indexes = [models.Index(fields=["session", "given_at"])]

    def __str__(self):
        return f"{self.participant_id}: {self.signal}"


class Event(models.Model):
    """A stored, numbered event: what a reconnecting client replays."""

    session = models.ForeignKey(
        LiveSession, on_delete=models.CASCADE, related_name="events"
    )
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["session", "seq"], name="live_event_seq")
        ]

    def __str__(self):
        return f"{self.session_id}#{self.seq} {self.kind}"


class ClientAction(models.Model):
    """The result of an action sent with a client id, so that a retry after a lost
    connection is answered with the same result instead of being applied twice."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="actions"
    )
    client_id = models.CharField(max_length=64)
    result = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "client_id"], name="live_client_id_once"
            )
        ]

    def __str__(self):
        return f"{self.participant_id}:{self.client_id}"
