"""The access matrix: every named URL of the site against every kind of person who
must not get in, with the outcome each must get.

The URLs come from the URL configuration itself (`get_resolver()`, i18n patterns
included, Dutch without a prefix). Our apps' URLs each have a row in TABLE; Wagtail's,
Django admin's and allauth's own URLs are classified by a namespace rule in RULES,
except the admin URLs that show our models, which have rows too. A URL without a row
or rule, or a row for a URL that no longer exists, fails `test_every_url_is_classified`.

Outcomes: ok (200), login (redirect to a sign-in page), denied (403, or Wagtail's
"no permission" redirect to the admin's home), hidden (404), mfa (redirect to the
two-step verification page), redirect (any other redirect), method (405), invalid
(400 or 422: the form again with its errors), conflict (409: allowed, not now).
POST-only URLs are sent a POST without a CSRF token (the test client's default).
People with an authenticator app are signed in as allauth does after their code.
"""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.urls import reverse

from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

import pytest

from councils.models import CouncilYearReportPage, Meeting, Promise, PromiseProgress
from participation.themes.models import SuggestedTheme, ThemeRun
from tests.security.urls import walk
from tests.security.world import PERSONS, World

OK, LOGIN, DENIED, HIDDEN, MFA, REDIRECT, METHOD, INVALID, CONFLICT = (
    "ok",
    "login",
    "denied",
    "hidden",
    "mfa",
    "redirect",
    "method",
    "invalid",
    "conflict",
)
SKIP = None  # a cell the rule does not check (Wagtail's own permissions decide)

# Short names for the columns, used in the rows below.
ANON, YOUNG, OTHER_ORG, OTHER_HANDLER, NO_TOTP, OTHER_EXPERT, MEMBER = PERSONS


@dataclass(frozen=True)
class Row:
    """One URL: its kwargs from the world and the outcome per person."""

    kwargs: Callable[[World], dict | list] | None  # a list for positional groups
    expect: dict[str, str | None]
    method: str = "get"
    data: Callable[[World], dict] | None = None
    # What must still hold after the request (the status alone does not prove it):
    # returns a description of the harm done, or None.
    harm: Callable[[World], str | None] | None = None
    # Text of a record of Voorstad that a page let through ("ok") must not show.
    secret: Callable[[World], str] | None = None


def row(
    kwargs=None, default=OK, *, post=False, data=None, harm=None, secret=None, **cells
) -> Row:
    """A row whose persons all get `default`, except those named in `cells`."""
    unknown = set(cells) - set(PERSONS)
    assert not unknown, unknown
    expect = {person: cells.get(person, default) for person in PERSONS}
    return Row(kwargs, expect, "post" if post else "get", data, harm, secret)


def public(kwargs=None, **cells) -> Row:
    return row(kwargs, OK, **cells)


def private(kwargs=None, default=HIDDEN, *, post=False, data=None, **cells) -> Row:
    """Signed-in only: the anonymous visitor goes to the sign-in page."""
    return row(kwargs, default, post=post, data=data, **{ANON: LOGIN, **cells})


def own(kwargs=None, *, post=False, secret=None, **cells) -> Row:
    """A page about the signed-in person themself: each person sees their own."""
    return row(kwargs, OK, post=post, secret=secret, **{ANON: LOGIN, **cells})


# The persons holding an account without access to Wagtail's admin.
NOT_STAFF = (YOUNG, OTHER_EXPERT)


def admin_row(
    kwargs,
    *,
    staff=DENIED,
    member=DENIED,
    post=False,
    data=None,
    harm=None,
    secret=None,
    **cells,
) -> Row:
    """A Wagtail admin URL showing one of our records of Gemeente Voorstad. Noorddorp's
    staff and the council member have admin access (`staff`, `member`); complaint
    handlers and people without a role do not, and go to the admin's sign-in."""
    return row(
        kwargs,
        staff,
        post=post,
        data=data,
        harm=harm,
        secret=secret,
        **{
            ANON: LOGIN,
            MEMBER: member,
            **dict.fromkeys((*NOT_STAFF, OTHER_HANDLER, NO_TOTP), LOGIN),
            **cells,
        },
    )


def django_admin_row(kwargs=None) -> Row:
    """Django's admin: the staff flag lets people in, a model permission to a list."""
    return row(
        kwargs,
        DENIED,
        **{ANON: LOGIN, **dict.fromkeys((YOUNG, OTHER_EXPERT, MEMBER), LOGIN)},
    )


def snippet_rows(
    namespace: str,
    pk: Callable[[World], int],
    *,
    lists=(DENIED, DENIED),
    add=(DENIED, DENIED),
    record=(DENIED, DENIED),
    secret=None,
    **cells,
) -> dict:
    """Rows for every admin view of a snippet, chooser or model viewset of ours, on
    one record of Voorstad (or a shared one). Each pair is (Noorddorp's staff, the
    council member): on the lists, the form for a new one, and the record's views.
    A list let through must not show `secret`."""
    rows = {}
    for name, named in all_named().items():
        if not name.startswith(f"{namespace}:"):
            continue
        kwargs = None
        if named.params:
            staff, member = record
            kwargs = _same_pk(named.params, pk)
        elif name.split(":")[-1] in ("add", "create"):
            staff, member = add
        else:
            staff, member = lists
        rows[name] = admin_row(
            kwargs, staff=staff, member=member, secret=secret, **cells
        )
    return rows


def _same_pk(params, pk):
    return lambda w: dict.fromkeys(params, pk(w))


