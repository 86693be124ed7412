"""The StreamField blocks shared by every content page of Inspraak.

Block names are stored in the database: renaming one needs a data migration.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "pages/blocks/heading.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("info", _("Information")),
            ("warning", _("Important")),
            ("help", _("Help")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    text = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link", "ul"]
    )

    class Meta:
        icon = "info-circle"
        label = _("Callout")
        template = "pages/blocks/callout.html"


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or a web address"), required=False)
    text = blocks.CharBlock(label=_("Link text"), max_length=120)

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        from django.core.exceptions import ValidationError

        from wagtail.blocks import StructBlockValidationError

        cleaned = super().clean(value)
        if not cleaned.get("page") and not cleaned.get("url"):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Choose a page or enter a web address."))
                }
            )
        return cleaned


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "pages/blocks/question_answer.html"


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow"
    )
    image = ImageBlock(label=_("Image"))
    callout = CalloutBlock()
    faq = QuestionAnswerBlock()
    links = blocks.ListBlock(
        LinkBlock(),
        label=_("Links"),
        icon="list-ul",
        template="pages/blocks/links.html",
    )
    document = DocumentChooserBlock(
        label=_("Document"), template="pages/blocks/document.html"
    )

    class Meta:
        template = "pages/blocks/stream.html"


class KnownProblemBlock(blocks.StructBlock):
    """One known accessibility problem, as the Dutch model statement lists them."""

    problem = blocks.CharBlock(
        label=_("Problem"),
        max_length=300,
        help_text=_("What does not work, and for whom? One or two short sentences."),
    )
    plan = blocks.CharBlock(
        label=_("What we do about it"),
        max_length=300,
        required=False,
        help_text=_("The solution or the alternative, and when, if known."),
    )

    class Meta:
        icon = "warning"
        label = _("Known problem")
        template = "pages/blocks/known_problem.html"


class KnownProblemsBlock(blocks.StreamBlock):
    problem = KnownProblemBlock()

    class Meta:
        template = "pages/blocks/known_problems.html"


class EvaluationReportBlock(blocks.StructBlock):
    """A report of an accessibility evaluation, as the Dutch model statement links
    them: a title, the date, and the report as a document or a web address."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    date = blocks.DateBlock(label=_("Date of the report"))
    document = DocumentChooserBlock(label=_("Report"), required=False)
    url = blocks.URLBlock(label=_("Or a web address"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Evaluation report")
        template = "pages/blocks/evaluation_report.html"

    def clean(self, value):
        from django.core.exceptions import ValidationError

        from wagtail.blocks import StructBlockValidationError

        cleaned = super().clean(value)
        if not cleaned.get("document") and not cleaned.get("url"):
            raise StructBlockValidationError(
                block_errors={
                    "document": ValidationError(
                        _("Choose the report or enter a web address.")
                    )
                }
            )
        return cleaned


class EvaluationReportsBlock(blocks.StreamBlock):
    report = EvaluationReportBlock()

    class Meta:
        template = "pages/blocks/evaluation_reports.html"


def door_routes():
    """The routes a door may lead to (pages/doors.py), for the editor's choice."""
    from .doors import ROUTES

    return ROUTES


def door_facts():
    from .doors import FACTS

    return FACTS


class DoorBlock(blocks.StructBlock):
    """A door on the home page: a title, a line of text and where it leads."""

    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    route = blocks.ChoiceBlock(
        label=_("Or a part of the site that is not a page"),
        choices=door_routes,
        required=False,
    )
    facts = blocks.ChoiceBlock(
        label=_("Show live facts"),
        choices=door_facts,
        required=False,
    )
    menu_title = blocks.CharBlock(
        label=_("Name in the main menu"),
        max_length=30,
        required=False,
        help_text=_("One or two words. Leave empty to keep this door out of the menu."),
    )

    class Meta:
        icon = "link"
        label = _("Door")
        template = "pages/blocks/door.html"

    def get_context(self, value, parent_context=None):
        from .doors import door_url, facts

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["url"] = door_url(value, request)
        context["facts"] = facts(value.get("facts")) if value.get("facts") else []
        return context

    def clean(self, value):
        from django.core.exceptions import ValidationError

        from wagtail.blocks import StructBlockValidationError

        cleaned = super().clean(value)
        if not cleaned.get("page") and not cleaned.get("route"):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        _("Choose a page or a part of the site for this door.")
                    )
                }
            )
        return cleaned
