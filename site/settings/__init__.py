"""Settings for Inspraak, read from the environment.

Every variable is declared once in settings/environment.py with its type and its
development default. With DEBUG off, the security values have no default: a missing
one stops start-up. The topics live in modules that this one gathers:

- environment: the variables, DEBUG, SECRET_KEY, ALLOWED_HOSTS and their checks
- applications: INSTALLED_APPS, MIDDLEWARE, URL and server entry points, TEMPLATES
- data: the database, Redis (channel layer and cache), live limits, the task backend
- accounts: users, django-allauth, sessions
- mail: MAILERS from EMAIL_URL
- security: security headers, the Content Security Policy, HTTPS
- here: internationalisation, files, Wagtail, logging
"""

from pathlib import Path

from inspraak.core.nlds import STATIC_DIR as NLDS_STATIC_DIR

from .accounts import *
from .applications import *
from .data import *
from .environment import *
from .environment import BASE_DIR, DEBUG, env
from .mail import *
from .security import *

# Internationalisation --------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Files ----------------------------------------------------------------------

STATIC_URL = "/static/"
# The NL Design System stylesheet that bin/setup joins from node_modules (npm ci)
# is served as nlds/components.css (inspraak.core.nlds).
STATICFILES_DIRS = [BASE_DIR / "static", ("nlds", NLDS_STATIC_DIR)]
STATIC_ROOT = env("STATIC_ROOT")
Path(STATIC_ROOT).mkdir(
    parents=True, exist_ok=True
)  # whitenoise warns when it is absent
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")
# Uploads that must never be public (case attachments): served by views only.
PRIVATE_MEDIA_ROOT = env("PRIVATE_MEDIA_ROOT")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "inspraak.core.staticfiles.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "txt", "csv"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# Wagtail --------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Inspraak"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests about our users
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Logging --------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "daphne": {"level": "WARNING"},
        # The task backends log every state change at INFO.
        "django.tasks": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