def django_admin_rows(model: str, pk: Callable[[World], int]) -> dict:
    """Django's admin views of one of our models: staff get in, lists refuse."""
    rows = {}
    for name, named in all_named().items():
        if not name.startswith(f"admin:{model}_"):
            continue
        kwargs = _same_pk(named.params, pk) if named.params else None
        rows[name] = django_admin_row(kwargs)
    return rows


# Enumerating the URL configuration -------------------------------------------------


@dataclass(frozen=True)
class Named:
    name: str
    route: str
    params: tuple[str, ...]
    module: str
    positional: int = 0  # unnamed groups (a regex route), passed as args
    model_app: str = ""  # the app of the model an admin view shows, if any


def named_urls():
    """Every named URL pattern, with its namespace, route and parameter names."""
    for entry in walk():
        if entry.name is None:
            continue
        regex = entry.pattern.pattern.regex
        callback = entry.pattern.callback
        groups = tuple(regex.groupindex)
        yield Named(
            entry.name,
            entry.route,
            groups,
            getattr(callback, "__module__", ""),
            regex.groups - len(groups),
            _model_app(callback),
        )


def _model_app(view) -> str:
    """The app label of the model a Wagtail viewset or Django admin view shows."""
    model = getattr(view, "view_initkwargs", {}).get("model")
    if model is None and getattr(view, "model_admin", None) is not None:
        model = view.model_admin.model
    if isinstance(model, str):
        model = apps.get_model(model)
    return model._meta.app_label if model is not None else ""


@functools.cache
def our_apps() -> set[str]:
    """The labels of the project's own apps (not those installed from packages)."""
    root = str(settings.BASE_DIR)
    return {
        config.label
        for config in apps.get_app_configs()
        if config.path.startswith(root) and "site-packages" not in config.path
    }


@functools.cache
def all_named() -> dict[str, Named]:
    found = {}
    for named in named_urls():
        found.setdefault(named.name, named)  # the first one is the one reverse() finds
    return found


# Forged or stale links: a token is the key, and these open nothing.
BAD_TOKEN = "eyJ4IjoxfQ:1xXzPw:forged-signature"


def _theme_changed(w) -> str | None:
    theme = SuggestedTheme.objects.filter(pk=w.suggested_theme.pk).first()
    if theme is None or theme.is_accepted or theme.name != "Wachten op hulp":
        return "the theme was changed"
    return None


def _term_extended(w) -> str | None:
    w.council_membership.refresh_from_db()
    if w.council_membership.ends_on != w.council_term_end:
        return "the term was extended"
    return None


def _application_decided(w) -> str | None:
    w.council_application.refresh_from_db()
    if w.council_application.status != w.council_application.Status.NEW:
        return "the application was decided"
    return None


def _year(w):
    return {"year": date.today().year}


def _path(page) -> str:
    """The page's path below the site root, as wagtail_serve takes it."""
    return page.specific.get_url_parts()[2].lstrip("/")


def _publish_form(page) -> dict:
    """The advice's own edit form, sent with Wagtail's "Publish" button."""
    page = page.specific
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "kind": page.kind,
            "addressee": page.addressee_id,
            "summary": page.summary,
            "body": streamfield(
                [("paragraph", rich_text("<p>Dit advies is klaar.</p>"))]
            ),
            "attachments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def _year_report_form(page) -> dict:
    """The yearly account's edit form, sent with Wagtail's "Publish" button."""
    page = page.specific
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "year": page.year,
            "intro": rich_text("<p>Gepubliceerd?</p>"),
            "body": streamfield([]),
            "action-publish": "action-publish",
        }
    )


def _year_report_made(w, year: int) -> str | None:
    made = CouncilYearReportPage.objects.child_of(w.council).filter(year=year)
    return "a yearly account was made" if made.exists() else None


def _published(page) -> str | None:
    page.refresh_from_db()
    return f"the {page._meta.verbose_name} was published" if page.live else None


def _promise_form(w) -> dict:
    return {"text": "Iets anders.", "visible_by": date.today().isoformat()}


def _promises_changed(w) -> str | None:
    promise = Promise.objects.get(pk=w.open_promise.pk)
    if promise.text == "Iets anders." or promise.state != Promise.State.OPEN:
        return "the promise was changed"
    if PromiseProgress.objects.filter(promise=promise, text="Klaar.").exists():
        return "progress was reported"
    if Promise.objects.filter(text="Iets anders.").exists():
        return "a promise was added"
    return None


