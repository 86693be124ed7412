from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from inspraak.core.start import register_section
        from inspraak.organisations.groups import register_role_group
        from inspraak.pages.doors import register_facts

        from . import (
            kinds,  # noqa: F401  (registers the notification kinds)
            start,
        )
        from .admin_permissions.group import ORGANISERS_GROUP, setup_organisers_group
        from .admin_permissions.rows import OrganisedModelPolicy
        from .doors import take_part_facts
        from .live.models import LiveSession
        from .models import FeedbackItem
        from .permissions import ORGANISER_ROLES

        register_facts("take_part", take_part_facts)
        register_section(
            "participation.sessions_to_moderate", start.sessions_to_moderate, order=60
        )
        register_section(
            "participation.own_consultations", start.own_consultations, order=70
        )
        register_section("participation.my_input", start.my_input, order=120)
        register_role_group(
            ORGANISERS_GROUP,
            ORGANISER_ROLES,
            setup_organisers_group,
        )
        # Before the admin's viewsets ask the registry (it would fall back). The
        # page policy is registered by wagtail_hooks, after every app is ready.
        register_permission_policy(
            FeedbackItem,
            OrganisedModelPolicy(FeedbackItem, "consultation__organisation"),
        )
        register_permission_policy(
            LiveSession,
            OrganisedModelPolicy(LiveSession, "consultation__organisation"),
        )

    def seed_demo(self, home):
        """For `manage.py seed_demo`: consultations (participation/demo.py) and
        their English translations (demo_english.py)."""
        from .demo import seed_consultations
        from .demo_english import seed_english

        seed_consultations(home)
        seed_english()

    def seed_volume(self, rows, person, person_rows):
        """For `manage.py seed_volume`: contributions, supports and reports
        (participation/volume.py)."""
        from .volume import seed_volume

        return seed_volume(rows, person, person_rows)
