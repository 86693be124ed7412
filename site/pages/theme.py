"""An organisation's own look: the colours and logo of its site settings as
Inspraak's design tokens.

The NL Design System components read `--utrecht-*` custom properties; the theme
class `.inspraak-theme` in static/css/inspraak.css derives them from a few brand
tokens (`--inspraak-color-primary`, `--inspraak-color-link`). A site overrides only
those, in a small `<style>` carrying the request's CSP nonce (base.html), built
here and cached with the layout until the settings change."""

import logging
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from inspraak.core import layout

logger = logging.getLogger(__name__)

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_PRIMARY = "#14406e"  # 10.6:1 on white
DEFAULT_LINK = "#14406e"
# WCAG 2.1 AA, success criterion 1.4.3: normal text needs 4.5:1 against its background.
MIN_CONTRAST = 4.5
# Where the brand colours meet text: white on the primary colour (header, buttons),
# both colours as text on white and on the light grey of the footer and callouts
# (--inspraak-color-surface in inspraak.css).
BACKGROUNDS = (
    ("#ffffff", _("white")),
    ("#f3f5f8", _("the light grey background (#f3f5f8)")),
)
LOGO_RENDITION = "height-112"  # twice the 3.5rem the header shows, for sharp screens


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The WCAG relative luminance of "#RRGGBB", from 0 (black) to 1 (white)."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG 2.1 contrast ratio of two "#RRGGBB" colours, from 1 to 21."""
    lighter, darker = sorted(
        (relative_luminance(first), relative_luminance(second)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def validate_hex_colour(value: str) -> None:
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            _("Enter a colour as # followed by six hexadecimal digits, e.g. #14406e."),
            code="invalid_colour",
        )


def validate_text_contrast(value: str) -> None:
    """Refuse a colour that is too light for text on white or light grey (or for
    white text on it)."""
    if not HEX_COLOUR.match(value or ""):
        return  # validate_hex_colour says what is wrong
    for background, name in BACKGROUNDS:
        ratio = contrast_ratio(value, background)
        if ratio < MIN_CONTRAST:
            raise ValidationError(
                _(
                    "This colour is too light: its contrast with %(background)s is "
                    "%(ratio)s:1, and text needs at least 4.5:1 (WCAG 2.1 AA). "
                    "Choose a darker colour."
                ),
                code="low_contrast",
                params={"background": name, "ratio": f"{int(ratio * 100) / 100:.2f}"},
            )


def _colour(value: str, default: str) -> str:
    # A value that is not "#RRGGBB" (a row changed outside the form) never reaches
    # the CSS: Inspraak's own colour takes its place.
    return value.lower() if HEX_COLOUR.match(value or "") else default


def theme_css(primary: str, link: str) -> str:
    """The brand tokens of one site, as one CSS rule."""
    return (
        f".inspraak-theme{{--inspraak-color-primary:{_colour(primary, DEFAULT_PRIMARY)};"
        f"--inspraak-color-link:{_colour(link, DEFAULT_LINK)}}}"
    )


def site_theme(site) -> dict:
    """What base.html needs of a site's look: the tokens, the primary colour (for
    the browser's theme-color), the logo rendition and the organisation's name."""
    from wagtail.images.models import SourceImageIOError

    from .models import SiteSettings

    def build() -> dict:
        settings = None
        if site is not None:
            # Not for_site(): that creates the row, whose signal would outdate the
            # version this theme is about to be cached under.
            settings = (
                SiteSettings.objects.filter(site=site).select_related("logo").first()
            )
        if settings is None:
            settings = SiteSettings(site=site)
        logo = None
        if settings.logo is not None:
            try:
                rendition = settings.logo.get_rendition(LOGO_RENDITION)
            except SourceImageIOError:  # the file is gone: no logo, not a broken site
                logger.warning("The logo of site %s has no file", site)
            else:
                logo = {
                    "url": rendition.url,
                    "width": rendition.width,
                    "height": rendition.height,
                }
        return {
            "css": theme_css(settings.primary_colour, settings.link_colour),
            "primary": _colour(settings.primary_colour, DEFAULT_PRIMARY),
            "logo": logo,
            "organisation_name": settings.organisation_name,
        }

    return layout.cached("theme", (site.pk if site else 0,), build)
