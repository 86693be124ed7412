from django.urls import path

from . import (
    dashboard,
    feeds,
    request_list,
    views,
    views_meetings,
    views_members,
    views_promises,
    views_recruitment,
    views_yearly,
)

app_name = "councils"

urlpatterns = [
    path("advies/<id:advice_id>/antwoord/", views.answer, name="answer"),
    path("advies/<id:advice_id>/reactie/", views.follow_up, name="follow_up"),
    # Follow-up of promises and followers (councils/promises.py).
    path(
        "advies/<id:advice_id>/beloftes/",
        views_promises.promises_page,
        name="promises",
    ),
    path(
        "belofte/<id:promise_id>/wijzigen/",
        views_promises.promise_edit,
        name="promise_edit",
    ),
    path(
        "belofte/<id:promise_id>/voortgang/",
        views_promises.promise_progress,
        name="promise_progress",
    ),
    path(
        "advies/<id:advice_id>/volgen/",
        views_promises.follow_advice,
        name="follow_advice",
    ),
    path("<id:council_id>/advies-vragen/", views.ask_advice, name="ask_advice"),
    path("verzoek/<id:request_id>/", views.request_detail, name="request"),
    path(
        "<id:council_id>/verzoeken/",
        request_list.open_request_list,
        name="open_requests",
    ),
    # Public feeds and the members' dashboard.
    path("feeds/rss/", feeds.AdviceFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.AdviceAtomFeed(), name="feed_atom"),
    path(
        "feeds/<id:council_id>/rss/",
        feeds.CouncilAdviceFeed(),
        name="council_feed_rss",
    ),
    path(
        "feeds/<id:council_id>/atom/",
        feeds.CouncilAdviceAtomFeed(),
        name="council_feed_atom",
    ),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    # Members and their terms (councils/terms.py).
    path("<id:council_id>/leden/", views_members.members, name="members"),
    path(
        "leden/<id:member_id>/verlengen/",
        views_members.extend_term,
        name="extend_term",
    ),
    # Recruitment (councils/recruitment.py): the public vacancy, and for the chair,
    # secretary or coach the vacancies and applications.
    path("vacature/<id:vacancy_id>/", views_recruitment.vacancy, name="vacancy"),
    path(
        "<id:council_id>/vacatures/nieuw/",
        views_recruitment.vacancy_new,
        name="vacancy_new",
    ),
    path(
        "vacature/<id:vacancy_id>/bewerken/",
        views_recruitment.vacancy_edit,
        name="vacancy_edit",
    ),
    path(
        "<id:council_id>/aanmeldingen/",
        views_recruitment.applications,
        name="applications",
    ),
    path(
        "aanmelding/<id:application_id>/",
        views_recruitment.application,
        name="application",
    ),
    # Meetings: the public list, a meeting, calendars; planning by the chair.
    path(
        "<id:council_id>/vergaderingen/",
        views_meetings.meeting_list,
        name="meetings",
    ),
    path(
        "<id:council_id>/vergaderingen.ics",
        views_meetings.meetings_ics,
        name="meetings_ics",
    ),
    path(
        "<id:council_id>/vergaderingen/nieuw/",
        views_meetings.meeting_new,
        name="meeting_new",
    ),
    path(
        "vergadering/<id:meeting_id>/",
        views_meetings.meeting_detail,
        name="meeting",
    ),
    path(
        "vergadering/<id:meeting_id>.ics",
        views_meetings.meeting_ics,
        name="meeting_ics",
    ),
    path(
        "vergadering/<id:meeting_id>/wijzigen/",
        views_meetings.meeting_edit,
        name="meeting_edit",
    ),
    path(
        "vergadering/<id:meeting_id>/notulen/",
        views_meetings.meeting_minutes,
        name="meeting_minutes",
    ),
    path(
        "vergadering/<id:meeting_id>/notulen/download/",
        views_meetings.minutes_file,
        name="meeting_minutes_file",
    ),
    # The yearly account: its PDF, and the chair making the draft for a year.
    path(
        "jaarverslag/<id:page_id>.pdf",
        views_yearly.year_report_pdf,
        name="year_report_pdf",
    ),
    path(
        "<id:council_id>/jaarverslag/",
        views_yearly.year_report_new,
        name="year_report_new",
    ),
]
