"""Field shapes several council models share."""

from django.conf import settings
from django.db import models


def recorded_by(verbose_name) -> models.ForeignKey:
    """The person who recorded a row; kept when the account goes (SET_NULL)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )
