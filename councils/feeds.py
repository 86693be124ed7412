"""RSS 2.0 and Atom feeds of published advice, overall and per council, newest
first, so followers learn about new advice without visiting the tracker.

Summaries are plain text: tags are stripped, Atom declares `type="text"`, and RSS
(whose readers render a description as HTML) gets the text HTML-escaped, so that a
reader shows what the editor typed and runs nothing.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _

from .models.advice import AdvicePage
from .models.councils import CouncilPage
from .tracker import published_advice

FEED_LENGTH = 50


def plain_text(value: str | None) -> str:
    """`value` without any markup."""
    return strip_tags(value or "").strip()


class PlainTextAtom1Feed(Atom1Feed):
    """Atom whose entry summaries are declared plain text, not HTML."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class AdviceFeed(Feed):
    """Every published advice across councils."""

    feed_type = Rss201rev2Feed

    def as_summary(self, value: str | None) -> str:
        # An RSS description is HTML to every reader: escape the plain text.
        return escape(plain_text(value))

    def title(self):
        return _("Advice of the councils")

    def description(self):
        return _("New advice of youth, parent and client councils on Inspraak.")

    def link(self):
        return reverse("councils:feed_rss")

    def items(self):
        return published_advice()[:FEED_LENGTH]

    def item_title(self, item: AdvicePage):
        return item.title

    def item_description(self, item: AdvicePage):
        return self.as_summary(item.summary)

    def item_link(self, item: AdvicePage):
        return item.get_url()

    def item_guid(self, item: AdvicePage):
        return f"advice-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: AdvicePage):
        dispatch = getattr(item, "dispatch", None)
        if dispatch is not None:
            return timezone.make_aware(datetime.combine(dispatch.sent_on, time.min))
        return item.first_published_at

    def item_categories(self, item: AdvicePage):
        return [theme.name for theme in item.themes.all()]


class AtomSummaries:
    """Atom's summaries and subtitle: plain text, declared as such."""

    feed_type = PlainTextAtom1Feed

    def as_summary(self, value: str | None) -> str:
        return plain_text(value)


class AdviceAtomFeed(AtomSummaries, AdviceFeed):
    subtitle = AdviceFeed.description

    def link(self):
        return reverse("councils:feed_atom")


class CouncilAdviceFeed(AdviceFeed):
    """The published advice of one council."""

    def get_object(self, request, council_id: int):
        return get_object_or_404(CouncilPage.objects.live().public(), pk=council_id)

    def title(self, obj: CouncilPage):
        return _("Advice of %(council)s") % {"council": obj.title}

    def description(self, obj: CouncilPage):
        return self.as_summary(obj.summary)

    def link(self, obj: CouncilPage):
        return obj.get_url() or reverse("councils:council_feed_rss", args=[obj.pk])

    def items(self, obj: CouncilPage):
        return published_advice().child_of(obj)[:FEED_LENGTH]


class CouncilAdviceAtomFeed(AtomSummaries, CouncilAdviceFeed):
    subtitle = CouncilAdviceFeed.description