TABLE: dict[str, Row] = {
    # Site-wide ------------------------------------------------------------------
    "health": public(),
    "robots_txt": public(),
    "favicon": row(None, REDIRECT),
    "javascript-catalog": public(),
    "sitemap": public(),
    "sitemap_section": public(lambda w: {"section": "pages"}),
    "search": public(),
    "set_language": row(None, REDIRECT),
    "account_profile": own(),
    # The start page lists only the person's own things: never Voorstad's case (the
    # Voorstad handler without a second factor this session sees no case either).
    "start": own(secret=lambda w: w.case.reference),
    # Sign-in through an organisation's identity provider (inspraak.signin).
    "signin:discovery": public(),
    # Only an active DigiD provider; Voorstad's staff provider is no DigiD.
    "signin:digid": row(
        lambda w: {"slug": w.identity_provider.slug}, HIDDEN, post=True
    ),
    "signed_out": public(),
    "openid_connect_login": row(lambda w: {"provider_id": "geen-aanbieder"}, HIDDEN),
    "signin_provider_login": row(lambda w: {"provider_id": "geen-aanbieder"}, HIDDEN),
    "openid_connect_callback": row(lambda w: {"provider_id": "geen-aanbieder"}, HIDDEN),
    "socialaccount_connections": own(),
    "socialaccount_login_cancelled": public(),
    # allauth answers a failed sign-in at a provider with 401 and its error page.
    "socialaccount_login_error": row(None, "status 401"),
    "socialaccount_signup": row(None, LOGIN),
    "account_consent": own(**dict.fromkeys(PERSONS[1:], REDIRECT)),
    "parental_consent": public(
        lambda w: {"token": BAD_TOKEN}, **dict.fromkeys(PERSONS, HIDDEN)
    ),
    "privacy:my_data": own(),
    # Downloading and deleting ask for the password again first.
    "privacy:download": own(**dict.fromkeys(PERSONS[1:], REDIRECT)),
    "privacy:delete": own(**dict.fromkeys(PERSONS[1:], REDIRECT)),
    "privacy:deleted": public(),
    "notifications:preferences": own(),
    "notifications:preferences_by_link": row(lambda w: {"token": BAD_TOKEN}, HIDDEN),
    "notifications:unsubscribe": row(lambda w: {"token": BAD_TOKEN}, HIDDEN),
    # Councils -------------------------------------------------------------------
    "councils:answer": private(lambda w: {"advice_id": w.published_advice.pk}, DENIED),
    # Members of the council write its reaction: the member is one of them.
    # (The advice already has its reaction: the member gets in and is told so.)
    "councils:follow_up": private(
        lambda w: {"advice_id": w.published_advice.pk}, DENIED, **{MEMBER: CONFLICT}
    ),
    # Staff of any organisation may ask any council (Noorddorp's staff too).
    "councils:ask_advice": private(
        lambda w: {"council_id": w.council.pk}, DENIED, **{OTHER_ORG: OK}
    ),
    # Staff of the asking organisation (any role) and the council's members.
    "councils:request": private(
        lambda w: {"request_id": w.advice_request.pk},
        DENIED,
        **{MEMBER: OK, NO_TOTP: OK},
    ),
    "councils:feed_rss": public(),
    "councils:feed_atom": public(),
    "councils:council_feed_rss": public(lambda w: {"council_id": w.council.pk}),
    "councils:council_feed_atom": public(lambda w: {"council_id": w.council.pk}),
    # Public like the council page that lists the first few of them.
    "councils:open_requests": public(lambda w: {"council_id": w.council.pk}),
    "councils:dashboard": private(None, DENIED, **{MEMBER: OK}),
    # Promises: the chair or secretary record them (the member is neither), the
    # addressee's answering staff report progress (Noorddorp's staff answer for
    # Noorddorp, the Voorstad handler has no answering role).
    "councils:promises": private(lambda w: {"advice_id": w.answered_advice.pk}, DENIED),
    "councils:promises[post]": private(
        lambda w: {"advice_id": w.answered_advice.pk},
        DENIED,
        post=True,
        data=_promise_form,
        harm=_promises_changed,
    ),
    "councils:promise_edit": private(
        lambda w: {"promise_id": w.open_promise.pk}, DENIED
    ),
    "councils:promise_edit[post]": private(
        lambda w: {"promise_id": w.open_promise.pk},
        DENIED,
        post=True,
        data=_promise_form,
        harm=_promises_changed,
    ),
    "councils:promise_progress": private(
        lambda w: {"promise_id": w.open_promise.pk}, DENIED
    ),
    "councils:promise_progress[post]": private(
        lambda w: {"promise_id": w.open_promise.pk},
        DENIED,
        post=True,
        data=lambda w: {"text": "Klaar.", "state": "kept"},
        harm=_promises_changed,
    ),
    # Anyone signed in may follow published advice (and back to the advice).
    "councils:follow_advice": row(
        lambda w: {"advice_id": w.published_advice.pk},
        REDIRECT,
        post=True,
        **{ANON: LOGIN},
    ),
    # Members and terms: the council's own members see the page; only the chair or
    # secretary extend a term (the member not even her own). A former member (the
    # young person) is no member.
    "councils:members": private(
        lambda w: {"council_id": w.council.pk}, DENIED, **{MEMBER: OK}
    ),
    "councils:extend_term": private(
        lambda w: {"member_id": w.council_membership.pk},
        DENIED,
        post=True,
        data=lambda w: {
            f"term-{w.council_membership.pk}-ends_on": (
                w.council_term_end + timedelta(days=100)
            ).isoformat()
        },
        harm=lambda w: _term_extended(w),
    ),
    # Recruitment: the vacancy is public; the rest is for the chair, secretary and
    # coach only (a plain member is refused).
    "councils:vacancy": public(lambda w: {"vacancy_id": w.vacancy.pk}),
    "councils:vacancy_new": private(lambda w: {"council_id": w.council.pk}, DENIED),
    "councils:vacancy_edit": private(lambda w: {"vacancy_id": w.vacancy.pk}, DENIED),
    "councils:applications": private(lambda w: {"council_id": w.council.pk}, DENIED),
    "councils:application": private(
        lambda w: {"application_id": w.council_application.pk},
        DENIED,
        post=True,
        data=lambda w: {"action": "accept"},
        harm=lambda w: _application_decided(w),
    ),
    # Meetings: public ones for everyone (members-only agenda items never in a
    # calendar), a meeting for members only for its members, planning for the chair
    # and the secretary only (the member is neither).
    "councils:meetings": public(lambda w: {"council_id": w.council.pk}),
    "councils:meetings_ics": public(
        lambda w: {"council_id": w.council.pk},
        secret=lambda w: w.private_meeting.title,
    ),
    "councils:meeting": public(lambda w: {"meeting_id": w.meeting.pk}),
    "councils:meeting[members only]": row(
        lambda w: {"meeting_id": w.private_meeting.pk},
        DENIED,
        **{ANON: LOGIN, MEMBER: OK},
    ),
    "councils:meeting_ics": public(
        lambda w: {"meeting_id": w.meeting.pk},
        secret=lambda w: w.members_only_item.title,
    ),
    "councils:meeting_ics[members only]": row(
        lambda w: {"meeting_id": w.private_meeting.pk},
        DENIED,
        **{ANON: LOGIN, MEMBER: OK},
    ),
    "councils:meeting_new": private(lambda w: {"council_id": w.council.pk}, DENIED),
    "councils:meeting_edit": private(lambda w: {"meeting_id": w.meeting.pk}, DENIED),
    "councils:meeting_edit[post]": row(
        lambda w: {"meeting_id": w.meeting.pk},
        DENIED,
        post=True,
        data=lambda w: {"title": "Gekaapt", "place": "Elders"},
        harm=lambda w: (
            "the meeting was changed"
            if Meeting.objects.filter(pk=w.meeting.pk, title="Gekaapt").exists()
            else None
        ),
        **{ANON: LOGIN},
    ),
    "councils:meeting_minutes": private(
        lambda w: {"meeting_id": w.held_meeting.pk}, DENIED
    ),
    # The held meeting is public, its minutes for members only.
    "councils:meeting_minutes_file": row(
        lambda w: {"meeting_id": w.held_meeting.pk}, DENIED, **{MEMBER: OK}
    ),
    # The yearly account: its PDF is public once published; a draft's PDF only for
    # the council (the member), hidden from everyone else.
    "councils:year_report_pdf": public(lambda w: {"page_id": w.year_report.pk}),
    "councils:year_report_pdf[draft]": row(
        lambda w: {"page_id": w.draft_year_report.pk}, HIDDEN, **{MEMBER: OK}
    ),
    # Only the chair or the secretary make the draft: a plain member is refused.
    "councils:year_report_new": private(
        lambda w: {"council_id": w.council.pk},
        DENIED,
        post=True,
        data=lambda w: {"year": "2024"},
        harm=lambda w: _year_report_made(w, 2024),
    ),
    "councils:year_report_new[form]": private(
        lambda w: {"council_id": w.council.pk}, DENIED
    ),
    # Complaints: the public side ----------------------------------------------------
    "complaints:start": public(),
    "complaints:question": public(lambda w: {"step": "veiligheid"}),
    # Without answers in the session: back to the first question.
    "complaints:result": row(None, REDIRECT),
    "complaints:file": public(lambda w: {"kind": "objection"}),
    "complaints:figures": public(),
    # Every URL with case data sends a handler without two-step verification to
    # the MFA page first (complaints.access), whose case it is or not.
    "complaints:filed": row(
        lambda w: {"reference": w.case.reference}, HIDDEN, **{NO_TOTP: MFA}
    ),
    "complaints:verify": row(
        lambda w: {"token": w.stale_case_token}, HIDDEN, **{NO_TOTP: MFA}
    ),
    "complaints:case": private(
        lambda w: {"reference": w.case.reference}, **{NO_TOTP: MFA}
    ),
    # A handler opens files only with two-step verification on.
    # (Not signed in: "not found", as for anyone who may not see the case.)
    "complaints:attachment": private(
        lambda w: {"reference": w.case.reference, "attachment_id": w.attachment.pk},
        **{ANON: HIDDEN, NO_TOTP: MFA},
    ),
    "complaints:case_download": private(
        lambda w: {"reference": w.case.reference}, **{NO_TOTP: MFA}
    ),
    "complaints:guest_case": row(
        lambda w: {"token": w.stale_case_token}, HIDDEN, **{NO_TOTP: MFA}
    ),
    "complaints:guest_case_download": row(
        lambda w: {"token": w.stale_case_token}, HIDDEN, **{NO_TOTP: MFA}
    ),
    "complaints:guest_attachment": row(
        lambda w: {"token": w.stale_case_token, "attachment_id": w.attachment.pk},
        HIDDEN,
        **{NO_TOTP: MFA},
    ),
    # Complaints: the handlers' side -------------------------------------------------
    # Noorddorp's handler sees Noorddorp's own queue.
    "complaints:queue": private(None, DENIED, **{OTHER_HANDLER: OK, NO_TOTP: MFA}),
    "complaints:handle": private(
        lambda w: {"reference": w.case.reference},
        DENIED,
        **{OTHER_HANDLER: HIDDEN, NO_TOTP: MFA},
    ),
    "complaints:handle_action": private(
        lambda w: {"reference": w.case.reference, "action": "take"},
        DENIED,
        post=True,
        **{OTHER_HANDLER: HIDDEN, NO_TOTP: MFA},
    ),
    # Experience experts -------------------------------------------------------------
    "experience_experts:home": public(),
    "experience_experts:assignments": public(),
    "experience_experts:profile": own(),
    # Only Lina has a profile of her own to delete.
    "experience_experts:profile_delete": private(None, HIDDEN, **{OTHER_EXPERT: OK}),
    "experience_experts:calendar": private(None, HIDDEN, **{OTHER_EXPERT: OK}),
    "experience_experts:year_statement": private(_year, HIDDEN, **{OTHER_EXPERT: OK}),
    # Noorddorp's staff organise Noorddorp's own assignments.
    "experience_experts:assignment_new": private(None, DENIED, **{OTHER_ORG: OK}),
    "experience_experts:my_assignments": private(None, DENIED, **{OTHER_ORG: OK}),
    "experience_experts:finance_export": private(None, DENIED, **{OTHER_ORG: OK}),
    # Voorstad's draft assignment: only Voorstad's organisers know it exists.
    "experience_experts:assignment": row(
        lambda w: {"pk": w.draft_assignment.pk}, HIDDEN
    ),
    "experience_experts:assignment_edit": private(
        lambda w: {"pk": w.draft_assignment.pk}, DENIED
    ),
    "experience_experts:assignment_state": private(
        lambda w: {"pk": w.draft_assignment.pk}, DENIED, post=True
    ),
    "experience_experts:apply": private(
        lambda w: {"pk": w.draft_assignment.pk},
        HIDDEN,
        post=True,
        data=lambda w: {"motivation": "Ik wil graag meedoen aan deze opdracht."},
    ),
    "experience_experts:withdraw": private(
        lambda w: {"pk": w.application.assignment_id}, HIDDEN, post=True
    ),
    "experience_experts:candidates": private(lambda w: {"pk": w.assignment.pk}, DENIED),
    "experience_experts:invite": private(
        lambda w: {"pk": w.assignment.pk, "profile_pk": w.other_profile.pk},
        DENIED,
        post=True,
    ),
    "experience_experts:applicant": private(
        lambda w: {
            "pk": w.application.assignment_id,
            "application_pk": w.application.pk,
        },
    ),
    "experience_experts:book": private(
        lambda w: {
            "pk": w.application.assignment_id,
            "application_pk": w.application.pk,
        },
        DENIED,
        post=True,
    ),
    "experience_experts:outcome": private(
        lambda w: {"pk": w.assignment.pk}, DENIED, post=True
    ),
    # Sam's booking: nobody else learns it exists.
    "experience_experts:booking": private(lambda w: {"pk": w.booking.pk}),
    "experience_experts:confirm": private(lambda w: {"pk": w.booking.pk}, post=True),
    "experience_experts:decline": private(lambda w: {"pk": w.booking.pk}, post=True),
    "experience_experts:cancel": private(lambda w: {"pk": w.booking.pk}, post=True),
    "experience_experts:log_hours": private(lambda w: {"pk": w.booking.pk}, post=True),
    "experience_experts:rate": private(lambda w: {"pk": w.booking.pk}, post=True),
    "experience_experts:booking_statement": private(lambda w: {"pk": w.booking.pk}),
    "experience_experts:invoice": private(lambda w: {"pk": w.booking.pk}),
    "experience_experts:approve_hours": private(
        lambda w: {"pk": w.work_log.pk}, DENIED, post=True
    ),
    "experience_experts:return_hours": private(
        lambda w: {"pk": w.work_log.pk}, DENIED, post=True
    ),
    # Only an expert invited or booked in the round signs its declaration.
    "experience_experts:declaration_sign": private(
        lambda w: {"round_pk": w.procurement_round.pk}
    ),
    "experience_experts:declaration": private(lambda w: {"pk": w.declaration.pk}),
    "experience_experts:calendar_feed": row(lambda w: {"token": BAD_TOKEN}, HIDDEN),
    # Participation ------------------------------------------------------------------
    # Taking part is public: an empty contribution is refused with the page again.
    "participation:contribute": row(
        lambda w: {"consultation_id": w.consultation.pk}, INVALID, post=True
    ),
    "participation:subscribe": row(
        lambda w: {"consultation_id": w.consultation.pk}, INVALID, post=True
    ),
    "participation:support": row(
        lambda w: {"contribution_id": w.contribution.pk}, REDIRECT, post=True
    ),
    "participation:report": public(lambda w: {"contribution_id": w.contribution.pk}),
    # A page that says the link does not work, naming nobody.
    "participation:unsubscribe": public(lambda w: {"token": BAD_TOKEN}),
    "participation:publish_feedback": private(
        lambda w: {"consultation_id": w.consultation.pk}, DENIED
    ),
    "participation:hide": private(
        lambda w: {"contribution_id": w.contribution.pk}, DENIED
    ),
    "participation:restore": private(
        lambda w: {"contribution_id": w.contribution.pk}, DENIED, post=True
    ),
    "participation:dismiss": private(
        lambda w: {"contribution_id": w.contribution.pk}, DENIED, post=True
    ),
    # Noorddorp's moderator moderates Noorddorp's consultations.
    "participation:moderation": private(None, DENIED, **{OTHER_ORG: OK}),
    # The report of a consultation whose feedback is not published: only Voorstad's
    # organisers preview it; nobody else learns it exists. Its CSV is theirs alone.
    "participation:themes:report": row(
        lambda w: {"consultation_id": w.consultation.pk}, HIDDEN
    ),
    "participation:themes:report_pdf": row(
        lambda w: {"consultation_id": w.consultation.pk}, HIDDEN
    ),
    "participation:themes:contributions_csv": private(
        lambda w: {"consultation_id": w.consultation.pk}, DENIED
    ),
    # The sources of a published "you said, we did" item are public.
    "participation:sources": public(lambda w: {"item_id": w.feedback_item.pk}),
    # The theme workspace: Voorstad's organisers only; nothing changes for the rest.
    "participation:themes:workspace": private(
        lambda w: {"consultation_id": w.consultation.pk}, DENIED
    ),
    "participation:themes:progress": private(
        lambda w: {"consultation_id": w.consultation.pk}, DENIED
    ),
    "participation:themes:start": private(
        lambda w: {"consultation_id": w.consultation.pk},
        DENIED,
        post=True,
        data=lambda w: {"min_themes": 3, "max_themes": 5},
        harm=lambda w: "a run started" if ThemeRun.objects.exists() else None,
    ),
    "participation:themes:change": private(
        lambda w: {"theme_id": w.suggested_theme.pk},
        DENIED,
        post=True,
        data=lambda w: {"action": "accept", "name": "Overgenomen"},
        harm=lambda w: _theme_changed(w),
    ),
    "participation:themes:write": private(
        lambda w: {"theme_id": w.suggested_theme.pk}, DENIED
    ),
    "participation:themes:move": private(
        lambda w: {"input_id": w.theme_input.pk},
        DENIED,
        post=True,
        data=lambda w: {"to": w.suggested_theme.pk},
    ),
    # Live sessions ------------------------------------------------------------------
    "live:join": public(),
    "live:session": public(lambda w: {"code": w.live_session.code}),
    # An ended session's results are public, as on its consultation page.
    "live:results": public(lambda w: {"code": w.ended_live_session.code}),
    # The moderators' pages refuse with a page that explains (and offers sign-in).
    "live:new": row(None, DENIED, **{OTHER_ORG: OK}),
    "live:moderator": row(lambda w: {"code": w.live_session.code}, DENIED),
    "live:projector": row(lambda w: {"code": w.live_session.code}, DENIED),
    "live:export": row(lambda w: {"code": w.live_session.code}, DENIED),
    # Wagtail's admin where it shows our models ----------------------------------------
    # Pages: a council's draft advice (its members edit it) and Voorstad's consultation.
    # Noorddorp's staff edit consultations under the overview in both languages, so
    # the part of the tree they may explore starts at its root: they see the council
    # page, and its list shows none of the council's advice (the page policy).
    "wagtailadmin_explore": admin_row(
        lambda w: {"parent_page_id": w.council.pk}, staff=OK, member=OK
    ),
    "wagtailadmin_pages:edit": admin_row(
        lambda w: {"page_id": w.draft_advice.pk}, member=OK
    ),
    # The consultations' index is shared: every organisation adds its own there.
    "wagtailadmin_pages:add_subpage": admin_row(
        lambda w: {"parent_page_id": w.consultation.get_parent().pk}, staff=REDIRECT
    ),
    "wagtailadmin_pages:add": admin_row(
        lambda w: {
            "content_type_app_name": "participation",
            "content_type_model_name": "consultationpage",
            "parent_page_id": w.consultation.get_parent().pk,
        },
        staff=OK,
    ),
    # Publishing, unpublishing and deleting advice: only the chair or secretary.
    "wagtailadmin_pages:unpublish": admin_row(
        lambda w: {"page_id": w.published_advice.pk}
    ),
    "wagtailadmin_pages:delete": admin_row(
        lambda w: {"page_id": w.published_advice.pk}
    ),
    "wagtailadmin_pages:view_draft": admin_row(
        lambda w: {"page_id": w.draft_advice.pk}, member=OK
    ),
    "wagtailadmin_pages:history": admin_row(lambda w: {"page_id": w.consultation.pk}),
    # Wagtail sends this list to the history page (checked above).
    "wagtailadmin_pages:revisions_index": admin_row(
        lambda w: {"page_id": w.consultation.pk}, staff=REDIRECT, member=REDIRECT
    ),
    # Adopting and publishing advice: the chair or the secretary, never a member.
    # (Wagtail saves a draft instead of publishing for someone without the right,
    # so the row also checks the advice is still not live.)
    "wagtailadmin_pages:edit[publish]": admin_row(
        lambda w: {"page_id": w.draft_advice.pk},
        post=True,
        data=lambda w: _publish_form(w.draft_advice),
        harm=lambda w: _published(w.draft_advice),
        member=REDIRECT,
    ),
    # The yearly account: members edit the draft, only the chair or secretary
    # publish it (a member's "publish" saves a draft).
    "wagtailadmin_pages:edit[publish year report]": admin_row(
        lambda w: {"page_id": w.draft_year_report.pk},
        post=True,
        data=lambda w: _year_report_form(w.draft_year_report),
        harm=lambda w: _published(w.draft_year_report),
        member=REDIRECT,
    ),
    "wagtailadmin_pages:workflow_action": admin_row(
        lambda w: {
            "page_id": w.submitted_advice.pk,
            "action_name": "approve",
            "task_state_id": w.adoption_task.pk,
        },
        post=True,
        harm=lambda w: _published(w.submitted_advice),
    ),
    # The admin API: another organisation's drafts are not found nor listed.
    "wagtailadmin_api:pages:listing": admin_row(
        None,
        staff=OK,
        member=SKIP,  # the member's own council's drafts: theirs to see
        secret=lambda w: w.draft_advice.title,
    ),
    "wagtailadmin_api:pages:detail": admin_row(
        lambda w: {"pk": w.draft_advice.pk}, staff=HIDDEN, member=OK
    ),
    # Our snippets, choosers and model viewsets, on a record of Voorstad (or a shared
    # one). Lists of organisers' records open for Noorddorp's staff with Noorddorp's
    # records only; choosers open for anyone with admin access, in the same scope.
    **snippet_rows(
        "wagtailsnippets_participation_feedbackitem",
        lambda w: w.feedback_item.pk,
        lists=(OK, DENIED),
        add=(OK, DENIED),
        record=(HIDDEN, HIDDEN),
        secret=lambda w: w.feedback_item.heading,
    ),
    **snippet_rows(
        "wagtailsnippetchoosers_participation_feedbackitem",
        lambda w: w.feedback_item.pk,
        lists=(OK, OK),
        add=(OK, DENIED),
        record=(HIDDEN, HIDDEN),
        secret=lambda w: w.feedback_item.heading,
    ),
    **snippet_rows(
        "live_sessions",
        lambda w: w.live_session.pk,
        lists=(OK, DENIED),
        add=(OK, DENIED),
        record=(HIDDEN, HIDDEN),
        secret=lambda w: w.live_session.title,
    ),
    **snippet_rows(
        "wagtailsnippets_experience_experts_procurementround",
        lambda w: w.procurement_round.pk,
    ),
    **snippet_rows(
        "wagtailsnippetchoosers_experience_experts_procurementround",
        lambda w: w.procurement_round.pk,
        lists=(OK, OK),
        record=(HIDDEN, HIDDEN),
        secret=lambda w: w.procurement_round.reference,
    ),
    **snippet_rows(
        "wagtailsnippets_organisations_organisation", lambda w: w.case.organisation_id
    ),
    # Organisations, themes, allowance limits and extra days off are shared: the
    # choosers show them to anyone with admin access; editing them is for
    # administrators only.
    **snippet_rows(
        "wagtailsnippetchoosers_organisations_organisation",
        lambda w: w.case.organisation_id,
        lists=(OK, OK),
        record=(OK, OK),
    ),
    **snippet_rows("wagtailsnippets_councils_theme", lambda w: w.theme.pk),
    **snippet_rows(
        "wagtailsnippetchoosers_councils_theme",
        lambda w: w.theme.pk,
        lists=(OK, OK),
        record=(OK, OK),
    ),
    **snippet_rows(
        "wagtailsnippets_experience_experts_allowancelimits",
        lambda w: w.allowance_limits.pk,
    ),
    **snippet_rows(
        "wagtailsnippetchoosers_experience_experts_allowancelimits",
        lambda w: w.allowance_limits.pk,
        lists=(OK, OK),
        record=(OK, OK),
    ),
    # A complaints model: a handler without two-step verification goes to the MFA
    # page first (complaints.access).
    **snippet_rows(
        "wagtailsnippets_complaints_atwextraday",
        lambda w: w.extra_day.pk,
        **{NO_TOTP: MFA},
    ),
    **snippet_rows(
        "wagtailsnippetchoosers_complaints_atwextraday",
        lambda w: w.extra_day.pk,
        lists=(OK, OK),
        record=(OK, OK),
        **{NO_TOTP: MFA},
    ),
    **snippet_rows("data_requests", lambda w: w.data_request.pk),
    # Wagtail's users admin lists our accounts: superusers only.
    **snippet_rows("wagtailusers_users", lambda w: w.expert.pk),
    # The public site's pages: a draft is served to nobody.
    "wagtail_serve": row(lambda w: [_path(w.draft_advice)], HIDDEN),
    # Django's admin: our models' lists and forms.
    **django_admin_rows("organisations_organisation", lambda w: w.case.organisation_id),
    **django_admin_rows("accounts_user", lambda w: w.expert.pk),
    **django_admin_rows("signin_identityprovider", lambda w: w.identity_provider.pk),
}

