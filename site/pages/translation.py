"""Pages in more than one language, with Wagtail's simple translation.

Dutch, the default language, is the source. Every record (a council, an advice, a
consultation) is a page in the default locale and holds its data: members, advice,
contributions, dates. A translation is a copy an editor translates by hand in the
admin; it carries its own text and reads everything else from its `original`.
Domain queries count `originals(...)` only, so no figure doubles.

A page without a translation is still reached in the other language: under /en/,
the path of the Dutch page below its nearest translated ancestor serves the Dutch
page with the English interface and a notice (`TranslatedPage.route`);
`localize` and `language_links` give those addresses, for a list in a fixed number
of queries."""

from collections.abc import Iterable

from django.conf import settings
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import get_language

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from inspraak.core import layout


def default_language() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def active_language() -> str:
    return get_supported_content_language_variant(get_language() or default_language())


def _locale_codes() -> dict[int, str]:
    """{locale id: language code}, from the cache (a locale change clears it)."""
    return layout.cached(
        "locales", (), lambda: dict(Locale.objects.values_list("pk", "language_code"))
    )


def language_of(page: Page) -> str:
    """The language of the page's content, without a query per page."""
    code = _locale_codes().get(page.locale_id)
    return code if code is not None else page.locale.language_code


def is_other_language(page) -> bool:
    """True for a page whose text is not in the language of the interface: a
    Dutch-only page shown under /en/."""
    return isinstance(page, Page) and language_of(page) != active_language()


def originals(queryset):
    """Only the records: pages in the default locale, never their translations.
    Filtered on the locale's id (from the cache), so no join is added."""
    ids = {code: pk for pk, code in _locale_codes().items()}
    if default_language() not in ids:
        return queryset.filter(locale__language_code=default_language())
    return queryset.filter(locale_id=ids[default_language()])


class TranslatedPage:
    """Mixin for every page model of the site (before `Page` in the bases).

    `route` looks for a missing child in the original: /en/<english council>/<slug
    of a Dutch-only advice>/ serves the Dutch advice. The Dutch page's own route
    then decides, with Wagtail's own checks after it (live, view restrictions,
    privacy), so the fallback shows nothing that Dutch serving would refuse."""

    # Records (councils, advice, consultations) are made in the default language:
    # the admin offers them only there; other languages get them by translation.
    made_in_default_language = False

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and (
            not cls.made_in_default_language
            or language_of(parent) == default_language()
        )

    @cached_property
    def original(self):
        """The page in the default language that holds the record's data: this page
        itself, or the page it was translated from (itself when there is none)."""
        if language_of(self) == default_language():
            return self
        original = (
            type(self)
            ._default_manager.filter(
                translation_key=self.translation_key,
                locale__language_code=default_language(),
            )
            .first()
        )
        return original or self

    def get_context(self, request, *args, **kwargs):
        # Templates read the record's data (and use its id in links) from `record`,
        # the page's text from `page`.
        context = super().get_context(request, *args, **kwargs)
        context["record"] = self.original
        return context

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug, rest = path_components[0], path_components[1:]
        child = self.get_children().filter(slug=slug).first()
        if child is None or (not rest and not child.live):
            # No page here, or only a draft translation: the original's child.
            if self.original.pk != self.pk:
                return self.original.route(request, path_components)
            raise Http404
        # As Wagtail does: saves get_parent() a query.
        child._cached_parent_obj = self
        return child.specific.route(request, rest)


def _links(pages: list[Page], language: str, request=None) -> list[tuple[Page, str]]:
    """(the page to show, its address) for each page, for a reader of `language`:
    its live translation in that language; else the page itself, at the address of
    the fallback (below the nearest ancestor that has a translation in that
    language; the page's own address in the default language). Two queries and
    one per page type of the translations, however many pages."""
    links: list[tuple[Page, str] | None] = [None] * len(pages)
    other = []
    for n, page in enumerate(pages):
        if language_of(page) == language:
            links[n] = (page, page.get_url(request))
        else:
            other.append(n)
    if not other:
        return links
    steplen = Page.steplen
    known = {pages[n].path: pages[n] for n in other}
    paths = {
        pages[n].path[: depth * steplen]
        for n in other
        for depth in range(2, pages[n].depth)
    } - known.keys()
    tree = dict(known)
    if paths:
        tree.update(
            (row.path, row)
            for row in Page.objects.filter(path__in=paths).only(
                "path", "url_path", "translation_key", "depth", "locale"
            )
        )
    translations = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(
            translation_key__in={row.translation_key for row in tree.values()},
            locale__language_code=language,
        )
        .specific()
    }
    fallback = language != default_language()
    for n in other:
        page = pages[n]
        translation = translations.get(page.translation_key)
        if translation is not None:
            links[n] = (translation, translation.get_url(request))
            continue
        url = page.get_url(request)
        for depth in range(page.depth - 1, 1, -1) if fallback else ():
            ancestor = tree.get(page.path[: depth * steplen])
            translated = ancestor and translations.get(ancestor.translation_key)
            if translated is not None:
                base = translated.get_url(request)
                if base:
                    url = base + page.url_path[len(ancestor.url_path) :]
                break
        links[n] = (page, url)
    return links


def localize(pages: Iterable[Page], request=None) -> list[Page]:
    """The pages of a list, each with `shown` (its translation in the active
    language, or itself) and `shown_url` (that translation's address, or the
    fallback's). The list itself stays: records keep their loaded relations."""
    pages = list(pages)
    for page, (shown, url) in zip(
        pages, _links(pages, active_language(), request), strict=True
    ):
        page.shown, page.shown_url = shown, url
    return pages


def localized_url(page: Page, request=None) -> str:
    """The address of one page for a reader of the active language."""
    return _links([page], active_language(), request)[0][1] or "/"


def home_url(language: str) -> str:
    home = (
        Page.objects.live()
        .filter(depth=2, locale__language_code=language)
        .order_by("path")
        .first()
    )
    if home is not None and home.url:
        return home.url
    return "/" if language == default_language() else f"/{language}/"


def language_links(page: Page) -> dict[str, str]:
    """{language: address} of the page for the language switch: its translation,
    else the fallback of its original (English), or the original (Dutch); the home
    page of a language where neither exists."""
    original = getattr(page, "original", page)
    links = {}
    for code, _name in settings.LANGUAGES:
        shown, url = _links([original], code, None)[0]
        if not shown.live or (
            language_of(shown) != code
            and (
                code == default_language()
                or language_of(original) != default_language()
            )
        ):
            url = None  # nothing in this language to show or to fall back on
        links[code] = url or home_url(code)
    return links


def translations(page: Page) -> dict[str, str]:
    """{language: full address} of the live, public pages with this page's content
    in each language: the alternates for search engines (the fallback pages are
    not among them: their content is the Dutch page's)."""
    rows = (
        Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
    )
    return {row.locale.language_code: row.get_full_url() for row in rows}
