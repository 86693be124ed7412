"""Hostile values on every path: every form our pages show (found by signing in as
the people who use them and reading the HTML), every GET parameter our views read
(found by watching request.GET) and every path argument get boundary and hostile
values, and not one may end in a server error.

A new URL with path arguments fails this test until PATH_ARGUMENTS says where to
find a real value for them; a new form or parameter is found without any change."""

import logging
import time
from urllib.parse import quote, urlencode, urlsplit

from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.urls import path as url_path
from django.utils import timezone

from wagtail.models import Page

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator

from complaints.models import Case, CaseAttachment
from complaints.permissions import case_link_token
from complaints.route import QUESTIONS
from complaints.views.handling import ACTIONS
from councils.models import (
    AdvicePage,
    AdviceRequest,
    CouncilMember,
    CouncilPage,
    CouncilYearReportPage,
    Meeting,
    Promise,
    Vacancy,
)
from councils.models import Application as CouncilApplication
from experience_experts.models import (
    Application,
    Assignment,
    Booking,
    ConflictDeclaration,
    ExpertProfile,
    ProcurementRound,
    WorkLog,
)
from inspraak.accounts.consent import consent_token
from inspraak.accounts.models import ParentalConsent, User
from inspraak.notifications.tokens import make_token
from inspraak.organisations.models import Organisation
from inspraak.signin.models import IdentityProvider
from participation.demo import OPEN_SLUG
from participation.live.models import LiveSession
from participation.models import (
    ConsultationPage,
    Contribution,
    FeedbackItem,
    FeedbackSubscription,
)
from participation.themes import editing
from participation.themes.models import SuggestedTheme, ThemeInput

from .fuzzing import (
    HOSTILE,
    HOSTILE_CHOICES,
    Sender,
    hostile_files,
    our_routes,
    parse_forms,
    recording_get_reads,
    route_name,
    shown,
)

pytestmark = pytest.mark.django_db

# The people who sign in, least rights first: a form is fuzzed as the first person
# who is shown it.
PEOPLE = [
    ("anonymous", None),
    ("young person", "jongere@inspraak.test"),
    ("expert", "ervaringsdeskundige@inspraak.test"),
    ("policy officer", "beleid@voorstad.test"),
    ("case handler", "klachten@voorstad.test"),
    ("council chair", "voorzitter@jongerenraad.test"),
    ("superuser", "beheer@inspraak.test"),
]
MAX_INSTANCES = 2  # real values per route (and pages per page type)
PROBE = "fuzz-probe"  # makes `request.GET or None` bind the filter forms


def _one_per(queryset, field, limit: int = MAX_INSTANCES) -> list:
    """One row per value of `field` (a name or a function): a booking per status."""
    rows, seen = [], set()
    for row in queryset.order_by("pk"):
        key = field(row) if callable(field) else getattr(row, field)
        if key not in seen:
            seen.add(key)
            rows.append(row)
    return rows[:limit]


def _guest_case() -> Case:
    return Case.objects.filter(filed_by=None).order_by("pk").first()


def _own_case() -> Case:
    return Case.objects.exclude(filed_by=None).order_by("pk").first()


def _handled_cases() -> list[Case]:
    return _one_per(
        Case.objects.filter(organisation__slug="gemeente-voorstad"), "status"
    )


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _meetings() -> list[dict]:
    """An upcoming and a held meeting (the held one takes minutes)."""
    now = timezone.now()
    return [
        {"meeting_id": m.pk}
        for m in _one_per(Meeting.objects.all(), lambda m: m.ends_at < now)
    ]


