"""The organisation's look on every page: `{% site_theme as site_look %}` in base.html
gives the design tokens of the request's site, its logo and its name (not named
"theme": the participation app's theme pages use that name)."""

from django import template

from wagtail.models import Site

from ..theme import site_theme as theme_for

register = template.Library()


@register.simple_tag(takes_context=True)
def site_theme(context) -> dict:
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return theme_for(site)
