from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = _("Councils and advice")

    def ready(self):
        from inspraak.core.start import register_section

        from . import (
            kinds,  # noqa: F401  (registers the notification kinds)
            signals,  # noqa: F401  (publishing advice sends it)
        )
        from .page_permissions import register_page_permission_policy
        from .start import (
            advice_to_adopt,
            advice_to_answer,
            next_meetings,
            requests_for_advice,
        )

        register_page_permission_policy()
        register_section("councils.advice_to_adopt", advice_to_adopt, order=10)
        register_section("councils.advice_to_answer", advice_to_answer, order=20)
        register_section("councils.requests", requests_for_advice, order=80)
        register_section("councils.meetings", next_meetings, order=90)

    def seed_demo(self, home):
        """For `manage.py seed_demo`: councils and advice (councils/demo.py), the
        promises, recruitment and meetings of the youth council (demo_promises.py,
        demo_recruitment.py, demo_meetings.py), then its yearly account, which
        counts all of these (demo_yearly.py), and the English translations of the
        pages (demo_english.py)."""
        from .demo import seed_councils
        from .demo_english import seed_english
        from .demo_meetings import seed_meetings
        from .demo_promises import seed_promises
        from .demo_recruitment import seed_recruitment
        from .demo_yearly import seed_year_report

        seed_councils(home)
        seed_promises()
        seed_recruitment()
        seed_meetings()
        seed_year_report(home)
        seed_english()

    def seed_volume(self, rows, person, person_rows):
        """For `manage.py seed_volume`: advice in every state and advice requests
        (councils/volume.py)."""
        from .volume import seed_volume

        return seed_volume(rows, person, person_rows)