# Where a real value for each route's path arguments comes from. A route with
# arguments that is missing here fails the test: say how to find one.
PATH_ARGUMENTS = {
    "sitemap_section": lambda: [{"section": "pages"}],
    "parental_consent": lambda: [
        {"token": consent_token(c)} for c in ParentalConsent.objects.all()[:1]
    ],
    "account_confirm_email": lambda: [
        {"key": EmailConfirmationHMAC(EmailAddress.objects.order_by("pk")[0]).key}
    ],
    "account_reset_password_from_key": lambda: [
        {
            "uidb36": user_pk_to_url_str(_user("jongere@inspraak.test")),
            "key": default_token_generator.make_token(_user("jongere@inspraak.test")),
        }
    ],
    "councils:answer": lambda: [
        {"advice_id": a.pk}
        for a in _one_per(AdvicePage.objects.with_status(), "status")
    ],
    "councils:follow_up": lambda: [
        {"advice_id": a.pk}
        for a in _one_per(AdvicePage.objects.with_status(), "status")
    ],
    "councils:ask_advice": lambda: [
        {"council_id": c.pk} for c in CouncilPage.objects.order_by("pk")[:2]
    ],
    "councils:request": lambda: [
        {"request_id": r.pk} for r in _one_per(AdviceRequest.objects.all(), "status")
    ],
    "councils:council_feed_rss": lambda: [
        {"council_id": CouncilPage.objects.order_by("pk")[0].pk}
    ],
    "councils:council_feed_atom": lambda: [
        {"council_id": CouncilPage.objects.order_by("pk")[0].pk}
    ],
    "councils:open_requests": lambda: [
        {"council_id": c.pk} for c in CouncilPage.objects.order_by("pk")[:2]
    ],
    # The demo's adopted advice has its promises; the others are refused.
    "councils:promises": lambda: (
        [
            {"advice_id": a.pk}
            for a in _one_per(AdvicePage.objects.with_status(), "status")
        ]
        + [{"advice_id": p.advice_id} for p in Promise.objects.order_by("pk")[:1]]
    ),
    "councils:promise_edit": lambda: [
        {"promise_id": p.pk} for p in _one_per(Promise.objects.all(), "state")
    ],
    "councils:promise_progress": lambda: [
        {"promise_id": p.pk} for p in _one_per(Promise.objects.all(), "state")
    ],
    "councils:follow_advice": lambda: [
        {"advice_id": a.pk} for a in AdvicePage.objects.live().order_by("pk")[:1]
    ],
    "councils:members": lambda: [
        {"council_id": c.pk} for c in CouncilPage.objects.order_by("pk")[:2]
    ],
    "councils:extend_term": lambda: [
        {"member_id": m.pk} for m in CouncilMember.objects.order_by("pk")[:2]
    ],
    "councils:vacancy": lambda: [
        {"vacancy_id": v.pk} for v in _one_per(Vacancy.objects.all(), "is_open")
    ],
    "councils:vacancy_new": lambda: [
        {"council_id": c.pk} for c in CouncilPage.objects.order_by("pk")[:2]
    ],
    "councils:vacancy_edit": lambda: [
        {"vacancy_id": v.pk} for v in Vacancy.objects.order_by("pk")[:1]
    ],
    "councils:applications": lambda: [
        {"council_id": c.pk} for c in CouncilPage.objects.order_by("pk")[:2]
    ],
    "councils:application": lambda: [
        {"application_id": a.pk}
        for a in _one_per(CouncilApplication.objects.all(), "status")
    ],
    **{
        name: lambda: [
            {"council_id": c.pk} for c in CouncilPage.objects.order_by("pk")[:2]
        ]
        for name in (
            "councils:meetings",
            "councils:meetings_ics",
            "councils:meeting_new",
        )
    },
    **dict.fromkeys(
        (
            "councils:meeting",
            "councils:meeting_ics",
            "councils:meeting_edit",
            "councils:meeting_minutes",
            "councils:meeting_minutes_file",
        ),
        _meetings,
    ),
    "councils:year_report_pdf": lambda: [
        {"page_id": p.pk} for p in CouncilYearReportPage.objects.order_by("pk")[:2]
    ],
    "councils:year_report_new": lambda: [
        {"council_id": c.pk} for c in CouncilPage.objects.order_by("pk")[:2]
    ],
    "complaints:question": lambda: [{"step": q.slug} for q in QUESTIONS],
    "complaints:file": lambda: [{"kind": kind} for kind in Case.Kind.values],
    "complaints:filed": lambda: [{"reference": _own_case().reference}],
    "complaints:verify": lambda: [{"token": case_link_token(_guest_case())}],
    "complaints:case": lambda: [{"reference": _own_case().reference}],
    "complaints:attachment": lambda: [
        {"reference": a.case.reference, "attachment_id": a.pk}
        for a in CaseAttachment.objects.filter(case=_own_case())[:1]
    ],
    "complaints:case_download": lambda: [{"reference": _own_case().reference}],
    "complaints:guest_case": lambda: [{"token": case_link_token(_guest_case())}],
    "complaints:guest_case_download": lambda: [
        {"token": case_link_token(_guest_case())}
    ],
    "complaints:guest_attachment": lambda: [
        {"token": case_link_token(a.case), "attachment_id": a.pk}
        for a in CaseAttachment.objects.filter(case=_guest_case())[:1]
    ],
    "complaints:handle": lambda: [{"reference": c.reference} for c in _handled_cases()],
    "complaints:handle_action": lambda: [
        {"reference": _handled_cases()[0].reference, "action": action}
        for action in ACTIONS
    ],
    "experience_experts:assignment": lambda: _assignments(),
    "experience_experts:assignment_edit": lambda: _assignments(),
    "experience_experts:assignment_state": lambda: _assignments(),
    "experience_experts:apply": lambda: _assignments(),
    "experience_experts:withdraw": lambda: _assignments(),
    "experience_experts:candidates": lambda: _assignments(),
    "experience_experts:outcome": lambda: _assignments(),
    "experience_experts:invite": lambda: [
        {"pk": a["pk"], "profile_pk": ExpertProfile.objects.order_by("pk")[0].pk}
        for a in _assignments()[:1]
    ],
    "experience_experts:applicant": lambda: _applications(),
    "experience_experts:book": lambda: _applications(),
    "experience_experts:booking": lambda: _bookings(),
    "experience_experts:confirm": lambda: _bookings(),
    "experience_experts:decline": lambda: _bookings(),
    "experience_experts:cancel": lambda: _bookings(),
    "experience_experts:log_hours": lambda: _bookings(),
    "experience_experts:rate": lambda: _bookings(),
    "experience_experts:booking_statement": lambda: _bookings(),
    "experience_experts:invoice": lambda: _bookings(),
    "experience_experts:approve_hours": lambda: _work_logs(),
    "experience_experts:return_hours": lambda: _work_logs(),
    "experience_experts:year_statement": lambda: [{"year": timezone.localdate().year}],
    "experience_experts:declaration_sign": lambda: [
        {"round_pk": r.pk} for r in ProcurementRound.objects.order_by("pk")[:2]
    ],
    "experience_experts:declaration": lambda: [
        {"pk": d.pk} for d in _one_per(ConflictDeclaration.objects.all(), "decision")
    ],
    "experience_experts:calendar_feed": lambda: [
        {"token": p.calendar_token} for p in ExpertProfile.objects.order_by("pk")[:1]
    ],
    "participation:contribute": lambda: _consultations(),
    "participation:subscribe": lambda: _consultations(),
    "participation:publish_feedback": lambda: _consultations(),
    "participation:support": lambda: _contributions(),
    "participation:report": lambda: _contributions(),
    "participation:hide": lambda: _contributions(),
    "participation:restore": lambda: _contributions(),
    "participation:dismiss": lambda: _contributions(),
    "participation:unsubscribe": lambda: [
        {"token": s.token} for s in FeedbackSubscription.objects.order_by("pk")[:1]
    ],
    "participation:sources": lambda: [
        {"item_id": i.pk} for i in FeedbackItem.objects.order_by("pk")[:2]
    ],
    "participation:themes:workspace": lambda: _consultations(),
    "participation:themes:start": lambda: _consultations(),
    "participation:themes:progress": lambda: _consultations(),
    "participation:themes:change": lambda: _themes(),
    "participation:themes:write": lambda: _themes(),
    "participation:themes:move": lambda: [
        {"input_id": i.pk} for i in ThemeInput.objects.order_by("pk")[:1]
    ],
    "participation:themes:report": lambda: _consultations(),
    "participation:themes:report_pdf": lambda: _consultations(),
    "participation:themes:contributions_csv": lambda: _consultations(),
    "signin:digid": lambda: [
        {"slug": p.slug}
        for p in IdentityProvider.objects.filter(kind=IdentityProvider.Kind.DIGID)
    ],
    "signin_provider_login": lambda: [
        {"provider_id": p.slug} for p in IdentityProvider.objects.order_by("pk")
    ],
    "openid_connect_login": lambda: [
        {"provider_id": p.slug} for p in IdentityProvider.objects.order_by("pk")
    ],
    "openid_connect_callback": lambda: [
        {"provider_id": p.slug} for p in IdentityProvider.objects.order_by("pk")
    ],
    "live:session": lambda: _live_sessions(),
    "live:results": lambda: _live_sessions(),
    "live:moderator": lambda: _live_sessions(),
    "live:projector": lambda: _live_sessions(),
    "live:export": lambda: _live_sessions(),
    "notifications:preferences_by_link": lambda: [
        {"token": make_token(_user("jongere@inspraak.test"))}
    ],
    "notifications:unsubscribe": lambda: [
        {"token": make_token(_user("jongere@inspraak.test"))}
    ],
}


