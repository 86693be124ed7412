"""The guided questions of "I have a complaint or disagree with something": the
questions as plain data and `route(answers)`, which says where the answers lead.

Safety comes first: whoever says someone is unsafe now is sent to Veilig Thuis and
112 at once, and nothing else is asked or kept.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Route(StrEnum):
    """Where the answers lead. The first three are the case kinds (Case.Kind)."""

    OBJECTION = "objection"
    MUNICIPAL_COMPLAINT = "municipal_complaint"
    PROVIDER_COMPLAINT = "provider_complaint"
    CONFIDENTIAL_ADVISER = "confidential_adviser"
    SAFETY = "safety"

    @property
    def can_file(self) -> bool:
        return self in FILING_ROUTES


FILING_ROUTES = (Route.OBJECTION, Route.MUNICIPAL_COMPLAINT, Route.PROVIDER_COMPLAINT)


@dataclass(frozen=True)
class Choice:
    value: str
    label: str | Promise


@dataclass(frozen=True)
class Question:
    key: str  # the key in the answers
    slug: str  # the step in the URL
    text: str | Promise
    help_text: str | Promise
    choices: tuple[Choice, ...]

    def is_valid(self, value: str | None) -> bool:
        return value in {choice.value for choice in self.choices}


QUESTIONS: tuple[Question, ...] = (
    Question(
        key="safety",
        slug="veiligheid",
        text=_("Is someone unsafe right now?"),
        help_text=_(
            "For example: someone is being hurt, threatened or neglected, at home or "
            "somewhere else. That can be you or someone else."
        ),
        choices=(
            Choice("yes", _("Yes, someone is unsafe now")),
            Choice("no", _("No")),
        ),
    ),
    Question(
        key="about",
        slug="over-wie",
        text=_("Who is it about?"),
        help_text=_("Choose what fits best. You can change it later."),
        choices=(
            Choice("municipality", _("The municipality")),
            Choice(
                "provider",
                _("A youth-care provider (for example a care worker or a clinic)"),
            ),
            Choice("unsure", _("I do not know")),
        ),
    ),
    Question(
        key="what",
        slug="wat-gebeurde",
        text=_("What happened?"),
        help_text=_("A decision is a letter in which someone decides about you."),
        choices=(
            Choice("decision", _("I got a decision that I do not agree with")),
            Choice(
                "conduct",
                _("I was not treated well, or not helped the way I should have been"),
            ),
            Choice("other", _("Something else")),
        ),
    ),
    Question(
        key="want",
        slug="wat-wil-je",
        text=_("What do you want?"),
        help_text=_("You can always ask a confidential adviser for help, for free."),
        choices=(
            Choice("change", _("That the decision is changed")),
            Choice("heard", _("That someone listens and that things get better")),
            Choice("talk", _("First talk to someone who can help me")),
        ),
    ),
)

QUESTIONS_BY_SLUG = {question.slug: question for question in QUESTIONS}


def clean_answers(answers: dict) -> dict[str, str]:
    """Only known questions with allowed answers (the session may hold anything)."""
    return {
        question.key: answers[question.key]
        for question in QUESTIONS
        if question.is_valid(answers.get(question.key))
    }


def first_unanswered(answers: dict) -> Question | None:
    """The first question without a valid answer, or None when all are answered."""
    for question in QUESTIONS:
        if not question.is_valid(answers.get(question.key)):
            return question
    return None


def previous_question(question: Question) -> Question | None:
    index = QUESTIONS.index(question)
    return QUESTIONS[index - 1] if index else None


def next_question(question: Question) -> Question | None:
    index = QUESTIONS.index(question)
    return QUESTIONS[index + 1] if index + 1 < len(QUESTIONS) else None


def route(answers: dict) -> Route:
    """Where the answers lead. Raises ValueError while answers are missing, except
    that an unsafe situation needs no other answer."""
    if answers.get("safety") == "yes":
        return Route.SAFETY
    missing = first_unanswered(answers)
    if missing is not None:
        raise ValueError(f"The question {missing.key!r} has no valid answer.")
    about, what, want = answers["about"], answers["what"], answers["want"]
    if want == "talk":
        return Route.CONFIDENTIAL_ADVISER
    if about == "provider":
        # A provider takes no decisions open to objection: it is a complaint.
        return Route.PROVIDER_COMPLAINT
    if what == "decision":
        # Conduct open to objection is no complaint (Awb 9:8 lid 1 c): object.
        return Route.OBJECTION
    if about == "municipality":
        return Route.MUNICIPAL_COMPLAINT
    # Not sure who it is about and no decision: an adviser helps to sort it out.
    return Route.CONFIDENTIAL_ADVISER