# Namespace rules for the URLs of Wagtail, Django's admin and allauth themselves.
# (name pattern, outcome per person, why). The first match wins.
# For the admin's own URLs one person with an account but no admin access (the
# young person) stands for all such people; staff are left to Wagtail's and
# Django's own permissions.
CLOSED = {ANON: LOGIN, YOUNG: LOGIN}
OPEN = {ANON: OK, YOUNG: OK}
NOT_FOUND = {ANON: HIDDEN, YOUNG: HIDDEN}
# allauth's pages for someone who is not signed in; the rest asks to sign in.
ALLAUTH_PUBLIC = (
    "account_login|account_signup|account_confirm_email|account_inactive|"
    "account_email_verification_sent|account_reset_password.*"
)
RULES: list[tuple[str, str, dict, str]] = [
    # (name pattern, view module pattern, outcome per person, why)
    (
        r"^(wagtailadmin_login|wagtailadmin_password_reset.*|wagtailadmin_sprite|"
        r"wagtailadmin_javascript_catalog|wagtailcore_login|admin:login)$",
        r"^(wagtail|django)\.",
        OPEN,
        "the admins' sign-in and password pages and static helpers",
    ),
    (
        r"^(wagtailcore|wagtaildocs)_authenticate_with_password$|^wagtaildocs_serve$",
        r"^wagtail\.",
        NOT_FOUND,
        "Wagtail's password form and documents: no such record (ids of the rule)",
    ),
    (
        r"^admin:logout$",
        r"^django\.",
        {ANON: REDIRECT, YOUNG: REDIRECT},
        "Django's admin logout (a GET only sends people back)",
    ),
    (
        r"^(wagtail|simple_translation:)",
        r"^wagtail\.",
        CLOSED,
        "Wagtail's own admin: closed to visitors and people without admin access",
    ),
    (
        r"^admin:",
        r"^django\.contrib\.|^taggit\.",
        CLOSED,
        "Django's admin: only staff, then model permissions",
    ),
    (
        rf"^({ALLAUTH_PUBLIC})$",
        r"^allauth\.",
        {ANON: OK},
        "allauth's pages for signing in, signing up and resetting a password",
    ),
    (
        r"^account_logout$",
        r"^allauth\.",
        {ANON: REDIRECT},
        "allauth's logout: nobody to sign out",
    ),
    (
        r"^(account_|mfa_)",
        r"^allauth\.",
        {ANON: LOGIN},
        "allauth's account and two-step verification pages: the person's own",
    ),
]