def _assignments():
    return [{"pk": a.pk} for a in _one_per(Assignment.objects.all(), "state")]


def _applications():
    return [
        {"pk": a.assignment_id, "application_pk": a.pk}
        for a in _one_per(Application.objects.all(), "status", 2)
    ]


def _bookings():
    return [{"pk": b.pk} for b in _one_per(Booking.objects.all(), "status")]


def _work_logs():
    return [{"pk": w.pk} for w in _one_per(WorkLog.objects.all(), "status", 2)]


def _consultations():
    return [
        {"consultation_id": c.pk}
        for c in _one_per(ConsultationPage.objects.live(), lambda c: c.phase_at())
    ]


def _contributions():
    return [
        {"contribution_id": c.pk}
        for c in _one_per(Contribution.objects, lambda c: c.hidden_at is None, 2)
    ]


def _themes():
    return [
        {"theme_id": t.pk} for t in _one_per(SuggestedTheme.objects.all(), "status")
    ]


def _live_sessions():
    return [{"code": s.code} for s in _one_per(LiveSession.objects.all(), "state", 2)]


def _add_to_world():
    """What the demo lacks for a path argument: an attachment on a filer's and a
    guest's case, a feedback subscription. The superuser gets an authenticator app
    so that case pages open for them."""
    for case in (_own_case(), _guest_case()):
        CaseAttachment.objects.create(
            case=case,
            file=ContentFile(b"%PDF-1.4", name="brief.pdf"),
            original_name="brief.pdf",
        )
    FeedbackSubscription.objects.get_or_create(
        consultation=ConsultationPage.objects.live().order_by("pk")[0],
        email="volger@example.org",
        defaults={"consent_given_at": timezone.now()},
    )
    # Themes in the input of Voorstad's open consultation: one accepted (its "we
    # did" form), one suggested, so that every form of the workspace is shown.
    consultation = ConsultationPage.objects.live().get(
        slug=OPEN_SLUG, locale__language_code="nl"
    )
    contributions = list(consultation.contributions.order_by("pk"))
    accepted = SuggestedTheme.objects.create(consultation=consultation, name="Wachten")
    editing.accept(accepted, name="Wachten", by=None)
    suggested = SuggestedTheme.objects.create(consultation=consultation, name="Appen")
    for number, contribution in enumerate(contributions):
        ThemeInput.objects.create(
            theme=accepted if number % 2 else suggested,
            contribution=contribution,
            closeness=0.5,
        )
    # Sign-in through an organisation: Voorstad's staff provider and its DigiD
    # broker (for parents' consent too), at an address where nothing answers, so
    # that the login page, the discovery form and the DigiD buttons are shown.
    voorstad = Organisation.objects.get(slug="gemeente-voorstad")
    for kind, slug in (
        (IdentityProvider.Kind.STAFF, "voorstad-account"),
        (IdentityProvider.Kind.DIGID, "voorstad-digid"),
    ):
        IdentityProvider.objects.create(
            organisation=voorstad,
            kind=kind,
            slug=slug,
            name=slug,
            issuer="http://127.0.0.1:9/",
            client_id="inspraak",
            client_secret="geheim",
            email_domains="voorstad.test"
            if kind == IdentityProvider.Kind.STAFF
            else "",
            adult_consent=kind == IdentityProvider.Kind.DIGID,
            is_active=True,
        )
    superuser = _user("beheer@inspraak.test")
    Authenticator.objects.create(
        user=superuser, type=Authenticator.Type.TOTP, data={"secret": "fuzz"}
    )


