"""One world for the access matrix, built once per module: the demo content of
`make run` (seed_demo) plus the few records it lacks, and the people who must not
get in. Built inside one transaction that is rolled back at the end, so the rest of
the suite never sees it; each test still runs in its own savepoint (the `db` fixture).
"""

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client, RequestFactory
from django.test.utils import override_settings
from django.utils import timezone

from wagtail.models import Page

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from complaints.models import AtwExtraDay, Case, CaseAttachment
from complaints.permissions import case_link_token
from councils import meetings as council_meetings
from councils.models import (
    AdvicePage,
    AdviceRequest,
    AgendaItem,
    CouncilMember,
    CouncilPage,
    CouncilYearReportPage,
    Meeting,
    Promise,
    Vacancy,
)
from councils.models import Application as CouncilApplication
from councils.models import Theme as CouncilTheme
from experience_experts.models import (
    AllowanceLimits,
    Application,
    Assignment,
    Booking,
    ConflictDeclaration,
    ExpertProfile,
    ProcurementRound,
    WorkLog,
)
from inspraak.accounts.models import User
from inspraak.organisations.models import Membership, Organisation, Role
from inspraak.privacy.models import DataRequest
from participation.live.models import LiveSession
from participation.models import ConsultationPage, Contribution, FeedbackItem
from participation.themes.models import SuggestedTheme, ThemeInput
from tests.factories import IdentityProviderFactory

# The kinds of person who must not get in, in the order of the matrix's columns.
PERSONS = (
    "anonymous",
    "young_person",
    "other_organisation",
    "handler_other_municipality",
    "handler_without_totp",
    "other_expert",
    "council_member",
)

QUIET_MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}


