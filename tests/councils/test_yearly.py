"""The council's yearly account: its figures (the tracker's own counts for the
council and the year), the page and its PDF, who may see a draft, the chair making
the draft, and editing and publishing it in the Wagtail admin."""

import datetime
import re
import subprocess
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Revision, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
import time_machine

from councils.models import (
    AdviceAnswer,
    AdviceDispatch,
    AdvicePage,
    CouncilIndexPage,
    CouncilMember,
    CouncilPage,
    CouncilYearReportPage,
    Meeting,
    Promise,
)
from councils.rules import answer_due_on
from councils.tracker import status_counts, tracker_queryset
from councils.yearly import (
    YearTaken,
    make_year_report,
    summary_sentences,
    year_figures,
)
from councils.yearly_pdf import html_to_text, render_year_report_pdf

pytestmark = pytest.mark.django_db

YEAR = 2025
# "Today" in these tests: the year 2025 has ended, some answers are still due.
TODAY = date(2026, 1, 20)
Verdict = AdviceAnswer.Verdict


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2026, 1, 20, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


@pytest.fixture
def home_index(db):
    """The council overview under the site's home, so the pages have URLs."""
    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(
        instance=CouncilIndexPage(title="Adviesraden", slug="adviesraden")
    )


@pytest.fixture
def make_public_council(home_index, organisation):
    def make(slug="jongerenraad", organisation=organisation):
        return home_index.add_child(
            instance=CouncilPage(
                title=f"Raad {slug}",
                slug=slug,
                kind=CouncilPage.Kind.YOUTH,
                organisation=organisation,
                summary="De raad adviseert over jeugdhulp.",
            )
        )

    return make


@pytest.fixture
def youth(make_public_council):
    return make_public_council()


def sent_advice(council, addressee, slug, sent_on, *, answered_on=None, verdict=None):
    """Published advice sent on `sent_on`, answered on `answered_on` if given."""
    advice = council.add_child(
        instance=AdvicePage(
            title=f"Advies {slug}",
            slug=slug,
            addressee=addressee,
            summary="Een advies.",
            body=[],
        )
    )
    AdviceDispatch.objects.create(
        advice=advice,
        sent_on=sent_on,
        answer_due_on=answer_due_on(sent_on, council.answer_period_weeks),
    )
    if answered_on:
        AdviceAnswer.objects.create(
            advice=advice,
            verdict=verdict,
            summary="Ons antwoord.",
            reasons="" if verdict == Verdict.ADOPTED else "Omdat.",
            answered_on=answered_on,
        )
    return advice


def promise(advice, state, visible_by, settled_on=None):
    return Promise.objects.create(
        advice=advice,
        text="We doen het.",
        state=state,
        visible_by=visible_by,
        settled_on=settled_on,
    )


def meeting(council, local_start: datetime.datetime, *, public=True, title="Overleg"):
    starts = timezone.make_aware(local_start)
    return Meeting.objects.create(
        council=council,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Stadhuis",
        is_public=public,
    )


