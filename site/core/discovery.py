"""What the installed apps provide under an agreed name, found in INSTALLED_APPS
order, so that the project package never names a domain app (the way Django's
admin finds each app's admin.py).

The agreements:
- `routing.websocket_urlpatterns`: an app's WebSocket routes, in its `routing`
  module (gathered by inspraak.routing);
- `AppConfig.seed_demo(home)`: an app's demo content (run by `manage.py seed_demo`
  after the site's own organisations, accounts and pages; `home` is the Dutch home
  page);
- `AppConfig.seed_volume(rows, person, person_rows)`: rows at a real municipality's
  volume for the benchmarks (run by `manage.py seed_volume` on top of the demo; each
  app's code in its volume.py).

Notification kinds and personal data register themselves instead (each app's
kinds.py from its AppConfig.ready(), personal_data.py through inspraak.privacy).
"""

from collections.abc import Iterator
from importlib import import_module
from typing import Any

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def provided(module_name: str, attribute: str) -> Iterator[Any]:
    """`attribute` of the module `module_name` of every installed app that has both,
    in INSTALLED_APPS order."""
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, module_name):
            continue
        module = import_module(f"{app_config.name}.{module_name}")
        if hasattr(module, attribute):
            yield getattr(module, attribute)


def app_hooks(name: str) -> Iterator[Any]:
    """The method `name` of every installed app's AppConfig that has one, in
    INSTALLED_APPS order."""
    for app_config in apps.get_app_configs():
        hook = getattr(app_config, name, None)
        if callable(hook):
            yield hook