@dataclass
class World:
    """The records the matrix's URLs point at; all of Gemeente Voorstad unless named."""

    persons: dict[str, User | None] = field(default_factory=dict)
    objects: dict[str, object] = field(default_factory=dict)
    private_root: str = ""
    public_root: str = ""
    # Each signed-in person's session key, made once (see `sign_in`).
    sessions: dict[str, str] = field(default_factory=dict)

    def client(self, person: str) -> Client:
        """A test client signed in as `person` (anonymous: not signed in)."""
        client = Client(raise_request_exception=False)
        if self.sessions.get(person):
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[person]
        return client

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def _person(email: str, name: str, *, staff=False, memberships=()) -> User:
    user = User.objects.create_user(
        email=email, password=secrets.token_urlsafe(), display_name=name
    )
    user.is_staff = staff
    user.save(update_fields=["is_staff"])
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for organisation, role in memberships:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def sign_in(user) -> str:
    """A session for `user`, as after allauth's sign-in: with the code of their
    authenticator app when they have one (complaints.access asks for it)."""
    client = Client()
    client.force_login(user)
    if user.authenticator_set.filter(type=Authenticator.Type.TOTP).exists():
        session = client.session
        request = RequestFactory().get("/")
        request.session = session
        record_authentication(request, user, "mfa", type="totp")
        session.save()
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _build() -> World:
    org = {o.slug: o for o in Organisation.objects.all()}
    voorstad, noorddorp = org["gemeente-voorstad"], org["gemeente-noorddorp"]
    users = {u.email: u for u in User.objects.all()}
    w = World()
    o = w.objects

    # People ---------------------------------------------------------------------
    filer = _person("indiener@matrix.test", "Indiener")
    noorddorp_staff = _person(
        "staf@noorddorp.test",
        "Staf Noorddorp",
        staff=True,
        memberships=[
            (noorddorp, role)
            for role in (
                Role.ADMIN,
                Role.POLICY,
                Role.PROCUREMENT,
                Role.ADVICE_RESPONDER,
                Role.MODERATOR,
            )
        ],
    )
    handler_without_totp = _person(
        "klachten2@voorstad.test",
        "Nieuwe behandelaar Voorstad",
        staff=True,
        memberships=[(voorstad, Role.CASE_HANDLER)],
    )
    w.persons = {
        "anonymous": None,
        "young_person": users["jongere@inspraak.test"],
        "other_organisation": noorddorp_staff,
        "handler_other_municipality": users["klachten@noorddorp.test"],
        "handler_without_totp": handler_without_totp,
        # Lina asks for the records of Sam (ervaringsdeskundige@).
        "other_expert": users["lina@inspraak.test"],
        "council_member": users["raadslid@jongerenraad.test"],
    }
    assert not handler_without_totp.authenticator_set.exists()
    assert (
        users["klachten@noorddorp.test"].authenticator_set.filter(type="totp").exists()
    )

    # Complaints: a case of Voorstad filed by someone outside the matrix ------------
    case = Case.objects.create(
        reference="KL-MATRIX-1",
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        organisation=voorstad,
        received_on=timezone.localdate() - timedelta(days=3),
        access_nonce=secrets.token_urlsafe(16),
        filed_by=filer,
        name="Indiener",
        grounds="Niemand belde terug.",
    )
    o["case"] = case
    o["attachment"] = CaseAttachment.objects.create(
        case=case,
        file=ContentFile(b"%PDF-1.4 matrix\n", name="brief.pdf"),
        original_name="brief.pdf",
    )
    # A link from before the nonce changed (or of another case): it must open nothing.
    o["stale_case_token"] = signing.dumps(
        {"c": case.pk, "n": "old-nonce"}, salt="complaints.case-link"
    )
    assert case_link_token(case) != o["stale_case_token"]

    # Councils ----------------------------------------------------------------------
    youth = CouncilPage.objects.get(
        slug="jongerenraad-voorstad", locale__language_code="nl"
    )
    o["council"] = youth
    assert (
        CouncilMember.objects.get(council=youth, user=w.persons["council_member"]).role
        == CouncilMember.Role.MEMBER
    )
    o["draft_advice"] = (
        AdvicePage.objects.child_of(youth).filter(live=False).order_by("pk").first()
    )
    o["published_advice"] = (
        AdvicePage.objects.child_of(youth).live().order_by("pk").first()
    )
    o["advice_request"] = AdviceRequest.objects.filter(council=youth).first()
    # Members and recruitment (councils/demo_recruitment.py): the member's own term,
    # the open vacancy and the application that waits.
    o["council_membership"] = CouncilMember.objects.get(
        council=youth, user=w.persons["council_member"]
    )
    o["council_term_end"] = o["council_membership"].ends_on
    o["vacancy"] = Vacancy.objects.filter(council=youth, is_open=True).first()
    o["council_application"] = CouncilApplication.objects.filter(
        vacancy__council=youth, status=CouncilApplication.Status.NEW
    ).first()
    # The demo's published yearly account, and a draft one that only the council
    # sees.
    o["year_report"] = CouncilYearReportPage.objects.child_of(youth).live().first()
    o["draft_year_report"] = youth.add_child(
        instance=CouncilYearReportPage(
            title="Jaarverslag 2020 (concept)",
            slug="jaarverslag-2020",
            year=2020,
            intro="<p>Nog niet klaar.</p>",
            live=False,
        )
    )
    o["draft_year_report"].save_revision()
    # Submitted by the member, waiting in the adoption workflow for the chair.
    submitted = AdvicePage.objects.get(slug="jongerenwerker-in-elke-wijk")
    o["submitted_advice"] = submitted
    o["adoption_task"] = submitted.current_workflow_task_state
    # Adopted by Voorstad; its demo promises (councils/demo_promises.py).
    answered = AdvicePage.objects.get(slug="jongeren-praten-mee-over-inkoop")
    o["answered_advice"] = answered
    o["open_promise"] = Promise.objects.filter(
        advice=answered, state=Promise.State.OPEN
    ).first()

    # Meetings (councils/demo_meetings.py): a public one with a members-only item, one
    # for members only, and a held one whose minutes are for members only.
    chair = users["voorzitter@jongerenraad.test"]
    meeting = Meeting.objects.filter(council=youth, is_public=True).upcoming().first()
    o["meeting"] = meeting
    o["members_only_item"] = AgendaItem.objects.filter(
        meeting=meeting, members_only=True
    ).first()
    starts = timezone.now() + timedelta(days=20)
    o["private_meeting"] = council_meetings.plan_meeting(
        youth,
        chair,
        title="Besloten vergadering Matrix",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Stadhuis",
        is_public=False,
        agenda=[],
    )
    held = Meeting.objects.filter(council=youth).held().first()
    o["held_meeting"] = council_meetings.add_minutes(
        held,
        chair,
        upload=ContentFile(b"%PDF-1.4 notulen", name="notulen.pdf"),
        public=False,
    )

    # Participation -----------------------------------------------------------------
    consultation = ConsultationPage.objects.filter(organisation=voorstad).first()
    o["consultation"] = consultation
    o["contribution"] = Contribution.objects.filter(
        consultation__organisation=voorstad
    ).first()
    o["feedback_item"] = FeedbackItem.objects.filter(
        consultation__organisation=voorstad
    ).first()
    o["live_session"] = LiveSession.objects.filter(
        consultation__organisation=voorstad
    ).first()
    # A suggested theme holding one contribution (participation/themes).
    o["suggested_theme"] = SuggestedTheme.objects.create(
        consultation=o["contribution"].consultation, name="Wachten op hulp"
    )
    o["theme_input"] = ThemeInput.objects.create(
        theme=o["suggested_theme"], contribution=o["contribution"], closeness=0.5
    )
    # Sign-in through an organisation (inspraak.signin): Voorstad's provider, active,
    # at an address where nothing answers.
    o["identity_provider"] = IdentityProviderFactory(
        organisation=voorstad,
        slug="voorstad-account",
        name="Voorstad-account",
        email_domains="voorstad.test",
    )
    o["ended_live_session"] = LiveSession.objects.filter(
        consultation__organisation=voorstad, state=LiveSession.State.ENDED
    ).first()

    # Experience experts: Sam's records -----------------------------------------------
    sam = users["ervaringsdeskundige@inspraak.test"]
    o["expert"] = sam
    o["profile"] = ExpertProfile.objects.get(user=sam)
    o["other_profile"] = ExpertProfile.objects.get(user=w.persons["other_expert"])
    booking = Booking.objects.filter(
        expert=sam, assignment__organisation=voorstad
    ).first()
    o["booking"] = booking
    o["assignment"] = booking.assignment
    o["draft_assignment"] = Assignment.objects.filter(
        organisation=voorstad, state=Assignment.State.DRAFT
    ).first()
    o["application"] = Application.objects.filter(
        assignment__organisation=voorstad, expert=sam
    ).first()
    o["work_log"] = WorkLog.objects.filter(booking__expert=sam).first()
    o["declaration"] = ConflictDeclaration.objects.exclude(
        expert=w.persons["other_expert"]
    ).first()
    o["procurement_round"] = ProcurementRound.objects.first()

    # Shared records the admin shows: a theme, the allowance limits, a day off.
    o["theme"] = CouncilTheme.objects.first()
    o["allowance_limits"] = AllowanceLimits.objects.first()
    o["extra_day"] = AtwExtraDay.objects.first() or AtwExtraDay.objects.create(
        day=timezone.localdate().replace(month=12, day=24), reason="Kerstavond"
    )
    o["data_request"] = DataRequest.objects.create(
        user=sam, account_number=sam.pk, kind=DataRequest.Kind.values[0]
    )
    o["home_page"] = Page.objects.filter(depth=2).first()
    for name, value in o.items():
        assert value is not None, f"the world lacks {name}"
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo world plus the matrix's own records; rolled back after the module."""
    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(
                DEBUG=True,  # seed_demo refuses to run without it
                MAILERS=QUIET_MAILERS,
                MEDIA_ROOT=str(media / "public"),
                PRIVATE_MEDIA_ROOT=str(media / "private"),
            ):
                call_command("seed_demo", "--quiet")
                built = _build()
                built.sessions = {
                    person: sign_in(user)
                    for person, user in built.persons.items()
                    if user is not None
                }
            built.private_root = str(media / "private")
            built.public_root = str(media / "public")
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()
