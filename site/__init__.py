"""Inspraak: the Django project package (the folder site/, imported as `inspraak`)."""
