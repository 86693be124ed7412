from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csp import csp_override
from django.views.i18n import JavaScriptCatalog

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from inspraak.accounts import views as account_views
from inspraak.core import views as core_views
from inspraak.pages import admin_views as page_admin_views
from inspraak.pages import sitemaps
from inspraak.pages import views as page_views
from inspraak.signin import views as signin_views

# allauth's rate limits answer with this page, which says how long to wait.
handler429 = account_views.too_many_requests

# Wagtail's admin runs inline scripts: its views get the looser ADMIN_CSP (Django's
# csp_override); the public site keeps the strict SECURE_CSP.
admin_urlpatterns = decorate_urlpatterns(
    [
        # Two Wagtail screens that name pages without the page policy, served scoped
        # (same addresses, so Wagtail's own URL names lead here).
        path(
            "admin/choose-page/chosen-multiple/",
            require_admin_access(page_admin_views.ScopedChosenMultipleView.as_view()),
        ),
        path(
            "admin/reports/page-types-usage/",
            require_admin_access(
                page_admin_views.ScopedPageTypesUsageReportView.as_view()
            ),
        ),
        path(
            "admin/reports/page-types-usage/results/",
            require_admin_access(
                page_admin_views.ScopedPageTypesUsageReportView.as_view(
                    results_only=True
                )
            ),
        ),
        path("admin/", include(wagtailadmin_urls)),
    ],
    csp_override(settings.ADMIN_CSP),
)

urlpatterns = [
    path("health/", core_views.health, name="health"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    # The live public pages: an index of sitemap pages of 1,000 URLs (site/pages).
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap_section"),
    *admin_urlpatterns,
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/afgemeld/", signin_views.signed_out, name="signed_out"),
    # allauth's start of an OpenID Connect sign-in, with a message when the
    # provider is down (in both languages, before allauth's own).
    path(
        "accounts/oidc/<str:provider_id>/login/",
        signin_views.provider_login,
        name="signin_provider_login",
    ),
]

# Everything a visitor reads: Dutch without a prefix, English under /en/.
urlpatterns += i18n_patterns(
    path("start/", core_views.start, name="start"),
    path("accounts/profile/", account_views.profile, name="account_profile"),
    path("accounts/toestemming/", account_views.consent_status, name="account_consent"),
    path(
        "toestemming/<str:token>/",
        account_views.parental_consent,
        name="parental_consent",
    ),
    path("mijn-gegevens/", include("inspraak.privacy.urls")),
    path("accounts/inloggen/", include("inspraak.signin.urls")),
    path(
        "accounts/oidc/<str:provider_id>/login/",
        signin_views.provider_login,
        name="signin_provider_login",
    ),
    path("accounts/", include("allauth.urls")),
    path("zoeken/", page_views.search, name="search"),
    path("raden/", include("councils.urls")),
    path("klachten/", include("complaints.urls")),
    path("ervaringsdeskundigen/", include("experience_experts.urls")),
    path("doe-mee/", include("participation.urls")),
    # The live client's texts (djangojs domain), in the language of the page.
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["participation.live"]),
        name="javascript-catalog",
    ),
    path("live/", include("participation.live.urls")),
    path("", include("inspraak.notifications.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# OpenID Connect answers at one address in every language: a provider accepts only
# the redirect URIs registered with it (inspraak.signin). Listed after the
# language patterns so that reversing the names gives this address.
urlpatterns += [
    path("accounts/", include("allauth.socialaccount.providers.openid_connect.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = (
        static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
    )
