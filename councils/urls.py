from django.urls import path

from . import dashboard, feeds, request_list, views, yearly_views

app_name = "councils"

urlpatterns = [
    path("advies/<id:advice_id>/antwoord/", views.answer, name="answer"),
    path("advies/<id:advice_id>/reactie/", views.follow_up, name="follow_up"),
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
    # The yearly account: its PDF, and the chair making the draft for a year.
    path(
        "jaarverslag/<id:page_id>.pdf",
        yearly_views.year_report_pdf,
        name="year_report_pdf",
    ),
    path(
        "<id:council_id>/jaarverslag/",
        yearly_views.year_report_new,
        name="year_report_new",
    ),
]
