"""The complaints views, by audience: questions.py (the guided questions),
filing.py (filing and the guest's confirmation), own_case.py (the person's own case
page), files.py (a case's files and download), handling.py (handlers' queue and
case file) and figures.py (the public figures). Two-step verification for whoever
sees cases of others is required for all of these by complaints.access, not here."""
