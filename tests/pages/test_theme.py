"""An organisation's colours and logo (site settings): valid colours only, with
enough contrast for text, and on every page at once after a save."""

import re

from django.core.exceptions import ValidationError

from wagtail.models import Site

import pytest
import wagtail_factories

from inspraak.pages.models import SiteSettings
from inspraak.pages.theme import (
    contrast_ratio,
    theme_css,
    validate_hex_colour,
    validate_text_contrast,
)

PAGE = "/accounts/login/"  # any page on base.html; needs no demo content


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#000000", 21.0),  # the order does not matter
        ("#14406e", "#14406e", 1.0),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes on white
        ("#777777", "#ffffff", 4.48),
        ("#14406e", "#ffffff", 10.56),  # Inspraak's blue
        ("#FFBF47", "#ffffff", 1.64),  # upper case is the same colour
    ],
)
def test_contrast_ratio(first, second, ratio):
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize("value", ["#14406e", "#ABCDEF", "#000000"])
def test_a_colour_is_hash_and_six_hex_digits(value):
    validate_hex_colour(value)


@pytest.mark.parametrize(
    "value",
    ["", "14406e", "#fff", "#14406e0", "#gggggg", "blue", "#14406e ", " #14406e"],
)
def test_other_colour_notations_are_refused(value):
    with pytest.raises(ValidationError) as refused:
        validate_hex_colour(value)
    assert refused.value.code == "invalid_colour"


@pytest.mark.parametrize("value", ["#14406e", "#707070", "#000000", "#d52b1e"])
def test_dark_enough_colours_pass(value):
    validate_text_contrast(value)


@pytest.mark.parametrize(
    ("value", "background", "ratio"),
    [
        ("#ffbf47", "wit", "1.64"),
        ("#777777", "wit", "4.47"),  # 4.478: never rounded up to a pass
        # 4.81:1 on white, but 4.40:1 on the footer's grey.
        ("#727272", "de lichtgrijze achtergrond (#f3f5f8)", "4.40"),
    ],
)
def test_too_light_colours_are_refused_with_the_ratio(value, background, ratio):
    with pytest.raises(ValidationError) as refused:
        validate_text_contrast(value)
    message = refused.value.messages[0]
    assert f"het contrast met {background} is {ratio}:1" in message
    assert "minstens 4,5:1" in message


def test_theme_css_never_carries_anything_but_a_colour():
    assert theme_css("#AABBCC", "}body{display:none") == (
        ".inspraak-theme{--inspraak-color-primary:#aabbcc;"
        "--inspraak-color-link:#14406e}"
    )


# The site settings -----------------------------------------------------------


def settings_of_default_site() -> SiteSettings:
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def admin_form_data(**changes) -> dict:
    data = {
        "organisation_name": "Gemeente Voorstad",
        "email": "",
        "phone": "",
        "accessibility_statement": "",
        "privacy_statement": "",
        "contact_page": "",
        "primary_colour": "#14406e",
        "link_colour": "#14406e",
        "logo": "",
    }
    return {**data, **changes}


@pytest.mark.django_db
def test_the_admin_refuses_a_light_colour_and_says_why(admin_client):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/pages/sitesettings/{site.pk}/"

    response = admin_client.post(url, admin_form_data(primary_colour="#FFBF47"))

    assert response.status_code == 200  # the form again, with the message
    html = response.content.decode()
    assert "Deze kleur is te licht: het contrast met wit is 1.64:1" in html
    assert settings_of_default_site().primary_colour == "#14406e"


@pytest.mark.django_db
def test_the_admin_saves_a_good_colour_in_lower_case(admin_client):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/pages/sitesettings/{site.pk}/"

    response = admin_client.post(
        url, admin_form_data(primary_colour="#5A2A82", link_colour="#0065BD")
    )

    assert response.status_code == 302, response.content.decode()[-3000:]
    saved = settings_of_default_site()
    assert (saved.primary_colour, saved.link_colour) == ("#5a2a82", "#0065bd")


# Every page --------------------------------------------------------------------


def style_nonce(html: str) -> str:
    return re.search(r'<style nonce="([^"]+)">', html).group(1)


@pytest.mark.django_db
def test_every_page_has_the_stylesheets_and_the_theme_tokens(client):
    response = client.get(PAGE)
    html = response.content.decode()

    assert '<link rel="stylesheet" href="/static/nlds/components.css">' in html
    assert '<link rel="stylesheet" href="/static/css/inspraak.css">' in html
    assert (
        ".inspraak-theme{--inspraak-color-primary:#14406e;"
        "--inspraak-color-link:#14406e}</style>" in html
    )
    assert '<body class="inspraak-theme utrecht-document utrecht-body' in html
    assert '<meta name="theme-color" content="#14406e">' in html
    # The strict CSP lets this one <style> in by its nonce, and no other.
    policy = response.headers["Content-Security-Policy"]
    style_src = next(part for part in policy.split(";") if "style-src" in part)
    assert f"'nonce-{style_nonce(html)}'" in style_src
    assert "'unsafe-inline'" not in style_src


@pytest.mark.django_db
def test_a_saved_setting_changes_the_theme_of_every_page_at_once(client):
    client.get(PAGE)  # the theme is cached now
    site_settings = settings_of_default_site()
    site_settings.primary_colour = "#5a2a82"
    site_settings.link_colour = "#0065bd"
    site_settings.save()

    html = client.get(PAGE).content.decode()

    assert (
        ".inspraak-theme{--inspraak-color-primary:#5a2a82;"
        "--inspraak-color-link:#0065bd}" in html
    )
    assert '<meta name="theme-color" content="#5a2a82">' in html


@pytest.mark.django_db
def test_the_logo_is_in_the_header_named_after_the_organisation(client):
    assert "site-header__logo-image" not in client.get(PAGE).content.decode()
    site_settings = settings_of_default_site()
    site_settings.organisation_name = "Gemeente Voorstad"
    site_settings.logo = wagtail_factories.ImageFactory(title="Logo")
    site_settings.save()

    html = client.get(PAGE).content.decode()
    header = html[html.index("<header") : html.index("</header>")]

    logo = re.search(r'<img src="([^"]+)"[^>]*alt="([^"]*)"', header)
    assert logo and logo.group(2) == "Gemeente Voorstad"
    assert "/media/images/" in logo.group(1)
    assert 'width="' in logo.group(0) and 'height="' in logo.group(0)


@pytest.mark.django_db
def test_a_bad_row_never_reaches_the_css(client):
    # A colour written past the form (a shell, a data migration) is not trusted.
    # Seven characters, as the column holds (PostgreSQL refuses a longer one).
    site_settings = settings_of_default_site()
    SiteSettings.objects.filter(pk=site_settings.pk).update(primary_colour="#1;}*{a")

    html = client.get(PAGE).content.decode()

    assert "--inspraak-color-primary:#14406e;" in html
    assert "#1;}*{a" not in html


@pytest.mark.django_db
def test_a_logo_whose_file_is_gone_leaves_the_header_without_it(client):
    site_settings = settings_of_default_site()
    site_settings.logo = wagtail_factories.ImageFactory(title="Logo")
    site_settings.save()
    site_settings.logo.file.storage.delete(site_settings.logo.file.name)

    response = client.get(PAGE)

    assert response.status_code == 200
    assert "site-header__logo-image" not in response.content.decode()
