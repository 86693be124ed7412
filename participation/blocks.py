"""StreamField blocks of consultation pages.

Block names are stored in the database: renaming one needs a data migration.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from inspraak.pages.blocks import ContentStreamBlock


class StepBlock(blocks.StructBlock):
    """One step of "how it works": what happens and when, in plain words."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), max_length=500)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class ConsultationBodyBlock(ContentStreamBlock):
    """The shared content blocks plus the steps of a consultation."""

    steps = blocks.ListBlock(
        StepBlock(),
        label=_("How it works"),
        icon="list-ol",
        template="participation/blocks/steps.html",
    )

    class Meta:
        template = "pages/blocks/stream.html"