def _clients() -> dict[str, Client]:
    """A signed-in client per person, with a second factor in the session (case
    pages ask for one)."""
    clients = {}
    for label, email in PEOPLE:
        client = Client()
        if email:
            user = _user(email)
            client.force_login(user)
            session = client.session
            request = RequestFactory().get("/")
            request.session = session
            record_authentication(request, user, "mfa", type="totp")
            session.save()
        clients[label] = client
    return clients


def _pages() -> list[str]:
    """A few live pages of each page type (forms on pages post to our views)."""
    by_type: dict[int, list[str]] = {}
    for page in Page.objects.live().filter(depth__gt=1).order_by("path"):
        urls = by_type.setdefault(page.content_type_id, [])
        if len(urls) < MAX_INSTANCES and page.url:
            urls.append(page.url)
    return [url for urls in by_type.values() for url in urls]


def _with_value(path: str, route, kwarg: str, value: str) -> str | None:
    """`path` with one path argument replaced by `value`, or None when the route
    would not match it (an int converter and a word, a value with a slash)."""
    match = resolve(urlsplit(path).path)
    for marker in ("7777777777", "7777", "fuzzmarker"):
        try:
            raw = reverse(route.name, kwargs={**match.kwargs, kwarg: marker})
            break
        except NoReverseMatch:
            continue
    else:
        return None
    try:
        if resolve(raw.replace(marker, value)).view_name != route.name:
            return None
    except Resolver404:
        return None
    return raw.replace(marker, quote(value, safe=""))


