"""Wagtail's admin gets the looser ADMIN_CSP (it runs inline scripts) through
Django's csp_override on its URLs; the public site keeps the strict SECURE_CSP (scripts from our origin or with the
request's nonce)."""

import pytest

pytestmark = pytest.mark.django_db


def script_src(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    return next(part for part in policy.split(";") if "script-src" in part)


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/admin/", "/admin/reports/page-types-usage/"]
)
def test_the_admin_may_run_inline_scripts(client, path):
    assert "'unsafe-inline'" in script_src(client.get(path))


def test_the_public_site_keeps_the_strict_policy(client, demo_site):
    source = script_src(client.get("/"))

    assert "'self'" in source
    assert "'unsafe-inline'" not in source
