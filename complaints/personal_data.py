"""What the complaints app holds on a person (see inspraak.privacy.registry).

Case files are kept for their retention period (municipal complaint files 5 years,
docs/domain.md): deleting an account removes the link to it now; the names and texts in
the file are removed when the period ends (manage.py anonymise_closed_cases)."""

from django.utils.translation import gettext_lazy as _

from inspraak.privacy.registry import Erasure, ExportedFile, PersonalData, register

from .models import Case, CaseAccessLog, CaseAttachment, CaseEvent, CaseMessage

CASES = _("Complaints and objections")


@register
class Cases(PersonalData):
    model = Case
    group = CASES
    user_fields = ("filed_by", "handler")
    label = _("Your complaints and objections")
    purpose = _("To handle your complaint or objection within the legal deadlines.")
    export_fields = (
        "reference",
        "kind",
        "status",
        "organisation",
        "received_on",
        "name",
        "identified_with_digid",
        "address",
        "phone",
        "on_behalf_of",
        "decision_description",
        "decision_date",
        "conduct_description",
        "grounds",
        "wish",
        "outcome",
        "outcome_text",
        "decided_on",
    )
    # A handler's own data in a case they handle is that they handle it: the other
    # person's name, address and texts stay in the case file (behind two-step
    # verification), never in the handler's "my data".
    handler_export_fields = ("reference", "kind", "status", "organisation")
    erasure = Erasure.RETAIN
    erasure_note = _(
        "A case file is kept for 5 years after it is closed, because the law asks "
        "for that. Your account is unlinked now; your name, address and texts are "
        "removed from the file when the period ends."
    )

    def rows(self, user, limit=None):
        for case in self.objects(user, limit):
            row = self.export_row(case)
            if case.filed_by_id != user.pk:
                row = {
                    name: (value if name in self.handler_export_fields else None)
                    for name, value in row.items()
                }
            yield row

    def files(self, user):
        attachments = (
            CaseAttachment.objects.filter(case__filed_by=user)
            .select_related("case")
            .order_by("pk")
        )
        for attachment in attachments.iterator():
            yield ExportedFile(
                f"{self.key}/{attachment.case.reference}-{attachment.original_name}",
                attachment.file,
            )


class CaseRecord(PersonalData):
    group = CASES
    erasure = Erasure.RETAIN
    erasure_note = Cases.erasure_note


@register
class CaseEvents(CaseRecord):
    model = CaseEvent
    user_fields = ("by",)
    label = _("Steps you took in a case")
    purpose = _("The timeline of a case shows who did what and when.")
    export_fields = ("case", "status", "note", "at")


@register
class CaseMessages(CaseRecord):
    model = CaseMessage
    user_fields = ("author",)
    label = _("Your messages in a case")
    purpose = _("Messages between you and the person handling the case.")
    export_fields = ("case", "text", "sent_at")


@register
class CaseAccess(CaseRecord):
    model = CaseAccessLog
    label = _("When you opened a case")
    purpose = _("Every look at a case is logged, to protect the people in it.")
    export_fields = ("case", "action", "at")