def _walk(routes, clients, sender, reads):
    """GET every route (with real path arguments) and a few pages as every person:
    the forms they are shown, the GET parameters the views read."""
    targets = [
        (route.name, reverse(route.name, kwargs=kwargs))
        for route in routes
        if not route.kwargs or route.name in PATH_ARGUMENTS
        for kwargs in (PATH_ARGUMENTS[route.name]() if route.kwargs else [{}])[
            :MAX_INSTANCES
        ]
    ] + [("page", url) for url in _pages()]
    ours = {route.name for route in routes} | {"page"}
    found = {"forms": {}, "params": {}, "seen_by": {}, "post_only": set()}
    for name, path in targets:
        for label, _email in PEOPLE:
            reads.clear()
            response = sender.check(
                clients[label],
                "get",
                f"{path}?{PROBE}=1",
                where=f"GET {name}",
                person=label,
                target="page",
                value="-",
            )
            if response is None:
                continue
            if response.status_code == 405:
                found["post_only"].add(name)
                break
            for key in reads - {PROBE}:
                found["params"].setdefault((name, key), (label, path))
            best = found["seen_by"].get(name)
            if best is None or (best[2] != 200 and response.status_code == 200):
                found["seen_by"][name] = (label, path, response.status_code)
            if response.status_code != 200 or "html" not in response.get(
                "Content-Type", ""
            ):
                continue
            for form in parse_forms(response.content.decode(), path):
                action = route_name(form.action)
                if urlsplit(form.action).netloc not in ("", "testserver"):
                    continue
                action = "page" if action == "wagtail_serve" else action
                if action not in ours:
                    continue  # Django's language switch
                if form.method == "get":
                    for key in form.fields:
                        found["params"].setdefault(
                            (action, key), (label, urlsplit(form.action).path)
                        )
                else:
                    key = (action, tuple(sorted(form.fields)))
                    found["forms"].setdefault(key, (label, form))
    return found


def _fuzz_forms(forms, clients, sender) -> int:
    """Each value in each field, the other fields as the page filled them. A field
    name is fuzzed once per route (the steps of a case share their forms)."""
    done = set()
    for (action, _fields), (label, form) in forms.items():
        client = clients[label]
        sender.check(
            client,
            "post",
            form.action,
            form.defaults,
            multipart=form.multipart,
            where=f"POST {action}",
            person=label,
            target="defaults",
            value="-",
        )
        for name in form.fields:
            if (action, name) in done:
                continue
            done.add((action, name))
            is_file = name in form.files
            if is_file:
                values = hostile_files()
            elif name in form.chosen or name in form.buttons:
                values = HOSTILE_CHOICES
            else:
                values = HOSTILE
            for index, value in enumerate(values):
                data = dict(form.defaults)
                if is_file:
                    value = hostile_files()[index]  # a fresh, unread file
                    data[name] = value
                else:
                    data[name] = [value]
                sender.check(
                    client,
                    "post",
                    form.action,
                    data,
                    multipart=form.multipart or is_file,
                    where=f"POST {action}",
                    person=label,
                    target=f"field {name}",
                    value=shown(value),
                )
    return len(done)


