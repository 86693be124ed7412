"""Count the database queries of one tracker page at 10 and at 1,000 advice.

Runs on a throw-away test database (SQLite unless DATABASE_URL says otherwise):

    env -u DATABASE_URL .venv/bin/python -m tests.bench.tracker_queries [-v]
"""

import os
import sys
import time
from datetime import timedelta

SIZES = (10, 1000)


def main(verbose: bool = False) -> dict[int, int]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspraak.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import (
        CaptureQueriesContext,
        setup_test_environment,
        teardown_test_environment,
    )
    from django.utils import timezone

    from wagtail.models import Site

    from councils.models import (
        AdviceAnswer,
        AdviceDispatch,
        AdvicePage,
        AdviceTrackerPage,
        CouncilIndexPage,
        CouncilPage,
        Theme,
    )
    from inspraak.organisations.models import Organisation

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    results = {}
    try:
        today = timezone.localdate()
        town = Organisation.objects.create(
            name="Gemeente Meetstad", slug="meetstad", kind="municipality"
        )
        theme = Theme.objects.create(name="Wachtlijsten", slug="wachtlijsten")
        home = Site.objects.get(is_default_site=True).root_page
        index = home.add_child(instance=CouncilIndexPage(title="Raden", slug="raden"))
        tracker = index.add_child(
            instance=AdviceTrackerPage(title="Adviezen", slug="adviezen")
        )
        councils = [
            index.add_child(
                instance=CouncilPage(
                    title=f"Raad {n}",
                    slug=f"raad-{n}",
                    kind="youth",
                    organisation=town,
                    summary="Meetraad.",
                )
            )
            for n in range(5)
        ]
        client = Client()
        made = 0
        for size in SIZES:
            while made < size:
                council = councils[made % len(councils)]
                advice = council.add_child(
                    instance=AdvicePage(
                        title=f"Advies {made}",
                        slug=f"advies-{made}",
                        addressee=town,
                        summary="Meetadvies.",
                        body=[],
                    )
                )
                advice.themes.set([theme])
                advice.save()
                sent_on = today - timedelta(days=made % 500)
                AdviceDispatch.objects.create(
                    advice=advice,
                    sent_on=sent_on,
                    answer_due_on=sent_on + timedelta(weeks=6),
                )
                if made % 3 == 0:
                    AdviceAnswer.objects.create(
                        advice=advice,
                        verdict="adopted",
                        summary="Overgenomen.",
                        answered_on=sent_on + timedelta(days=20 + made % 40),
                    )
                made += 1
            client.get(tracker.url)  # warm the site and locale caches
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(tracker.url)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, response.status_code
            results[size] = len(queries)
            print(
                f"{size:>5} advice: {len(queries)} queries for one tracker page "
                f"({elapsed:.0f} ms, {connection.vendor})"
            )
            if verbose:
                for query in queries.captured_queries:
                    print("   ", query["sql"][:160])
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return results


if __name__ == "__main__":
    main(verbose="-v" in sys.argv)
