"""Two-step verification wherever case data is (complaints.access): whoever can see
cases of others gets no page, file, download or admin view of a complaints model
without a second factor used in this session; a plain filer keeps their own case.
The walk over every URL makes sure a new one cannot slip past."""

import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from complaints.access import PUBLIC_URL_NAMES, model_of_view
from complaints.flows.attachments import add_attachment
from complaints.flows.filing import file_case
from complaints.models import AtwExtraDay, Case, CaseAccessLog
from complaints.permissions import case_link_token
from complaints.route import QUESTIONS
from inspraak.organisations.models import Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 the letter about Sam\n%%EOF\n"
SECRET = "JBSWY3DPEHPK3PXP"
# allauth refuses a code twice; another secret keeps the two tests apart.
OTHER_SECRET = "KRUGS4ZANFZSAYJAORSXG5BA"


@pytest.fixture
def municipality(organisation_factory):
    return organisation_factory()


def complaint(organisation, user):
    case = file_case(
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        data={"organisation": organisation, "name": "Sam", "conduct_description": "x"},
        user=user,
    )
    add_attachment(case, SimpleUploadedFile("brief.pdf", PDF), user=user)
    return case


@pytest.fixture
def filer(user_factory):
    return user_factory()


@pytest.fixture
def case(municipality, filer):
    return complaint(municipality, filer)


def file_urls(case):
    attachment = case.attachments.get()
    return {
        "attachment": reverse(
            "complaints:attachment", args=[case.reference, attachment.pk]
        ),
        "download": reverse("complaints:case_download", args=[case.reference]),
    }


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture(params=["handler", "confidential_adviser", "superuser"])
def person(request, membership_factory, user_factory, municipality):
    """Each kind of person who sees cases of others, with the case they can open:
    a handler of the organisation; an adviser who filed it for someone; a
    superuser who also handles cases there."""
    if request.param == "handler":
        user = membership_factory(
            organisation=municipality, role=Role.CASE_HANDLER
        ).user
        return user, complaint(municipality, user_factory())
    if request.param == "confidential_adviser":
        user = membership_factory(role=Role.CONFIDENTIAL_ADVISER).user
        return user, complaint(municipality, user)
    user = user_factory(is_staff=True, is_superuser=True)
    membership_factory(user=user, organisation=municipality, role=Role.CASE_HANDLER)
    return user, complaint(municipality, user_factory())


def test_without_an_authenticator_app_no_file_and_no_download(client, person):
    user, case = person
    client.force_login(user)
    logged = CaseAccessLog.objects.count()
    with translation.override("en"):
        for url in file_urls(case).values():
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"] == reverse("mfa_index")
            assert PDF not in body(response)
        page = client.get(reverse("mfa_index"))
    assert CaseAccessLog.objects.count() == logged
    shown = " ".join(str(message) for message in page.context["messages"])
    assert "switch on two-step verification" in shown


def test_with_the_app_used_at_sign_in_they_get_the_file(
    client, sign_in, with_totp, person
):
    user, case = person
    sign_in(with_totp(user))
    assert body(client.get(file_urls(case)["attachment"])) == PDF
    download = client.get(file_urls(case)["download"])
    # The archive is for the filer only (AVG art. 15); the adviser filed this one.
    assert download.status_code == (200 if case.filed_by_id == user.pk else 404)


