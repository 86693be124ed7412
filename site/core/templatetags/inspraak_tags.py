"""Template tags for the base layout."""

from django import template
from django.apps import apps
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail.models import Locale, Page

register = template.Library()


def _home_in(language_code):
    home = (
        Page.objects.live().filter(depth=2, locale__language_code=language_code).first()
    )
    return (
        home.url
        if home
        else ("/" if language_code == settings.LANGUAGE_CODE else f"/{language_code}/")
    )


@register.inclusion_tag("components/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to this page in each language: the translated Wagtail page when there
    is one, the same view under the other language prefix otherwise."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if isinstance(page, Page):
            try:
                locale = Locale.objects.get(language_code=code)
            except Locale.DoesNotExist:
                locale = None
            translation = page.get_translation_or_none(locale) if locale else None
            url = (
                translation.url if translation and translation.live else _home_in(code)
            )
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {"code": code, "name": name, "url": url or "/", "current": code == current}
        )
    return {"languages": links}


@register.simple_tag
def localized(page):
    """The page in the active language when it has a live translation."""
    if page is None:
        return None
    localized_page = page.localized
    return localized_page if localized_page.live else page


@register.simple_tag
def localized_or_first(page, model_label):
    """The chosen page in the active language, or, when none is chosen, the first
    live public page of type `model_label` ("app_label.Model") in that language."""
    if page is not None:
        return localized(page)
    model = apps.get_model(model_label)
    return (
        model.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .order_by("path")
        .first()
    )
