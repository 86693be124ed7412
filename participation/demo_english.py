"""The English translations of the demo's consultation pages for `manage.py
seed_demo`: the overview and the four consultations, with their questions. The
contributions and the "you said, we did" stay with the Dutch page (the record),
which the English page shows (inspraak.pages.translation). Idempotent."""

from inspraak.core.demo.translations import translate
from inspraak.pages.translation import originals

from .demo import FEEDBACK_SLUG, INDEX_SLUG, OPEN_SLUG, PROCESSING_SLUG, UPCOMING_SLUG
from .models import ConsultationIndexPage, ConsultationPage


def _body(*paragraphs: str) -> list:
    return [("paragraph", "".join(f"<p>{p}</p>" for p in paragraphs))]


# Per consultation: its fields, and its questions as (text, explanation) in order.
CONSULTATIONS = {
    OPEN_SLUG: (
        {
            "title": "Have your say about waiting for youth care",
            "summary": (
                "Many young people wait a long time for help. The municipality of "
                "Voorstad wants to change that. Tell us what waiting was like for "
                "you. And what would have helped you? You can also join a live "
                "session."
            ),
            "audience": "Young people in Voorstad and their parents",
            "body": _body(
                "The municipality reads everything you write. After that we tell "
                "you on this page what we do with it.",
                "Do not write names or addresses. Not of other people either.",
            ),
        },
        [
            (
                "How long did you wait for help?",
                "For example: a few weeks, or more than half a year.",
            ),
            ("What would have helped you while you were waiting?", ""),
        ],
    ),
    UPCOMING_SLUG: (
        {
            "title": "Help at school: what works for you?",
            "summary": (
                "The region wants to bring help closer to school. Soon we will ask "
                "you what you think about that."
            ),
            "audience": "Pupils from 12 to 18 years old",
        },
        [("What should a school do when a pupil needs help?", "")],
    ),
    PROCESSING_SLUG: (
        {
            "title": "Safe online",
            "summary": (
                "We asked young people in Noorddorp what being safe online means "
                "to them. We are now reading all the answers."
            ),
        },
        [("When do you not feel safe online?", "")],
    ),
    FEEDBACK_SLUG: (
        {
            "title": "Sport and free time",
            "summary": (
                "Young people in youth care do less sport than others. We asked "
                "what they need. Here you can read what we did with it."
            ),
        },
        [("What do you need to be able to do sport?", "")],
    ),
}


def seed_english() -> None:
    index = originals(ConsultationIndexPage.objects.filter(slug=INDEX_SLUG)).first()
    if index is None:
        return
    translate(
        index,
        title="Consultations",
        intro=(
            "Municipalities and youth care want to know what you think. Give your "
            "opinion, also without an account. And read what happens with it."
        ),
    )
    for page in ConsultationPage.objects.child_of(index):
        if page.slug not in CONSULTATIONS:
            continue
        fields, questions = CONSULTATIONS[page.slug]
        translate(
            page,
            children={
                "questions": [
                    {"text": text, "help_text": help_text}
                    for text, help_text in questions
                ]
            },
            **fields,
        )
