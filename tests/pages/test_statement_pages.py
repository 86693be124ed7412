"""The accessibility and privacy statements: own page types with a plain-language
summary on top, linked from the footer in every language."""

import datetime
import re

from django import urls
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch

from wagtail.admin.panels import get_edit_handler
from wagtail.models import Locale, Site

import pytest

from inspraak.core.templatetags.inspraak_tags import localized_or_first
from inspraak.pages.models import (
    AccessibilityStatementPage,
    ContentPage,
    HomePage,
    PrivacyStatementPage,
    SiteSettings,
)

pytestmark = pytest.mark.django_db

STATEMENT_URLS = [
    ("/toegankelijkheid/", "nl", "In het kort", "We willen dat iedereen"),
    ("/en/toegankelijkheid/", "en", "In short", "We want everyone"),
    ("/privacy/", "nl", "In het kort", "We vragen alleen de gegevens"),
    ("/en/privacy/", "en", "In short", "We only ask for the data"),
]


def main_of(html: str) -> str:
    return html[html.index('<main id="main"') : html.index("</main>")]


def footer_of(html: str) -> str:
    return html[html.index('<footer class="site-footer">') :]


def site_settings() -> SiteSettings:
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.mark.parametrize(("url", "language", "heading", "summary"), STATEMENT_URLS)
def test_statement_shows_the_summary_first(
    client, demo_site, url, language, heading, summary
):
    response = client.get(url)

    assert response.status_code == 200
    main = main_of(response.content.decode())
    assert f'lang="{language}"' in response.content.decode()
    assert main.count("<h1") == 1
    # Right after the title: the "In short" box, labelled by its own heading.
    after_title = main[main.index("</h1>") :]
    first_heading = re.search(r"<h2[^>]*>([^<]*)</h2>", after_title)
    assert first_heading.group(1) == heading
    assert '<section class="summary" aria-labelledby="summary-heading">' in after_title
    assert 'id="summary-heading"' in after_title
    assert after_title.index(summary) < after_title.index("</section>")


def test_statement_headings_go_down_one_level_at_a_time(client, demo_site):
    for url, *_ in STATEMENT_URLS:
        main = main_of(client.get(url).content.decode())
        levels = [int(level) for level in re.findall(r"<h([1-6])", main)]
        assert levels[0] == 1
        steps = zip(levels, levels[1:], strict=False)
        assert all(b - a <= 1 for a, b in steps), (url, levels)


def test_statement_pages_are_their_own_types_in_both_languages(demo_site):
    for model, slug in (
        (AccessibilityStatementPage, "toegankelijkheid"),
        (PrivacyStatementPage, "privacy"),
    ):
        pages = model.objects.live().order_by("locale__language_code")
        assert [p.locale.language_code for p in pages] == ["en", "nl"]
        assert {p.slug for p in pages} == {slug}
        assert pages[0].translation_key == pages[1].translation_key
    assert not ContentPage.objects.filter(slug__in=["toegankelijkheid", "privacy"])


def test_statement_shows_when_it_was_last_checked(client, demo_site):
    page = PrivacyStatementPage.objects.get(locale__language_code="nl")
    page.last_reviewed = datetime.date(2026, 3, 5)
    page.save_revision().publish()

    dutch = client.get("/privacy/").content.decode()
    english = client.get("/en/toegankelijkheid/").content.decode()

    assert '<time datetime="2026-03-05">5 maart 2026</time>' in dutch
    reviewed = AccessibilityStatementPage.objects.get(locale__language_code="en")
    assert reviewed.last_reviewed.strftime("%-d %B %Y") in english
    assert "Last checked" in english


def test_accessibility_statement_follows_the_model_statement(client, demo_site):
    html = main_of(client.get("/en/toegankelijkheid/").content.decode())

    assert "B – Meets part of the requirements" in html
    assert "WCAG 2.1 AA" in html
    assert "axe-core" in html  # how we checked
    assert "PDF files" in html  # a known problem
    assert 'href="mailto:contact@inspraak.test"' in html  # how to report


def test_accessibility_statement_has_the_parts_the_model_statement_asks(
    client, demo_site
):
    """The register entry, the evaluation reports and where to go next: each says
    so when it is not there yet, and shows it when it is."""
    html = main_of(client.get("/en/toegankelijkheid/").content.decode())
    assert "There is no report of a check by an independent agency yet." in html
    assert "not in the national register" in html
    assert 'href="https://www.nationaleombudsman.nl/"' in html
    assert html.count("nationaleombudsman.nl") == 1  # not twice from the demo text

    page = AccessibilityStatementPage.objects.get(locale__language_code="en")
    page.register_url = "https://www.toegankelijkheidsverklaring.nl/register/123"
    page.evaluation_reports = [
        (
            "report",
            {
                "title": "Audit by an agency",
                "date": datetime.date(2026, 10, 1),
                "document": None,
                "url": "https://example.test/audit.pdf",
            },
        )
    ]
    page.save_revision().publish()

    html = main_of(client.get("/en/toegankelijkheid/").content.decode())
    assert 'href="https://www.toegankelijkheidsverklaring.nl/register/123"' in html
    assert '<a href="https://example.test/audit.pdf">Audit by an agency</a>' in html
    assert "1 October 2026" in html