def rule_for(named: Named) -> dict | None:
    """The rule for a URL of Wagtail, Django's admin or allauth; None for a URL of
    ours, admin views of our models included (those need a row)."""
    if named.model_app in our_apps():
        return None
    for name_pattern, module_pattern, expect, _why in RULES:
        if re.search(name_pattern, named.name) and re.search(
            module_pattern, named.module
        ):
            return expect
    return None


@functools.cache
def classification() -> dict[str, Row]:
    """A Row for every named URL: its own row, else one made from its rule."""
    rows = {}
    rows.update(TABLE)
    for name, named in all_named().items():
        if name in TABLE:
            continue
        expect = rule_for(named)
        if expect is not None:
            cells = {person: expect.get(person) for person in PERSONS}
            rows[name] = Row(_dummy_kwargs(named), cells)
    return rows


# The ids of the rules name no record: the world has a view restriction of its own
# (the minutes' collection, councils/meetings.py).
DUMMY = {"app_label": "organisations", "restriction_id": "999999"}


def _dummy_kwargs(named: Named):
    if named.positional:
        return lambda w: ["1"] * named.positional
    if not named.params:
        return None
    return lambda w: {param: DUMMY.get(param, "1") for param in named.params}


# Running one cell ---------------------------------------------------------------


MFA_PAGES = ("mfa_index", "mfa_authenticate", "mfa_reauthenticate")


