"""Personal data held by the libraries the platform is built on (Wagtail's editor,
Django's admin) and by this app's own request log."""

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from wagtail.admin.models import EditingSession, FormState
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    APIToken,
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    UploadedFile,
    WorkflowState,
)

from .models import DataRequest
from .registry import FORMER_MEMBER, Erasure, PersonalData, register

EDITING = _("Editing the website")
KEPT_FOR_ORGANISATION = _(
    "This is the organisation's website content. It stays; your name is removed."
)


@register
class DataRequests(PersonalData):
    model = DataRequest
    label = _("Your requests to see or delete your data")
    purpose = _("We keep a log of these requests to show we answered them in time.")
    export_fields = ("kind", "status", "requested_at", "due_on", "completed_at")
    erasure = Erasure.ANONYMISE
    erasure_note = _(
        "The log keeps that an account was deleted and when, without your name or "
        "e-mail address."
    )
    erase_order = 90  # after everything else, so the deletion itself is logged


@register
class Pages(PersonalData):
    model = Page
    group = EDITING
    user_fields = ("owner", "locked_by")
    label = _("Web pages you created or locked")
    purpose = _("Editors see who created a page.")
    export_fields = ("title", "url_path", "first_published_at", "last_published_at")
    erasure = Erasure.ANONYMISE
    erasure_note = KEPT_FOR_ORGANISATION

    def erase(self, user):
        Page.objects.filter(locked_by=user).update(
            locked=False, locked_by=None, locked_at=None
        )
        Page.objects.filter(owner=user).update(owner=None)


@register
class Revisions(PersonalData):
    model = Revision
    group = EDITING
    label = _("Versions of pages and items you saved")
    purpose = _("Editors can see and restore earlier versions.")
    export_fields = ("object_str", "created_at")
    erasure = Erasure.ANONYMISE
    erasure_note = KEPT_FOR_ORGANISATION


class LogEntries(PersonalData):
    group = EDITING
    purpose = _("The history of changes, kept as an audit trail.")
    export_fields = ("action", "label", "timestamp")
    erasure = Erasure.ANONYMISE
    erasure_note = _("The history of changes stays; your name is removed from it.")


@register
class PageHistory(LogEntries):
    model = PageLogEntry
    label = _("Your changes to web pages")


@register
class ModelHistory(LogEntries):
    model = ModelLogEntry
    label = _("Your changes to other items")

    def erase(self, user):
        super().erase(user)
        # Entries about the account itself (made by an administrator) carry its name.
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(get_user_model()),
            object_id=str(user.pk),
        ).update(label=str(FORMER_MEMBER), data={})


@register
class AdminHistory(PersonalData):
    model = LogEntry
    group = EDITING
    label = _("Your changes in the technical admin")
    purpose = _("The history of changes made by platform administrators.")
    export_fields = ("action_time", "object_repr", "change_message")


@register
class Comments(PersonalData):
    model = Comment
    group = EDITING
    user_fields = ("user", "resolved_by")
    label = _("Comments on web pages")
    purpose = _("Editors discuss pages with comments.")
    export_fields = ("text", "created_at", "resolved_at")

    def erase(self, user):
        Comment.objects.filter(resolved_by=user).update(resolved_by=None)
        Comment.objects.filter(user=user).delete()


@register
class CommentReplies(PersonalData):
    model = CommentReply
    group = EDITING
    label = _("Replies to comments")
    purpose = _("Editors discuss pages with comments.")
    export_fields = ("text", "created_at")


@register
class PageSubscriptions(PersonalData):
    model = PageSubscription
    group = EDITING
    label = _("Pages you follow")
    purpose = _("You get a message when someone comments on these pages.")
    export_fields = ("page", "comment_notifications")


class UploadedMedia(PersonalData):
    group = EDITING
    user_fields = ("uploaded_by_user",)
    export_fields = ("title", "file", "created_at")
    file_fields = ("file",)
    erasure = Erasure.ANONYMISE
    erasure_note = KEPT_FOR_ORGANISATION


@register
class Documents(UploadedMedia):
    model = get_document_model()
    label = _("Documents you uploaded")
    purpose = _("Documents on the website, such as advice or reports.")


@register
class Images(UploadedMedia):
    model = get_image_model()
    label = _("Images you uploaded")
    purpose = _("Images on the website.")


@register
class PendingUploads(PersonalData):
    model = UploadedFile
    group = EDITING
    user_fields = ("uploaded_by_user",)
    label = _("Unfinished uploads")
    purpose = _("Files you started to upload but did not save yet.")
    export_fields = ("file",)
    file_fields = ("file",)


@register
class WorkflowRequests(PersonalData):
    model = WorkflowState
    group = EDITING
    user_fields = ("requested_by",)
    label = _("Pages you sent for approval")
    purpose = _("The approval history of pages.")
    export_fields = ("content_object", "status", "created_at")
    erasure = Erasure.ANONYMISE
    erasure_note = KEPT_FOR_ORGANISATION

    def export_row(self, obj):
        return {
            "content_object": str(obj.content_object),
            "status": obj.status,
            "created_at": obj.created_at,
        }


@register
class WorkflowDecisions(PersonalData):
    model = TaskState
    group = EDITING
    user_fields = ("finished_by",)
    label = _("Approval steps you decided")
    purpose = _("The approval history of pages.")
    export_fields = ("status", "started_at", "finished_at", "comment")
    erasure = Erasure.ANONYMISE
    erasure_note = KEPT_FOR_ORGANISATION


@register
class EditingSessions(PersonalData):
    model = EditingSession
    group = EDITING
    label = _("Who is editing now")
    purpose = _("Shows other editors that you are editing the same page.")
    export_fields = ("object_id", "last_seen_at")


@register
class UnsavedForms(PersonalData):
    model = FormState
    group = EDITING
    label = _("Unsaved changes in the editor")
    purpose = _("Keeps your changes when the editor closes unexpectedly.")
    export_fields = ("object_id", "last_updated_at")


@register
class ApiTokens(PersonalData):
    model = APIToken
    group = EDITING
    label = _("API keys")
    purpose = _("Keys that let a program work with the website in your name.")
    export_fields = ("name", "prefix", "created", "revoked_at", "last_used_at")
