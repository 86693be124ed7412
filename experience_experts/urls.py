from django.urls import path

from . import views

app_name = "experience_experts"

urlpatterns = [
    path("", views.home, name="home"),
    path("profiel/", views.profile_edit, name="profile"),
    path("profiel/verwijderen/", views.profile_delete, name="profile_delete"),
    path("opdrachten/", views.assignments, name="assignments"),
    path("opdrachten/nieuw/", views.assignment_edit, name="assignment_new"),
    path("opdrachten/beheer/", views.my_assignments, name="my_assignments"),
    path("opdrachten/<int:pk>/", views.assignment, name="assignment"),
    path(
        "opdrachten/<int:pk>/bewerken/", views.assignment_edit, name="assignment_edit"
    ),
    path(
        "opdrachten/<int:pk>/status/", views.assignment_state, name="assignment_state"
    ),
    path("opdrachten/<int:pk>/aanmelden/", views.apply, name="apply"),
    path("opdrachten/<int:pk>/intrekken/", views.withdraw, name="withdraw"),
    path("opdrachten/<int:pk>/kandidaten/", views.candidates, name="candidates"),
    path(
        "opdrachten/<int:pk>/uitnodigen/<int:profile_pk>/",
        views.invite,
        name="invite",
    ),
    path(
        "opdrachten/<int:pk>/aanmeldingen/<int:application_pk>/",
        views.applicant,
        name="applicant",
    ),
    path("opdrachten/<int:pk>/boeken/<int:application_pk>/", views.book, name="book"),
    path("opdrachten/<int:pk>/terugkoppeling/", views.outcome, name="outcome"),
    path("boekingen/<int:pk>/", views.booking, name="booking"),
    path("boekingen/<int:pk>/bevestigen/", views.booking_confirm, name="confirm"),
    path("boekingen/<int:pk>/afwijzen/", views.booking_decline, name="decline"),
    path("boekingen/<int:pk>/annuleren/", views.booking_cancel, name="cancel"),
    path("boekingen/<int:pk>/uren/", views.log_hours, name="log_hours"),
    path("boekingen/<int:pk>/beoordelen/", views.rate, name="rate"),
    path(
        "boekingen/<int:pk>/overzicht/",
        views.booking_statement,
        name="booking_statement",
    ),
    path("boekingen/<int:pk>/factuur/", views.invoice, name="invoice"),
    path("uren/<int:pk>/goedkeuren/", views.approve_hours, name="approve_hours"),
    path("uren/<int:pk>/teruggeven/", views.return_hours, name="return_hours"),
    path("overzicht/<int:year>/", views.year_statement, name="year_statement"),
    path("export/", views.finance_export, name="finance_export"),
    path(
        "inkoopronde/<int:round_pk>/verklaring/",
        views.declaration_sign,
        name="declaration_sign",
    ),
    path("verklaringen/<int:pk>/", views.declaration, name="declaration"),
    path("agenda/", views.calendar, name="calendar"),
    path("agenda/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
