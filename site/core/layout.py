"""The cached parts of the site layout: the footer and the language switch appear on
every page and cost 8 to 12 queries each time when built from the database; here
they cost one or two cache reads.

The cache keys carry a version. Any change to a page (saved, published,
unpublished, moved or deleted), a locale, a site, an image (a logo) or the site
settings (colours and logo too: pages/theme.py) raises the
version (`changed`, connected in CoreConfig.ready), so a renamed or unpublished
page never lingers in a link. Bulk inserts send no signals: a command that adds
pages that way clears the cache itself."""

from collections.abc import Callable

from django.core.cache import cache

TIMEOUT = 60 * 60  # an hour: a safety net, the version does the real work
VERSION_KEY = "inspraak:layout:version"


def version() -> int:
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        value = cache.get(VERSION_KEY, 1)
    return value


def changed(**kwargs) -> None:
    """A signal receiver: whatever the layout showed may be out of date now."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (yet, or any more)
        cache.add(VERSION_KEY, 1, timeout=None)


def cached(name: str, parts: tuple, compute: Callable[[], object]):
    """`compute()` once per version of the layout and `parts` (language, site...)."""
    key = f"inspraak:layout:{version()}:{name}:" + ":".join(str(p) for p in parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def on_model_change(sender, instance=None, **kwargs) -> None:
    from wagtail.images.models import AbstractImage
    from wagtail.models import Locale, Page, Site

    # An image may be a site's logo (pages/theme.py): a new file shows at once.
    if isinstance(instance, (Page, Locale, Site, AbstractImage)) or _is_site_setting(
        sender
    ):
        changed()


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(on_model_change, dispatch_uid="inspraak-layout-save")
    post_delete.connect(on_model_change, dispatch_uid="inspraak-layout-delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(changed, dispatch_uid=f"inspraak-layout-{id(signal)}")


def _is_site_setting(model) -> bool:
    from wagtail.contrib.settings.models import BaseSiteSetting

    return isinstance(model, type) and issubclass(model, BaseSiteSetting)