@pytest.fixture
def busy_year(youth, organisation, make_public_council, make_member):
    """A year of the youth council with every kind of figure, and things on each
    side of its first and last day that must not count."""
    State = Promise.State
    first = sent_advice(
        youth, organisation, "a1", date(2025, 1, 1),
        answered_on=date(2025, 2, 1), verdict=Verdict.ADOPTED,
    )  # fmt: skip
    promise(first, State.KEPT, date(2025, 6, 1), settled_on=date(2025, 7, 1))
    promise(first, State.OPEN, date(2025, 12, 1))  # late: open after its date
    promise(first, State.OPEN, date(2026, 6, 1))  # in progress
    late = sent_advice(
        youth, organisation, "a2", date(2025, 11, 1),
        answered_on=date(2025, 12, 20), verdict=Verdict.PARTLY,
    )  # fmt: skip
    promise(late, State.NOT_KEPT, date(2025, 12, 31), settled_on=date(2026, 1, 5))
    sent_advice(youth, organisation, "a3", date(2025, 6, 1))  # overdue
    sent_advice(
        youth, organisation, "a6", date(2025, 3, 1),
        answered_on=date(2025, 3, 10), verdict=Verdict.NOT_ADOPTED,
    )  # fmt: skip
    sent_advice(youth, organisation, "a8", date(2025, 12, 31))  # awaiting
    # Outside the year, a draft, and another council's advice: none count.
    before = sent_advice(
        youth, organisation, "a4", date(2024, 12, 31),
        answered_on=date(2025, 1, 5), verdict=Verdict.ADOPTED,
    )  # fmt: skip
    promise(before, State.KEPT, date(2025, 3, 1), settled_on=date(2025, 3, 1))
    sent_advice(youth, organisation, "a5", date(2026, 1, 1))
    youth.add_child(
        instance=AdvicePage(
            title="Concept", slug="concept", addressee=organisation,
            summary="Nog niet klaar.", body=[], live=False,
        )
    )  # fmt: skip
    other = make_public_council("ouderraad")
    sent_advice(other, organisation, "a9", date(2025, 5, 1))

    Role = CouncilMember.Role
    make_member(youth, Role.CHAIR, starts_on=date(2024, 1, 1))
    make_member(youth, Role.MEMBER, starts_on=date(2025, 1, 1))  # joined
    make_member(
        youth, Role.MEMBER, starts_on=date(2024, 6, 1), ends_on=date(2025, 12, 31)
    )  # left on the last day: still a member that day
    make_member(
        youth, Role.MEMBER, starts_on=date(2024, 1, 1), ends_on=date(2024, 12, 31)
    )  # left the year before
    make_member(youth, Role.MEMBER, starts_on=date(2026, 1, 1))  # joins next year
    make_member(youth, Role.COACH, starts_on=date(2025, 2, 1))  # supports
    make_member(
        youth, Role.MEMBER, starts_on=date(2025, 4, 1), ends_on=date(2025, 10, 1)
    )  # joined and left

    # Local time (Europe/Amsterdam): 1 January 00:30 is still 31 December in UTC.
    meeting(youth, datetime.datetime(2025, 1, 1, 0, 30), title="Nieuwjaarsoverleg")
    meeting(youth, datetime.datetime(2025, 5, 5, 19, 0), public=False)
    meeting(youth, datetime.datetime(2025, 12, 31, 20, 0), title="Laatste overleg")
    meeting(youth, datetime.datetime(2024, 12, 31, 23, 30))
    meeting(youth, datetime.datetime(2026, 1, 1, 0, 10))
    return youth


def test_figures_count_the_year_exactly(busy_year):
    figures = year_figures(busy_year, YEAR)

    assert (
        figures.advice_sent,
        figures.answered_on_time,
        figures.answered_late,
        figures.overdue,
        figures.awaiting,
    ) == (5, 2, 1, 1, 1)
    assert (figures.adopted, figures.partly_adopted, figures.not_adopted) == (1, 1, 1)
    assert (
        figures.promises_kept,
        figures.promises_late,
        figures.promises_not_kept,
        figures.promises_open,
    ) == (1, 1, 1, 1)
    assert figures.meetings_held == 3
    assert figures.members_at_year_end == 3
    assert figures.supporters_at_year_end == 1
    assert (figures.members_joined, figures.members_left) == (2, 2)
    assert figures.counted_on == TODAY


def test_advice_figures_are_the_trackers(busy_year):
    """The same rows and counts as the tracker filtered on the council and year."""
    figures = year_figures(busy_year, YEAR)
    tracker = status_counts(
        tracker_queryset({"council": busy_year, "year": YEAR}, TODAY)
    )

    assert figures.advice_sent == sum(tracker.values())
    assert figures.answered_late == tracker["answered_late"]
    assert figures.overdue == tracker["overdue"]


def test_a_term_starting_on_1_january_joins_that_year(youth, make_member):
    make_member(youth, starts_on=date(2026, 1, 1))

    assert year_figures(youth, 2025).members_joined == 0
    assert year_figures(youth, 2026).members_joined == 1


def test_an_empty_year_says_so(youth):
    figures = year_figures(youth, 2019)

    assert figures.is_empty
    assert "geen advies" in summary_sentences(figures)[0]


def _figure_queries(council) -> int:
    with CaptureQueriesContext(connection) as queries:
        year_figures(council, YEAR)
    return len(queries)


def test_figures_take_a_fixed_number_of_queries(youth, organisation, make_member):
    def grow(start: int):
        for n in range(start, start + 4):
            advice = sent_advice(
                youth, organisation, f"groei-{n}", date(2025, 2, n + 1),
                answered_on=date(2025, 3, 1), verdict=Verdict.PARTLY,
            )  # fmt: skip
            promise(advice, Promise.State.OPEN, date(2025, 4, 1))
            make_member(youth, starts_on=date(2025, 1, n + 1))
            meeting(youth, datetime.datetime(2025, 3, n + 1, 19, 0))

    grow(0)
    small = _figure_queries(youth)
    grow(10)

    # 10: one of them reads the locales, to count the Dutch records only (cached).
    assert _figure_queries(youth) == small <= 10


