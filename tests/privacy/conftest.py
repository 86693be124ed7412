"""A person with data in every app, for the export and deletion tests.

When a new app registers personal data, add a builder here: the export test fails
for a registered model that has no builder. Each builder makes row number `n` of its
models (`add_rows`), so the query-count tests can grow a person to any size."""

from datetime import date, timedelta

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.admin.models import EditingSession, FormState
from wagtail.log_actions import log
from wagtail.models import (
    APIToken,
    Comment,
    CommentReply,
    Page,
    PageSubscription,
    Task,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowState,
)
from wagtail.users.models import UserProfile

import pytest
import wagtail_factories
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount

from inspraak.accounts.consent import start_consent
from inspraak.notifications.models import NotificationPreference, PendingNotification
from inspraak.pages.models import ContentPage
from inspraak.privacy.models import DataRequest
from inspraak.signin.models import Deactivation
from tests.factories import (
    IdentityProviderFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

EMAIL = "quirijn.uniek@example.test"
NAME = "Quirijn Zeldzaamnaam"
PARENT_EMAIL = "ouder.quirijn@example.test"


def _experience_experts(user, organisation, n):
    import datetime
    from decimal import Decimal

    from experience_experts.models import (
        Application,
        Assignment,
        AssignmentOutcome,
        Booking,
        ConflictDeclaration,
        ExpertProfile,
        Invitation,
        ProcurementRound,
        Rating,
        Session,
        WorkLog,
    )

    if n == 0:  # one profile per person
        ExpertProfile.objects.create(
            user=user,
            about="Ik woonde drie jaar in een leefgroep.",
            themes=["residential_care"],
            date_of_birth=datetime.date(2001, 5, 4),
            consent_given_at=timezone.now(),
            invoice_name=NAME,
        )
    procurement_round = ProcurementRound.objects.create(
        organisation=organisation,
        name="Inkoop jeugdhulp 2027",
        reference=f"IJ-2027{_suffix(n)}",
        procedure=ProcurementRound.Procedure.TENDER,
    )
    assignment = Assignment.objects.create(
        organisation=organisation,
        procurement_round=procurement_round,
        title="Beoordelen inschrijvingen",
        description="Lees mee en geef punten.",
        fee_amount=Decimal("5.00"),
        application_deadline=timezone.localdate(),
        created_by=user,
    )
    session = Session.objects.create(
        assignment=assignment,
        date=datetime.date(2025, 3, 4),
        starts_at=datetime.time(10),
        ends_at=datetime.time(12),
    )
    Application.objects.create(assignment=assignment, expert=user, motivation="Ja!")
    Invitation.objects.create(assignment=assignment, expert=user, invited_by=user)
    booking = Booking.objects.create(
        assignment=assignment,
        expert=user,
        booked_by=user,
        pay_mode="volunteer",
        fee_type="hourly",
        fee_amount=Decimal("5.00"),
    )
    ConflictDeclaration.objects.create(
        procurement_round=procurement_round,
        expert=user,
        confidentiality=True,
        no_other_interests=True,
        signed_name=NAME,
        decided_by=user,
    )
    WorkLog.objects.create(
        booking=booking,
        session=session,
        expert=user,
        hours=Decimal("2"),
        amount=Decimal("10.00"),
        decided_by=user,
    )
    AssignmentOutcome.objects.create(
        assignment=assignment, text="We namen het advies over.", written_by=user
    )
    Rating.objects.create(booking=booking, expert=user, stars=4)


def _pages(user, n):
    root = Page.get_first_root_node()
    page = root.add_child(
        instance=ContentPage(
            title="Over de jeugdraad", slug=f"over-de-jeugdraad{_suffix(n)}"
        )
    )
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)
    Page.objects.filter(pk=page.pk).update(
        owner=user, locked=True, locked_by=user, locked_at=timezone.now()
    )
    page.refresh_from_db()
    comment = Comment.objects.create(
        page=page, user=user, text="Kan dit korter?", contentpath="title"
    )
    CommentReply.objects.create(comment=comment, user=user, text="Ja, ik pas het aan.")
    PageSubscription.objects.create(page=page, user=user, comment_notifications=True)
    page_type = ContentType.objects.get_for_model(Page)
    workflow = Workflow.objects.create(name="Vaststellen")
    task = Task.objects.create(name="Akkoord voorzitter")
    state = WorkflowState.objects.create(
        content_type=ContentType.objects.get_for_model(ContentPage),
        base_content_type=page_type,
        object_id=str(page.pk),
        workflow=workflow,
        requested_by=user,
    )
    TaskState.objects.create(
        workflow_state=state,
        revision=revision,
        task=task,
        status="approved",
        finished_by=user,
        finished_at=timezone.now(),
        content_type=ContentType.objects.get_for_model(Task),
    )
    EditingSession.objects.create(
        user=user,
        content_type=page_type,
        object_id=str(page.pk),
        last_seen_at=timezone.now(),
    )
    FormState.objects.create(
        user=user,
        content_type=page_type,
        object_id=str(page.pk),
        data="{}",
        last_updated_at=timezone.now(),
    )
    return page