def test_with_the_app_but_a_password_only_session_they_confirm_the_code_first(
    client, settings, filer, case, membership_factory, municipality
):
    """For example after signing in through an admin's own login page."""
    settings.MFA_TOTP_TOLERANCE = 1  # the code below stays valid for a whole period
    handler = membership_factory(organisation=municipality, role=Role.CASE_HANDLER).user
    TOTP.activate(handler, SECRET)
    client.force_login(handler)
    url = file_urls(case)["attachment"]

    refused = client.get(url)
    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("mfa_reauthenticate"))
    assert PDF not in body(refused)

    code = format_hotp_value(hotp_value(SECRET, int(time.time()) // 30))
    confirmed = client.post(refused["Location"], {"code": code})
    assert confirmed["Location"] == url
    assert body(client.get(url)) == PDF


def test_signing_in_with_the_code_opens_the_cases(
    client, settings, case, membership_factory, municipality
):
    settings.MFA_TOTP_TOLERANCE = 1
    handler = membership_factory(organisation=municipality, role=Role.CASE_HANDLER).user
    TOTP.activate(handler, OTHER_SECRET)
    login = client.post(
        "/accounts/login/", {"login": handler.email, "password": PASSWORD}
    )
    assert login["Location"] == reverse("mfa_authenticate")
    code = format_hotp_value(hotp_value(OTHER_SECRET, int(time.time()) // 30))
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert body(client.get(file_urls(case)["attachment"])) == PDF
    assert client.get(reverse("complaints:queue")).status_code == 200


def test_a_filer_without_the_app_keeps_their_own_case(client, filer, case):
    client.force_login(filer)
    page = client.get(reverse("complaints:case", args=[case.reference]))
    assert page.status_code == 200
    assert body(client.get(file_urls(case)["attachment"])) == PDF
    assert client.get(file_urls(case)["download"]).status_code == 200


def test_a_superuser_without_the_app_stays_out_of_the_complaints_admin(
    client, sign_in, with_totp, user_factory
):
    admin = user_factory(is_staff=True, is_superuser=True)
    holiday = AtwExtraDay.objects.create(day="2026-05-15", reason="KB 2025")
    urls = [
        "/admin/snippets/complaints/atwextraday/",
        f"/admin/snippets/complaints/atwextraday/edit/{holiday.pk}/",
    ]
    client.force_login(admin)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse(
            "mfa_index"
        ), url
    # The rest of the admin holds no case data and stays open (docs/architecture.md).
    assert client.get("/admin/snippets/organisations/organisation/").status_code == 200

    sign_in(with_totp(admin))
    for url in urls:
        assert client.get(url).status_code == 200, url


# Every URL ------------------------------------------------------------------


def _walk(resolver, namespaces=()):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            )
            yield from _walk(pattern, inner)
        else:
            yield namespaces, pattern


def case_data_urls():
    """(name, view model) of every URL in the complaints namespace and every view
    of a complaints model, from the URL configuration itself."""
    found = []
    for namespaces, pattern in _walk(get_resolver()):
        model = model_of_view(pattern.callback)
        in_namespace = namespaces[:1] == ("complaints",)
        if in_namespace or (
            model is not None and model._meta.app_label == "complaints"
        ):
            assert pattern.name, f"{pattern.pattern} has no name to walk it by"
            found.append((":".join((*namespaces, pattern.name)), pattern, model))
    return found


def test_no_url_gives_case_data_to_someone_without_a_second_factor(
    client, user_factory, membership_factory, municipality, case
):
    """As a handler of the case's organisation who is also a superuser (so the
    admin lets them in), without an authenticator app: every URL that is not one
    of complaints.access.PUBLIC_URL_NAMES answers without a 200."""
    handler = user_factory(is_staff=True, is_superuser=True)
    membership_factory(user=handler, organisation=municipality, role=Role.CASE_HANDLER)
    holiday = AtwExtraDay.objects.create(day="2026-05-15", reason="KB 2025")
    objects = {Case: case, AtwExtraDay: holiday}
    client.force_login(handler)

    walked = set()
    for name, pattern, model in case_data_urls():
        values = {
            "reference": case.reference,
            "attachment_id": case.attachments.get().pk,
            "token": case_link_token(case),
            "action": "take",
            "step": QUESTIONS[0].slug,
            "kind": case.kind,
        }
        if model is not None:
            values["pk"] = objects[model].pk
        params = list(pattern.pattern.regex.groupindex)
        missing = [param for param in params if param not in values]
        assert not missing, f"{name}: give the walk a value for {missing}"
        url = reverse(name, kwargs={param: values[param] for param in params})
        walked.add(name)
        public = name.startswith("complaints:") and (
            name.removeprefix("complaints:") in PUBLIC_URL_NAMES
        )
        methods = ("get", "post") if name.startswith("complaints:") else ("get",)
        for method in methods:
            response = getattr(client, method)(url)
            content = body(response)
            if public:
                assert case.reference.encode() not in content, url
            else:
                assert response.status_code != 200, f"{method} {url} gave case data"
                assert PDF not in content
    assert {
        "complaints:handle",
        "complaints:attachment",
        "complaints:case_download",
        "complaints:guest_attachment",
        "wagtailsnippets_complaints_atwextraday:list",
    } <= walked
    assert not CaseAccessLog.objects.filter(user=handler).exists()
    case.refresh_from_db()
    assert case.handler_id is None  # "take" did not run
