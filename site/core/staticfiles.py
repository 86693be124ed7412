"""Static files in production: whitenoise's compressed manifest storage that also
rewrites the imports between ES modules (the live client in participation/live/static/)
to their hashed names, so that a page never loads a mix of old and new modules after
a deploy. Django only does that when the class says so; it cannot be set in OPTIONS."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
