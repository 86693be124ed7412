"""The cached parts of the site layout: the footer and the language switch appear on
every page and cost 8 to 12 queries each time when built from the database; here
they cost one or two cache reads.

The cache keys carry a version. Any change to a page (saved, published,
unpublished, moved or deleted), a locale, a site, an image (a logo) or the site
settings (colours and logo too: pages/theme.py) raises the
version (`changed`, connected in CoreConfig.ready), so a renamed or unpublished
page never lingers in a link. Bulk inserts send no signals: a command that adds
pages that way clears the cache itself.

Within one request each part is read from the cache once (`RequestMemoMiddleware`):
a list of pages asks the language of each (pages.translation.language_of), and with
Redis as the cache the English advice tracker made 189 cache reads per request."""

from collections.abc import Callable
from contextvars import ContextVar

from django.core.cache import cache

TIMEOUT = 60 * 60  # an hour: a safety net, the version does the real work
VERSION_KEY = "inspraak:layout:version"

# What this request has read already (None outside a request: every read goes to
# the cache). Values are shared within the request: callers only read them.
_memo: ContextVar[dict | None] = ContextVar("inspraak_layout_memo", default=None)


class RequestMemoMiddleware:
    """Gives each request its own memo of the layout's cache reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def version() -> int:
    memo = _memo.get()
    if memo is not None and VERSION_KEY in memo:
        return memo[VERSION_KEY]
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        value = cache.get(VERSION_KEY, 1)
    if memo is not None:
        memo[VERSION_KEY] = value
    return value


def changed(**kwargs) -> None:
    """A signal receiver: whatever the layout showed may be out of date now."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()  # a save in this request: later reads see the new version
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (yet, or any more)
        cache.add(VERSION_KEY, 1, timeout=None)


def cached(name: str, parts: tuple, compute: Callable[[], object]):
    """`compute()` once per version of the layout and `parts` (language, site...)."""
    key = f"inspraak:layout:{version()}:{name}:" + ":".join(str(p) for p in parts)
    memo = _memo.get()
    if memo is not None and key in memo:
        return memo[key]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    if memo is not None:
        memo[key] = value
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
