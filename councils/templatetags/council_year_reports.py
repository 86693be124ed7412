"""The council page's list of yearly accounts, without a change to the council
page's own context: the include (includes/year_reports_section.html) asks here."""

from django import template

from inspraak.pages.translation import localize

from ..yearly import may_make_report, published_reports

register = template.Library()


@register.simple_tag(takes_context=True)
def council_year_reports(context, council) -> dict:
    """The council's published yearly accounts (each in the reader's language:
    `shown`, `shown_url`), and whether the visitor may make one (the chair or
    secretary)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "reports": localize(published_reports(council), request),
        "may_make": bool(user and may_make_report(user, council)),
    }