# The page --------------------------------------------------------------------


def year_report(council, year=YEAR, *, live=True, intro="<p>Wat een jaar!</p>"):
    page = council.add_child(
        instance=CouncilYearReportPage(
            title=f"Jaarverslag {year}",
            slug=f"jaarverslag-{year}",
            year=year,
            intro=intro,
            live=live,
        )
    )
    page.save_revision()
    return page


def test_the_page_shows_the_chairs_word_figures_advice_and_meetings(client, busy_year):
    page = year_report(busy_year)

    response = client.get(page.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Wat een jaar!" in html
    assert re.search(r"Verstuurde adviezen</th><td class=\"amount\">5<", html)
    assert re.search(r"Te laat beantwoord</th><td class=\"amount\">1<", html)
    assert "Advies a1" in html and "Advies a8" in html
    assert "Advies a4" not in html and "Advies a9" not in html
    assert "Nieuwjaarsoverleg" in html and "Laatste overleg" in html
    assert reverse("councils:year_report_pdf", args=[page.pk]) in html
    assert "3 beloftes: 1 nagekomen, 1 te laat, 0 niet nagekomen" in html


def test_the_page_lists_advice_in_a_fixed_number_of_queries(
    client, youth, organisation
):
    page = year_report(youth)

    def queries() -> int:
        # Making pages empties the site's caches: the first request fills them.
        client.get(page.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        return len(captured)

    for n in range(3):
        sent_advice(youth, organisation, f"klein-{n}", date(2025, 2, n + 1))
    small = queries()
    for n in range(3, 25):
        advice = sent_advice(youth, organisation, f"groot-{n}", date(2025, 3, n))
        promise(advice, Promise.State.OPEN, date(2025, 4, 1))
    assert queries() == small


def test_an_empty_year_page_says_what_happened(client, youth):
    page = year_report(youth, 2019, intro="")

    html = client.get(page.url).content.decode()

    assert "De raad heeft dit jaar geen advies verstuurd." in html
    assert "Er waren dit jaar geen vergaderingen van de raad op deze site." in html


def test_the_council_page_links_its_published_accounts(client, youth):
    published = year_report(youth)
    draft = year_report(youth, 2024, live=False)

    html = client.get(youth.url).content.decode()

    assert published.url in html
    assert reverse("councils:year_report_pdf", args=[published.pk]) in html
    assert f"jaarverslag-{draft.year}" not in html


# The PDF ----------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    ).stdout.decode()


def test_the_pdf_holds_the_figures(client, busy_year):
    page = year_report(busy_year)

    response = client.get(reverse("councils:year_report_pdf", args=[page.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Jaarverslag 2025" in text
    assert "Wat een jaar!" in text
    assert re.search(r"Verstuurde adviezen\s+5\b", text)
    assert re.search(r"Op tijd beantwoord\s+2\b", text)
    assert re.search(r"Te laat beantwoord\s+1\b", text)
    assert re.search(r"Beloftes nagekomen\s+1\b", text)
    assert re.search(r"Gehouden vergaderingen\s+3\b", text)
    assert "Advies a2" in text
    assert "Voorbeeld" not in text


def test_the_pdf_without_a_unicode_font_still_renders(busy_year):
    page = year_report(busy_year, intro="<p>Cliënten en Łódź</p>")

    text = pdf_text(
        render_year_report_pdf(page, busy_year, preview=False, unicode=False)
    )

    assert "Cliënten en Lódz" in text


def test_the_pdf_follows_the_language_of_the_request(client, busy_year):
    page = year_report(busy_year)

    english = pdf_text(client.get(f"/en/raden/jaarverslag/{page.pk}.pdf").content)
    dutch = pdf_text(client.get(f"/raden/jaarverslag/{page.pk}.pdf").content)

    assert "Page 1/" in english and "January 2026" in english
    assert "Pagina 1/" in dutch and "januari 2026" in dutch


def test_a_draft_pdf_is_hidden_from_everyone_but_the_council(
    client, youth, make_member, user_factory, make_public_council, organisation
):
    page = year_report(youth, live=False)
    url = reverse("councils:year_report_pdf", args=[page.pk])
    member = make_member(youth)
    other_chair = make_member(
        make_public_council("ouderraad", organisation), CouncilMember.Role.CHAIR
    )

    assert client.get(url).status_code == 404
    for person in (user_factory(), other_chair):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert "Voorbeeld, nog niet openbaar" in pdf_text(response.content)
    assert "no-cache" in response["Cache-Control"]


def test_rich_text_becomes_lines():
    assert html_to_text("<p>Een &amp; twee</p><ul><li>drie</li></ul>") == (
        "Een & twee\n• drie"
    )


# Making the draft ---------------------------------------------------------------


@pytest.fixture
def chair_of(make_member):
    def make(council):
        return make_member(council, CouncilMember.Role.CHAIR)

    return make


def test_the_chair_makes_a_draft_and_goes_to_the_editor(client, busy_year, chair_of):
    chair = chair_of(busy_year)
    client.force_login(chair)
    url = reverse("councils:year_report_new", args=[busy_year.pk])

    form = client.get(url)
    response = client.post(url, {"year": str(YEAR)})

    assert 'value="2025"' in form.content.decode()  # last year by default
    page = CouncilYearReportPage.objects.child_of(busy_year).get(year=YEAR)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live
    assert page.get_latest_revision().user == chair
    assert "5 adviezen" in page.intro


@pytest.mark.parametrize("role", [CouncilMember.Role.MEMBER, CouncilMember.Role.COACH])
def test_other_members_may_not_make_it(client, youth, make_member, role):
    client.force_login(make_member(youth, role))

    response = client.post(
        reverse("councils:year_report_new", args=[youth.pk]), {"year": "2025"}
    )

    assert response.status_code == 403
    assert not CouncilYearReportPage.objects.exists()


def test_nor_the_chair_of_another_council_nor_an_outsider(
    client, youth, make_public_council, organisation, chair_of, user_factory
):
    url = reverse("councils:year_report_new", args=[youth.pk])
    other_chair = chair_of(make_public_council("ouderraad", organisation))

    assert client.post(url, {"year": "2025"}).status_code == 302  # to sign in
    for person in (other_chair, user_factory(is_superuser=True, is_staff=True)):
        client.force_login(person)
        assert client.post(url, {"year": "2025"}).status_code == 403
    assert not CouncilYearReportPage.objects.exists()


@pytest.mark.parametrize("year", ["2027", "1999", "abc", "", "99999999999"])
def test_a_year_that_has_not_begun_or_is_no_year_is_refused(
    client, youth, chair_of, year
):
    client.force_login(chair_of(youth))

    response = client.post(
        reverse("councils:year_report_new", args=[youth.pk]), {"year": year}
    )

    assert response.status_code == 200
    assert "field--error" in response.content.decode()
    assert not CouncilYearReportPage.objects.exists()


def test_this_year_may_be_made_already(client, youth, chair_of):
    client.force_login(chair_of(youth))

    client.post(reverse("councils:year_report_new", args=[youth.pk]), {"year": "2026"})

    assert CouncilYearReportPage.objects.filter(year=2026).exists()


def test_a_second_account_for_a_year_is_refused_with_a_link(client, youth, chair_of):
    existing = year_report(youth, live=False)
    client.force_login(chair_of(youth))

    response = client.post(
        reverse("councils:year_report_new", args=[youth.pk]), {"year": "2025"}
    )

    html = response.content.decode()
    assert "heeft al een jaarverslag over 2025" in html
    assert reverse("wagtailadmin_pages:edit", args=[existing.pk]) in html
    assert CouncilYearReportPage.objects.count() == 1


def test_the_flow_refuses_the_future_and_a_duplicate(youth, chair_of):
    chair = chair_of(youth)
    make_year_report(youth, 2025, chair)

    with pytest.raises(YearTaken):
        make_year_report(youth, 2025, chair)
    with pytest.raises(YearTaken):
        make_year_report(youth, 2027, chair)


def test_the_dashboard_offers_last_years_account_to_the_chair_only(
    client, youth, chair_of, make_member
):
    client.force_login(chair_of(youth))
    assert (
        "Maak het jaarverslag over 2025"
        in client.get(reverse("councils:dashboard")).content.decode()
    )

    client.force_login(make_member(youth))
    assert (
        "Maak het jaarverslag over"
        not in client.get(reverse("councils:dashboard")).content.decode()
    )


# Editing in the Wagtail admin ----------------------------------------------------


def _edit_form(page, action: str, intro="<p>Ons jaar.</p>") -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "year": page.year,
            "intro": rich_text(intro),
            "body": streamfield([]),
            action: action,
        }
    )


@pytest.fixture
def draft_report(youth, chair_of):
    """The chair made the draft (the workflow of the councils tree is in place)."""
    from councils.services.adoption import ensure_adoption_workflow

    ensure_adoption_workflow(youth.get_parent())
    return make_year_report(youth, 2025, chair_of(youth))


def test_the_account_needs_no_adoption_workflow(draft_report):
    assert draft_report.get_parent().has_workflow
    assert draft_report.get_workflow() is None
    assert not draft_report.has_workflow


def test_a_member_edits_the_draft_but_may_not_publish(
    client, youth, draft_report, make_member
):
    member = make_member(youth)
    client.force_login(member)
    url = reverse("wagtailadmin_pages:edit", args=[draft_report.pk])

    form = client.get(url)
    client.post(url, _edit_form(draft_report, "action-publish", "<p>Van lid.</p>"))

    assert form.status_code == 200
    assert "action-submit" not in form.content.decode()
    draft_report.refresh_from_db()
    assert not draft_report.live
    assert "Van lid." in draft_report.get_latest_revision_as_object().intro
    perms = draft_report.permissions_for_user(member)
    assert perms.can_edit() and not perms.can_publish()
    assert not perms.can_submit_for_moderation()


def test_the_chair_publishes_directly(client, youth, draft_report):
    chair = CouncilMember.objects.get(council=youth, role="chair").user
    client.force_login(chair)

    client.post(
        reverse("wagtailadmin_pages:edit", args=[draft_report.pk]),
        _edit_form(draft_report, "action-publish"),
    )

    draft_report.refresh_from_db()
    assert draft_report.live
    assert "Ons jaar." in draft_report.intro
    assert client.get(draft_report.url).status_code == 200


@pytest.mark.parametrize("action", ["action-publish", "action-save"])
def test_a_second_account_for_a_year_is_refused_in_the_admin_before_anything_is_saved(
    client, youth, draft_report, action
):
    # Wagtail adds the page to the tree before it validates the revision: without
    # the form's check, publishing answered 500 and left a second draft behind,
    # and saving a draft made one silently.
    chair = CouncilMember.objects.get(council=youth, role="chair").user
    client.force_login(chair)
    pages, revisions = CouncilYearReportPage.objects.count(), Revision.objects.count()
    form = {
        "title": "Nog een jaarverslag",
        "slug": "nog-een-jaarverslag",
        "year": draft_report.year,
        "intro": rich_text("<p>Ons jaar, nog een keer.</p>"),
        "body": streamfield([]),
    }
    if action == "action-publish":
        form[action] = action

    response = client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["councils", "councilyearreportpage", youth.pk],
        ),
        nested_form_data(form),
    )

    assert response.status_code == 200
    assert "Deze raad heeft al een jaarverslag over dit jaar." in (
        response.content.decode()
    )
    assert "Ons jaar, nog een keer." in response.content.decode()  # the form is kept
    assert CouncilYearReportPage.objects.count() == pages
    assert Revision.objects.count() == revisions


def test_an_account_for_another_year_is_added_in_the_admin(client, youth, draft_report):
    chair = CouncilMember.objects.get(council=youth, role="chair").user
    client.force_login(chair)

    response = client.post(
        reverse(
            "wagtailadmin_pages:add",
            args=["councils", "councilyearreportpage", youth.pk],
        ),
        nested_form_data(
            {
                "title": "Jaarverslag 2024",
                "slug": "jaarverslag-2024",
                "year": 2024,
                "intro": rich_text("<p>Ons jaar.</p>"),
                "body": streamfield([]),
            }
        ),
    )

    assert response.status_code == 302
    assert CouncilYearReportPage.objects.filter(year=2024).exists()


def test_an_outsider_with_editor_rights_may_not_edit(draft_report, user_factory, youth):
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import GroupPagePermission

    editors = Group.objects.create(name="Redacteuren")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=editors,
            page=youth.get_parent(),
            permission=Permission.objects.get(codename=codename),
        )
    outsider = user_factory(is_staff=True)
    outsider.groups.add(editors)

    perms = draft_report.permissions_for_user(outsider)
    assert not perms.can_edit()
    assert not perms.can_publish()


# The demo -----------------------------------------------------------------------


def test_the_demo_council_has_a_published_account(client, demo_site, settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", "--quiet")  # twice: still one
    settings.DEBUG = False
    council = CouncilPage.objects.get(
        slug="jongerenraad-voorstad", locale__language_code="nl"
    )
    reports = CouncilYearReportPage.objects.child_of(council)

    assert reports.count() == 1
    page = reports.get()
    assert page.live and page.year == TODAY.year
    response = client.get(page.url)
    assert response.status_code == 200
    pdf = client.get(reverse("councils:year_report_pdf", args=[page.pk]))
    assert "Jongerenraad Voorstad" in pdf_text(pdf.content)
