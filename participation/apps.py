from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from inspraak.organisations.groups import register_role_group

        from . import (
            admin_permissions,
            kinds,  # noqa: F401  (registers the notification kinds)
        )
        from .live.models import LiveSession
        from .models import FeedbackItem
        from .permissions import ORGANISER_ROLES

        register_role_group(
            admin_permissions.ORGANISERS_GROUP,
            ORGANISER_ROLES,
            admin_permissions.setup_organisers_group,
        )
        # Before the admin's viewsets ask the registry (it would fall back). The
        # page policy is registered by wagtail_hooks, after every app is ready.
        register_permission_policy(
            FeedbackItem,
            admin_permissions.OrganisedModelPolicy(
                FeedbackItem, "consultation__organisation"
            ),
        )
        register_permission_policy(
            LiveSession,
            admin_permissions.OrganisedModelPolicy(
                LiveSession, "consultation__organisation"
            ),
        )

    def seed_demo(self, home):
        """For `manage.py seed_demo`: consultations (participation/demo.py)."""
        from .demo import seed_consultations

        seed_consultations(home)