def _councils(user, organisation, n):
    from councils.models import (
        AdviceAnswer,
        AdviceDispatch,
        AdviceFollower,
        AdvicePage,
        AdviceRequest,
        Application,
        CouncilIndexPage,
        CouncilMember,
        CouncilPage,
        FollowUp,
        Meeting,
        Promise,
        PromiseProgress,
        Vacancy,
    )

    root = Page.get_first_root_node()
    index = root.add_child(
        instance=CouncilIndexPage(title="Raden", slug=f"raden{_suffix(n)}")
    )
    council = index.add_child(
        instance=CouncilPage(
            title="Jongerenraad Voorbeeld",
            slug="jongerenraad-voorbeeld",
            kind="youth",
            organisation=organisation,
            summary="De jongerenraad adviseert de gemeente.",
        )
    )
    CouncilMember.objects.create(council=council, user=user, role="chair")
    request = AdviceRequest.objects.create(
        council=council,
        organisation=organisation,
        question="Hoe maken we wachttijden korter?",
        desired_on=timezone.localdate(),
        requested_by=user,
    )
    advice = council.add_child(
        instance=AdvicePage(
            title="Advies wachttijden",
            slug="advies-wachttijden",
            kind="requested",
            request=request,
            addressee=organisation,
            summary="Korter wachten.",
            body=[],
        )
    )
    today = timezone.localdate()
    AdviceDispatch.objects.create(advice=advice, sent_on=today, answer_due_on=today)
    AdviceAnswer.objects.create(
        advice=advice, verdict="adopted", summary="Overgenomen.", answered_by=user
    )
    FollowUp.objects.create(advice=advice, text="Dank je wel.", written_by=user)
    AdviceFollower.objects.create(advice=advice, user=user)
    vacancy = Vacancy.objects.create(
        council=council,
        title="Word lid",
        looking_for="Jongeren",
        asks="Vier avonden",
        offers="Een vergoeding",
        created_by=user,
    )
    Application.objects.create(
        vacancy=vacancy,
        first_name="Sam",
        email="sam@example.test",
        date_of_birth=date(2010, 1, 1),
        motivation="Ik wil meedoen.",
        user=user,
        decided_by=user,
    )
    start = timezone.now()
    Meeting.objects.create(
        council=council,
        title="Vergadering",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Stadhuis",
        created_by=user,
    )
    promise = Promise.objects.create(
        advice=advice, text="Kortere wachttijd", visible_by=today, recorded_by=user
    )
    PromiseProgress.objects.create(
        promise=promise, text="Begonnen.", state="open", reported_by=user
    )


def _cases(user, organisation, n):
    from complaints.models import (
        Case,
        CaseAccessLog,
        CaseAttachment,
        CaseEvent,
        CaseMessage,
    )
    from complaints.models.cases import next_reference

    case = Case.objects.create(
        reference=next_reference(Case.Kind.MUNICIPAL_COMPLAINT, 2026),
        kind=Case.Kind.MUNICIPAL_COMPLAINT,
        organisation=organisation,
        filed_by=user,
        name=NAME,
        address="Dorpsstraat 1, Voorbeeld",
        grounds="Niemand belde terug.",
        handler=user,
    )
    CaseEvent.objects.create(case=case, status=Case.Status.RECEIVED, by=user)
    CaseMessage.objects.create(case=case, author=user, text="Is er al nieuws?")
    CaseAccessLog.objects.create(case=case, user=user, actor="filer", action="view")
    CaseAttachment.objects.create(
        case=case,
        file=ContentFile(b"brief", name="brief.pdf"),
        original_name="brief.pdf",
    )


def _participation(user, organisation, n):
    from datetime import timedelta

    from participation.models import (
        ConsultationIndexPage,
        ConsultationPage,
        Contribution,
        ContributionReport,
        Support,
    )
    from participation.themes.models import SuggestedTheme, ThemeRun

    root = Page.get_first_root_node()
    index = root.add_child(
        instance=ConsultationIndexPage(
            title="Raadplegingen", slug=f"raadplegingen-p{_suffix(n)}"
        )
    )
    now = timezone.now()
    consultation = index.add_child(
        instance=ConsultationPage(
            title="Praat mee over wachttijden",
            slug="praat-mee-wachttijden",
            organisation=organisation,
            summary="Wat vind jij van wachten op hulp?",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=10),
            feedback_due_on=timezone.localdate() + timedelta(days=40),
        )
    )
    own = Contribution.objects.create(
        consultation=consultation, nickname="Q", user=user, text="Sneller bellen."
    )
    other = Contribution.objects.create(
        consultation=consultation,
        nickname="Sam",
        text="Meer uitleg.",
        hidden_at=now,
        hidden_reason="Persoonlijke gegevens",
        hidden_by=user,
    )
    Support.objects.create(contribution=other, user=user, participant_key="k" * 20)
    ContributionReport.objects.create(contribution=own, user=user, resolved_by=user)
    run = ThemeRun.objects.create(consultation=consultation, started_by=user)
    SuggestedTheme.objects.create(
        consultation=consultation,
        run=run,
        name="Sneller bellen",
        status=SuggestedTheme.Status.ACCEPTED,
        accepted_by=user,
        accepted_at=now,
    )


def build_person_with_data_everywhere(rows: int = 1):
    """The person, with `rows` rows in every model a person can have more of."""
    user = UserFactory(email=EMAIL, display_name=NAME)
    organisation = OrganisationFactory(name="Gemeente Voorbeeld")
    # What a person has once.
    start_consent(user, PARENT_EMAIL)
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "not-exported"}
    )
    Deactivation.objects.create(
        user=user,
        provider=IdentityProviderFactory(organisation=organisation),
    )
    profile = UserProfile.get_for_user(user)
    profile.avatar.save("quirijn.png", ContentFile(b"avatar-bytes"))
    admin = UserFactory(display_name="Beheerder")
    log(instance=user, action="wagtail.edit", user=admin)  # label: the name
    NotificationPreference.objects.create(
        user=user, kind="advice_answered", enabled=True, frequency="daily"
    )
    add_rows(user, organisation, range(rows))
    return user


def add_rows(user, organisation, numbers):
    """Row number n, for each n in `numbers`, of every model a person can have
    more of."""
    for n in numbers:
        if n:  # the first address comes with the account
            EmailAddress.objects.create(user=user, email=f"q{n}.uniek@example.test")
        MembershipFactory(
            user=user, organisation=organisation if n == 0 else OrganisationFactory()
        )
        SocialAccount.objects.create(
            user=user,
            provider=f"voorbeeld-{n}",
            uid=f"sub-{n}",
            extra_data={"userinfo": {"email": EMAIL, "groups": ["klachten"]}},
        )
        _councils(user, organisation, n)
        _cases(user, organisation, n)
        _participation(user, organisation, n)
        _live(user, organisation, n)
        _pages(user, n)
        _experience_experts(user, organisation, n)
        log(instance=organisation, action="wagtail.edit", user=user)
        LogEntry.objects.create(
            user=user,
            content_type=ContentType.objects.get_for_model(organisation),
            object_id=str(organisation.pk),
            object_repr=str(organisation),
            action_flag=ADDITION,
        )
        wagtail_factories.DocumentFactory(
            title=f"Advies over wachttijden{_suffix(n)}", uploaded_by_user=user
        )
        wagtail_factories.ImageFactory(title="Foto bijeenkomst", uploaded_by_user=user)
        UploadedFile.objects.create(
            file=ContentFile(b"half uploaded", name="concept.pdf"),
            for_content_type=ContentType.objects.get_for_model(Page),
            uploaded_by_user=user,
        )
        APIToken.objects.create(
            user=user, name="script", key_hash=f"{n:x>64}", prefix="abc"
        )
        PendingNotification.objects.create(
            user=user,
            kind="advice_answered",
            subject="Advies beantwoord",
            body=f"Hallo {NAME}, de gemeente heeft geantwoord.",
        )
        DataRequest.objects.create(
            user=user, account_number=user.pk, kind=DataRequest.Kind.EXPORT
        )


def _suffix(n) -> str:
    """Nothing for the first row, so the tests find it by its plain name."""
    return f"-{n}" if n else ""


@pytest.fixture
def person(db):
    return build_person_with_data_everywhere()


def _live(user, organisation, n):
    from datetime import timedelta

    from participation.live.models import LiveSession, Participant
    from participation.models import ConsultationIndexPage, ConsultationPage

    root = Page.get_first_root_node()
    index = root.add_child(
        instance=ConsultationIndexPage(
            title="Live", slug=f"raadplegingen-live{_suffix(n)}"
        )
    )
    now = timezone.now()
    consultation = index.add_child(
        instance=ConsultationPage(
            title="Live over wachttijden",
            slug="live-wachttijden",
            organisation=organisation,
            summary="Stel je vraag live.",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=10),
            feedback_due_on=timezone.localdate() + timedelta(days=40),
        )
    )
    session = LiveSession.objects.create(
        consultation=consultation, title="Vragenuur", starts_at=now
    )
    session.moderators.add(user)
    Participant.objects.create(session=session, nickname="Moderator", user=user)