def outcome(response) -> str:
    status = response.status_code
    if status == 200:
        return OK
    if status in (301, 302, 303, 307, 308):
        path = urlsplit(response["Location"]).path
        if path.rstrip("/").endswith("/login"):
            return LOGIN
        if path in {reverse(name) for name in MFA_PAGES}:
            return MFA
        if path == reverse("wagtailadmin_home"):
            return DENIED  # Wagtail's permission_denied() sends people home
        return REDIRECT
    return {
        400: INVALID,
        403: DENIED,
        404: HIDDEN,
        405: METHOD,
        409: CONFLICT,
        422: INVALID,
    }.get(status, f"status {status}")


def url_of(name: str, spec: Row, world: World) -> str:
    """The URL of a row; `name[variant]` rows use the URL of `name`."""
    found = spec.kwargs(world) if spec.kwargs else None
    base = name.split("[")[0]
    if isinstance(found, list):
        return reverse(base, args=found)
    return reverse(base, kwargs=found)


def _cells():
    rows = classification()
    for name in sorted(rows):
        for person in PERSONS:
            if rows[name].expect[person] is not None:
                yield pytest.param(name, person, id=f"{name}-{person}")


CELLS = list(_cells())


@pytest.fixture
def _private_files_of_the_world(world, settings, _media_in_tmp):
    """Serve the world's stored attachments and documents (the suite points media
    at tmp dirs)."""
    settings.PRIVATE_MEDIA_ROOT = world.private_root
    settings.MEDIA_ROOT = world.public_root


