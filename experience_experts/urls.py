from django.urls import path

from .views import (
    assignments,
    bookings,
    calendar,
    candidates,
    declarations,
    experts,
    finance,
    hours,
)

app_name = "experience_experts"

urlpatterns = [
    path("", experts.home, name="home"),
    path("profiel/", experts.profile_edit, name="profile"),
    path("profiel/verwijderen/", experts.profile_delete, name="profile_delete"),
    path("opdrachten/", assignments.assignments, name="assignments"),
    path("opdrachten/nieuw/", assignments.assignment_edit, name="assignment_new"),
    path("opdrachten/beheer/", assignments.my_assignments, name="my_assignments"),
    path("opdrachten/<id:pk>/", assignments.assignment, name="assignment"),
    path(
        "opdrachten/<id:pk>/bewerken/",
        assignments.assignment_edit,
        name="assignment_edit",
    ),
    path(
        "opdrachten/<id:pk>/status/",
        assignments.assignment_state,
        name="assignment_state",
    ),
    path("opdrachten/<id:pk>/aanmelden/", assignments.apply, name="apply"),
    path("opdrachten/<id:pk>/intrekken/", assignments.withdraw, name="withdraw"),
    path("opdrachten/<id:pk>/kandidaten/", candidates.candidates, name="candidates"),
    path(
        "opdrachten/<id:pk>/uitnodigen/<id:profile_pk>/",
        candidates.invite,
        name="invite",
    ),
    path(
        "opdrachten/<id:pk>/aanmeldingen/<id:application_pk>/",
        candidates.applicant,
        name="applicant",
    ),
    path("opdrachten/<id:pk>/boeken/<id:application_pk>/", bookings.book, name="book"),
    path("opdrachten/<id:pk>/terugkoppeling/", assignments.outcome, name="outcome"),
    path("boekingen/<id:pk>/", bookings.booking, name="booking"),
    path("boekingen/<id:pk>/bevestigen/", bookings.booking_confirm, name="confirm"),
    path("boekingen/<id:pk>/afwijzen/", bookings.booking_decline, name="decline"),
    path("boekingen/<id:pk>/annuleren/", bookings.booking_cancel, name="cancel"),
    path("boekingen/<id:pk>/uren/", hours.log_hours, name="log_hours"),
    path("boekingen/<id:pk>/beoordelen/", bookings.rate, name="rate"),
    path(
        "boekingen/<id:pk>/overzicht/",
        hours.booking_statement,
        name="booking_statement",
    ),
    path("boekingen/<id:pk>/factuur/", finance.invoice, name="invoice"),
    path("uren/<id:pk>/goedkeuren/", hours.approve_hours, name="approve_hours"),
    path("uren/<id:pk>/teruggeven/", hours.return_hours, name="return_hours"),
    path("overzicht/<year:year>/", hours.year_statement, name="year_statement"),
    path("export/", finance.finance_export, name="finance_export"),
    path(
        "inkoopronde/<id:round_pk>/verklaring/",
        declarations.declaration_sign,
        name="declaration_sign",
    ),
    path("verklaringen/<id:pk>/", declarations.declaration, name="declaration"),
    path("agenda/", calendar.calendar, name="calendar"),
    path("agenda/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]
