"""Translations of demo pages, made the way an editor makes them in the admin
(Wagtail's simple translation: a copy in the other locale, then the text
translated by hand). Idempotent: an existing translation is left as it is, since an
editor may have changed it."""

from wagtail.models import Locale, Page


def translate(page: Page, language: str = "en", children=None, **fields) -> Page:
    """The live translation of `page` in `language`, made from `fields` when missing.

    `children` ({relation name: [{field: value}, ...]}) words the copied child
    objects (a consultation's questions) in their order. Without a translated
    parent, the parents are copied too (the home page)."""
    locale = Locale.objects.get(language_code=language)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    parent = page.get_parent()
    copy_parents = parent.depth > 1 and parent.get_translation_or_none(locale) is None
    translation = page.copy_for_translation(locale, copy_parents=copy_parents).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    for relation, rows in (children or {}).items():
        objects = list(getattr(translation, relation).all())
        for child, values in zip(objects, rows, strict=False):
            for name, value in values.items():
                setattr(child, name, value)
        setattr(translation, relation, objects)
    translation.save_revision().publish()
    return type(translation).objects.get(pk=translation.pk)