# The world is built for the cells only: the checks of the table below need no
# database, so pytest-django runs them last, after transactional tests have emptied
# it (the demo could not be seeded there).
@pytest.mark.django_db
@pytest.mark.parametrize(("name", "person"), CELLS)
@pytest.mark.usefixtures("_private_files_of_the_world")
def test_cell(world, name, person):
    spec = classification()[name]
    url = url_of(name, spec, world)
    data = spec.data(world) if spec.data else {}
    response = getattr(world.client(person), spec.method)(url, data)
    got, expected = outcome(response), spec.expect[person]
    where = response.get("Location", "")
    assert got == expected, (
        f"{spec.method.upper()} {url} as {person}: got {got} "
        f"({response.status_code} {where}), expected {expected}"
    )
    if spec.secret and got == OK:
        secret = spec.secret(world)
        assert secret not in response.content.decode(errors="replace"), (
            f"GET {url} as {person} shows {secret!r} of Voorstad"
        )
    if spec.harm:
        harm = spec.harm(world)
        assert harm is None, f"{spec.method.upper()} {url} as {person}: {harm}"


def test_every_url_is_classified():
    """A new URL needs a row (our apps) or a rule (Wagtail, Django admin, allauth)."""
    names = all_named()
    missing = sorted(
        name
        for name, named in names.items()
        if name not in TABLE and rule_for(named) is None
    )
    gone = sorted(name for name in TABLE if name.split("[")[0] not in names)
    assert not missing, f"URLs without a row in the access matrix: {missing}"
    assert not gone, f"Rows for URLs that no longer exist: {gone}"


def test_admin_urls_of_our_models_have_rows():
    """The admin URLs that show an organisation's records are never left to a rule."""
    ours = re.compile(
        r"^(live_sessions|data_requests|wagtailsnippets_(participation|organisations|"
        r"experience_experts_procurementround)|wagtailsnippetchoosers_(participation|"
        r"experience_experts_procurementround))"
    )
    for name in all_named():
        if ours.match(name):
            assert name in TABLE, f"{name} shows our records: give it a row"


def test_matrix_size(capsys):
    rows = classification()
    cells = sum(1 for r in rows.values() for v in r.expect.values() if v is not None)
    with capsys.disabled():
        print(
            f"\naccess matrix: {len(rows)} named URLs ({len(TABLE)} with their own "
            f"row) × {len(PERSONS)} persons; {cells} cells checked"
        )
    assert cells == len(CELLS)
