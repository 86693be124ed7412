"""RSS 2.0 and Atom feeds of published advice, overall and per council, newest
first, so followers learn about new advice without visiting the tracker."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import AdvicePage, CouncilPage
from .tracker import published_advice

FEED_LENGTH = 50


class AdviceFeed(Feed):
    """Every published advice across councils."""

    feed_type = Rss201rev2Feed

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
        return item.summary

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


class AdviceAtomFeed(AdviceFeed):
    feed_type = Atom1Feed
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
        return obj.summary

    def link(self, obj: CouncilPage):
        return obj.get_url() or reverse("councils:council_feed_rss", args=[obj.pk])

    def items(self, obj: CouncilPage):
        return published_advice().child_of(obj)[:FEED_LENGTH]


class CouncilAdviceAtomFeed(CouncilAdviceFeed):
    feed_type = Atom1Feed
    subtitle = CouncilAdviceFeed.description
