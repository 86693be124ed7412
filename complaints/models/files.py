"""Files with a case, in private storage that has no URL."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from .cases import Case


@deconstructible(path="complaints.models.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, which has no URL: they are served only by a
    view that checks who may see the case. The root is read at use, so tests and
    deployments can point it elsewhere."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


private_storage = PrivateStorage()


def _attachment_path(instance, filename):
    return f"cases/{instance.case_id}/{filename}"


class CaseAttachment(models.Model):
    """A file with a case, stored outside the public media path (served by a view
    that checks access)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        _("file"), upload_to=_attachment_path, storage=private_storage
    )
    original_name = models.CharField(_("file name"), max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    from_handler = models.BooleanField(default=False)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")

    def __str__(self):
        return self.original_name