def test_an_evaluation_report_needs_a_document_or_an_address():
    from wagtail.blocks import StructBlockValidationError

    from inspraak.pages.blocks import EvaluationReportBlock

    block = EvaluationReportBlock()
    value = block.to_python(
        {"title": "Audit", "date": "2026-10-01", "document": None, "url": ""}
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_accessibility_statement_without_known_problems_says_so(client, demo_site):
    page = AccessibilityStatementPage.objects.get(locale__language_code="en")
    page.status = AccessibilityStatementPage.Status.FULLY_COMPLIANT
    page.known_problems = []
    page.save_revision().publish()

    html = client.get("/en/toegankelijkheid/").content.decode()
    assert "A – Meets all requirements" in html
    assert "We do not know of any problems." in html


def test_privacy_statement_covers_what_the_law_asks(client, demo_site):
    dutch = main_of(client.get("/privacy/").content.decode())
    english = main_of(client.get("/en/privacy/").content.decode())

    for text in (
        "Wie is verantwoordelijk?",
        "geboortedatum",
        "jonger dan 16",
        "AVG artikel 8 en UAVG artikel 5",
        "zonder account",
        "bijzondere persoonsgegevens",
        "binnen een maand",
        "5 jaar",
        "Gravatar",
        "Autoriteit Persoonsgegevens",
    ):
        assert text in dutch, text
    for text in ("Who is responsible?", "under 16", "within one month", "5 years"):
        assert text in english, text


@pytest.fixture
def my_data_url(monkeypatch):
    """Make {% url 'privacy:my_data' %} resolve, or not, whatever is installed.

    The tag imports `reverse` from django.urls each time it renders."""
    real_reverse = urls.reverse

    def use(url):
        def reverse(viewname, *args, **kwargs):
            if viewname == "privacy:my_data":
                if url is None:
                    raise NoReverseMatch("'privacy' is not a registered namespace")
                return url
            return real_reverse(viewname, *args, **kwargs)

        monkeypatch.setattr(urls, "reverse", reverse)

    return use


def test_privacy_statement_links_to_my_data(client, demo_site, my_data_url):
    my_data_url("/en/mijn-gegevens/")

    html = main_of(client.get("/en/privacy/").content.decode())

    rights = html[html.index('id="rights-heading"') :]
    assert '<a href="/en/mijn-gegevens/">' in rights
    assert "within one month" in rights


def test_privacy_statement_works_before_my_data_exists(client, demo_site, my_data_url):
    my_data_url(None)

    response = client.get("/en/privacy/")

    assert response.status_code == 200
    rights = main_of(response.content.decode())
    assert "mijn-gegevens" not in rights
    assert 'href="mailto:contact@inspraak.test"' in rights


@pytest.mark.parametrize(
    ("url", "accessibility", "privacy"),
    [
        ("/", "/toegankelijkheid/", "/privacy/"),
        ("/en/", "/en/toegankelijkheid/", "/en/privacy/"),
    ],
)
def test_footer_links_to_the_statements(client, demo_site, url, accessibility, privacy):
    footer = footer_of(client.get(url).content.decode())

    assert f'href="{accessibility}"' in footer
    assert f'href="{privacy}"' in footer


@pytest.mark.parametrize(
    ("url", "accessibility", "privacy"),
    [
        ("/", "/toegankelijkheid/", "/privacy/"),
        ("/en/", "/en/toegankelijkheid/", "/en/privacy/"),
    ],
)
def test_footer_finds_the_statements_when_none_is_chosen(
    client, demo_site, url, accessibility, privacy
):
    settings = site_settings()
    settings.accessibility_statement = None
    settings.privacy_statement = None
    settings.save()

    footer = footer_of(client.get(url).content.decode())

    assert f'href="{accessibility}"' in footer
    assert f'href="{privacy}"' in footer


def test_footer_leaves_out_a_statement_that_does_not_exist(client, demo_site):
    settings = site_settings()
    settings.privacy_statement = None
    settings.save()
    PrivacyStatementPage.objects.get(locale__language_code="en").unpublish()

    footer = footer_of(client.get("/en/").content.decode())

    assert "Privacy statement" not in footer
    assert 'href="/en/toegankelijkheid/"' in footer


def test_fallback_uses_the_active_language(demo_site):
    from django.utils import translation

    with translation.override("en"):
        page = localized_or_first(None, "pages.PrivacyStatementPage")
    assert page.locale.language_code == "en"
    with translation.override("nl"):
        page = localized_or_first(None, "pages.PrivacyStatementPage")
    assert page.locale.language_code == "nl"


def test_settings_choosers_offer_only_the_statement_type():
    form_class = (
        get_edit_handler(SiteSettings).bind_to_model(SiteSettings).get_form_class()
    )
    fields = form_class.base_fields

    accessibility = fields["accessibility_statement"].widget.target_models
    privacy = fields["privacy_statement"].widget.target_models
    assert list(accessibility) == [AccessibilityStatementPage]
    assert list(privacy) == [PrivacyStatementPage]


def test_settings_refuse_a_page_of_another_type(demo_site):
    settings = site_settings()
    settings.privacy_statement = ContentPage.objects.get(
        slug="contact", locale__language_code="nl"
    )

    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert "privacy_statement" in error.value.message_dict


@pytest.mark.parametrize("model", [AccessibilityStatementPage, PrivacyStatementPage])
def test_statement_without_summary_cannot_be_published(demo_site, model):
    page = model.objects.get(locale__language_code="nl")
    page.summary = ""

    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "summary" in error.value.message_dict
    with pytest.raises(ValidationError):
        page.save_revision().publish()


def test_accessibility_statement_needs_a_contact_address(demo_site):
    page = AccessibilityStatementPage.objects.get(locale__language_code="nl")
    page.contact_email = ""

    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "contact_email" in error.value.message_dict


@pytest.mark.parametrize("model", [AccessibilityStatementPage, PrivacyStatementPage])
def test_one_statement_of_each_kind_per_language(demo_site, model):
    home = HomePage.objects.get(locale__language_code="nl")
    home_en = HomePage.objects.get(locale__language_code="en")

    assert not model.can_create_at(home)
    assert not model.can_create_at(home_en)
    second = model(
        title="Tweede", slug="tweede", summary="Nog een.", locale=home.locale
    )
    if model is AccessibilityStatementPage:
        second.contact_email = "a@example.test"
    with pytest.raises(ValidationError):
        home.add_child(instance=second)


def test_a_language_without_a_statement_may_get_one(demo_site):
    PrivacyStatementPage.objects.get(locale__language_code="en").delete()
    home_en = HomePage.objects.get(locale=Locale.objects.get(language_code="en"))

    assert PrivacyStatementPage.can_create_at(home_en)


def test_statements_are_found_by_site_search(client, demo_site):
    html = client.get("/en/zoeken/", {"q": "Gravatar"}).content.decode()
    results = html[html.index('class="search-results"') : html.index("</ol>")]
    assert 'href="/en/privacy/"' in results


@pytest.fixture
def admin_client(client, user_factory):
    client.force_login(user_factory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", [AccessibilityStatementPage, PrivacyStatementPage])
def test_editors_edit_the_statements_in_wagtail(admin_client, demo_site, model):
    page = model.objects.get(locale__language_code="nl")

    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")

    assert response.status_code == 200
    assert 'name="summary"' in response.content.decode()


def test_editors_cannot_publish_a_privacy_statement_without_summary(
    admin_client, demo_site
):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    page = PrivacyStatementPage.objects.get(locale__language_code="nl")
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": "",
            "rights": "",
            "body": streamfield([]),
            "last_reviewed": "2026-11-22",
            "action-publish": "action-publish",
        }
    )

    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)

    assert response.status_code == 200  # the form again, with the error
    assert "summary" in response.context["form"].errors
    page.refresh_from_db()
    assert page.summary.startswith("We vragen alleen")


def test_no_second_statement_can_be_added_in_the_admin(admin_client, demo_site):
    home = HomePage.objects.get(locale__language_code="nl")

    response = admin_client.get(
        f"/admin/pages/add/pages/privacystatementpage/{home.pk}/"
    )

    assert response.status_code in (302, 403)
    assert not PrivacyStatementPage.objects.filter(locale__language_code="nl").exclude(
        slug="privacy"
    )


def test_site_settings_choosers_in_the_admin_offer_only_statements(
    admin_client, demo_site
):
    site = Site.objects.get(is_default_site=True)

    html = admin_client.get(f"/admin/settings/pages/sitesettings/{site.pk}/").content

    assert b"pages.accessibilitystatementpage" in html
    assert b"pages.privacystatementpage" in html