def _fuzz_params(params, clients, sender):
    for (name, key), (label, path) in params.items():
        for value in HOSTILE:
            sender.check(
                clients[label],
                "get",
                f"{path}?{urlencode({key: value})}",
                where=f"GET {name}",
                person=label,
                target=f"?{key}",
                value=shown(value),
            )


def _fuzz_path_arguments(routes, found, clients, sender) -> int:
    """Each value in each path argument the route's converter lets through (huge
    ids, negative or absurd words), as the person who could open the real one."""
    count = 0
    for route in routes:
        if not route.kwargs or route.name not in found["seen_by"]:
            continue
        label, path, _status = found["seen_by"][route.name]
        method = "post" if route.name in found["post_only"] else "get"
        for kwarg in route.kwargs:
            count += 1
            for value in HOSTILE:
                fuzzed = _with_value(path, route, kwarg, value)
                if fuzzed is None:
                    continue
                sender.check(
                    clients[label],
                    method,
                    fuzzed,
                    {},
                    where=f"{method.upper()} {route.name}",
                    person=label,
                    target=f"<{kwarg}>",
                    value=shown(value),
                )
    return count


def test_no_hostile_value_gives_a_server_error(demo_site, monkeypatch):
    started = time.monotonic()
    # Each server error is collected; the log would print every traceback twice.
    monkeypatch.setattr(logging.getLogger("django.request"), "disabled", True)
    _add_to_world()
    clients = _clients()
    routes = list(our_routes())
    unclassified = sorted(
        r.name for r in routes if r.kwargs and r.name not in PATH_ARGUMENTS
    )
    with Sender() as sender:
        with recording_get_reads(monkeypatch) as reads:
            found = _walk(routes, clients, sender, reads)
        walked = sender.sent
        fields = _fuzz_forms(found["forms"], clients, sender)
        _fuzz_params(found["params"], clients, sender)
        path_arguments = _fuzz_path_arguments(routes, found, clients, sender)

    print(
        f"\nfuzz: {len(routes)} routes and pages, {walked} page loads by "
        f"{len(PEOPLE)} people; {len(found['forms'])} forms with {fields} fields, "
        f"{len(found['params'])} GET parameters, {path_arguments} path arguments; "
        f"{sender.sent} requests in {time.monotonic() - started:.0f} s"
    )
    problems = []
    if unclassified:
        problems.append(
            "Routes with path arguments that PATH_ARGUMENTS does not know: "
            + ", ".join(unclassified)
        )
    if sender.failures:
        problems.append(sender.report())
    assert not problems, "\n\n".join(problems)


# The fuzzer itself, on a small view with the kind of bug it is there to find.

TOY_PAGE = """<form method="post" action="">
<input type="hidden" name="csrfmiddlewaretoken" value="x">
<input name="amount" value="3"><select name="size"><option value="">-</option>
<option value="s">S</option></select><textarea name="note"></textarea>
<button name="save">Save</button></form>"""


def _toy(request):
    if request.method == "POST":
        int(request.POST["amount"])  # the bug: "NaN" is no number
    request.GET.get("page")
    "sort" in request.GET  # noqa: B015 - a read all the same
    return HttpResponse(TOY_PAGE)


urlpatterns = [url_path("toy/", _toy)]


@pytest.mark.urls(__name__)
def test_the_fuzzer_finds_forms_parameters_and_server_errors(client, monkeypatch):
    with recording_get_reads(monkeypatch) as reads:
        page = client.get("/toy/?fuzz-probe=1")
    [form] = parse_forms(page.content.decode(), "/toy/")
    assert (form.defaults["amount"], form.defaults["size"]) == (["3"], ["s"])
    assert form.fields == ["amount", "size", "note", "save"]
    assert reads == {"page", "sort"}

    with Sender() as sender:
        for value in HOSTILE:
            sender.check(
                client,
                "post",
                form.action,
                {**form.defaults, "amount": [value]},
                where="POST toy",
                person="anonymous",
                target="field amount",
                value=shown(value),
            )
    assert "'NaN'" in {failure.value for failure in sender.failures}
    assert "ValueError: invalid literal for int()" in sender.report()
