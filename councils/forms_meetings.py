"""Forms of the meetings flow (councils/meetings.py): the meeting with its agenda,
and the minutes."""

from django import forms
from django.core.validators import FileExtensionValidator, URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from inspraak.core.bounds import BoundedForm

from .forms import ANSWER_DOCUMENT_EXTENSIONS, ANSWER_DOCUMENT_MAX_BYTES
from .meetings import MAX_AGENDA_ITEMS, local_moment, planning_window
from .models.advice import AdvicePage
from .models.meetings import AgendaItem, Meeting

# What an uploaded file starts with, per extension: a renamed program is refused.
FILE_SIGNATURES = {
    "pdf": b"%PDF-",
    "docx": b"PK\x03\x04",
    "xlsx": b"PK\x03\x04",
    "pptx": b"PK\x03\x04",
    "odt": b"PK\x03\x04",
    "ods": b"PK\x03\x04",
}


class MeetingForm(BoundedForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=Meeting._meta.get_field("title").max_length,
        help_text=_("For example: Monthly meeting, or Meeting about youth work."),
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    starts = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    ends = forms.TimeField(
        label=_("End time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=Meeting._meta.get_field("place").max_length,
        help_text=_("The address or the room. Leave empty for a meeting online only."),
    )
    online_link = forms.URLField(
        label=_("Online link"),
        required=False,
        max_length=Meeting._meta.get_field("online_link").max_length,
        validators=[URLValidator(schemes=["https", "http"])],
        assume_scheme="https",
        help_text=_("The link to join the video call, if there is one."),
    )
    is_public = forms.BooleanField(
        label=_("Visitors are welcome"),
        required=False,
        initial=True,
        help_text=_(
            "Public meetings are on the site and in the calendar feed. Otherwise "
            "only members see the meeting."
        ),
    )

    def __init__(self, *args, meeting: Meeting | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        earliest, latest = planning_window()
        self.fields["date"].widget.attrs.update(
            min=earliest.isoformat(), max=latest.isoformat()
        )

    def clean_date(self):
        day = self.cleaned_data["date"]
        earliest, latest = planning_window()
        # A meeting already on the site may keep its date (to correct a typo).
        kept = self.meeting is not None and day == self._current_date()
        if not kept and not earliest <= day <= latest:
            raise forms.ValidationError(
                _("Choose a date from %(earliest)s to %(latest)s.")
                % {
                    "earliest": date_format(earliest),
                    "latest": date_format(latest),
                }
            )
        return day

    def _current_date(self):
        return timezone.localtime(self.meeting.starts_at).date()

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends <= starts:
            self.add_error(
                "ends", _("The meeting must end after it starts, on the same day.")
            )
        if (
            not self.has_error("place")
            and not self.has_error("online_link")
            and not cleaned.get("place")
            and not cleaned.get("online_link")
        ):
            self.add_error(
                "place", _("Give a place, an online link or both, so people can come.")
            )
        return cleaned

    def meeting_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "starts_at": local_moment(data["date"], data["starts"]),
            "ends_at": local_moment(data["date"], data["ends"]),
            "place": data["place"],
            "online_link": data["online_link"],
            "is_public": data["is_public"],
        }

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict:
        starts = timezone.localtime(meeting.starts_at)
        ends = timezone.localtime(meeting.ends_at)
        return {
            "title": meeting.title,
            "date": starts.date(),
            "starts": starts.time(),
            "ends": ends.time(),
            "place": meeting.place,
            "online_link": meeting.online_link,
            "is_public": meeting.is_public,
        }


class AgendaItemForm(BoundedForm):
    title = forms.CharField(
        label=_("Agenda item"),
        required=False,
        max_length=AgendaItem._meta.get_field("title").max_length,
        help_text=_("To take an item off the agenda, empty its title."),
    )
    description = forms.CharField(
        label=_("Explanation (optional)"),
        required=False,
        max_length=AgendaItem._meta.get_field("description").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    members_only = forms.BooleanField(
        label=_("Only for members"),
        required=False,
        help_text=_(
            "Visitors do not see this item, for example when it is about a person."
        ),
    )
    advice = forms.ModelChoiceField(
        label=_("Advice discussed (optional)"),
        required=False,
        queryset=AdvicePage.objects.none(),
        empty_label=_("No advice"),
    )

    def __init__(self, *args, advice_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if advice_choices is not None:
            self.fields["advice"].queryset = advice_choices

    def clean(self):
        cleaned = super().clean()
        filled = cleaned.get("description") or cleaned.get("advice")
        if filled and not cleaned.get("title") and not self.has_error("title"):
            self.add_error("title", _("Give this agenda item a title."))
        return cleaned


class BaseAgendaFormSet(forms.BaseFormSet):
    def __init__(self, *args, advice_choices=None, **kwargs):
        self.advice_choices = advice_choices
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "advice_choices": self.advice_choices}

    def items(self) -> list[dict]:
        """The filled-in items in their order; empty rows are left out."""
        return [
            {
                key: form.cleaned_data.get(key)
                for key in ("title", "description", "members_only", "advice")
            }
            for form in self.forms
            if form.cleaned_data.get("title")
        ]


AgendaFormSet = forms.formset_factory(
    AgendaItemForm,
    formset=BaseAgendaFormSet,
    extra=3,
    max_num=MAX_AGENDA_ITEMS,
    validate_max=True,
    absolute_max=MAX_AGENDA_ITEMS,
)


def advice_choices(council):
    """The advice of this council an agenda item may name (drafts too)."""
    return AdvicePage.objects.child_of(council).order_by("-pk")


def agenda_initial(meeting: Meeting) -> list[dict]:
    return [
        {
            "title": item.title,
            "description": item.description,
            "members_only": item.members_only,
            "advice": item.advice_id,
        }
        for item in meeting.agenda_items.all()
    ]


class MinutesForm(BoundedForm):
    document = forms.FileField(
        label=_("Minutes"),
        required=False,
        validators=[FileExtensionValidator(ANSWER_DOCUMENT_EXTENSIONS)],
        help_text=_("A PDF or office document of at most 10 MB."),
    )
    minutes_public = forms.BooleanField(
        label=_("Everyone may read the minutes"),
        required=False,
        initial=True,
        help_text=_(
            "Otherwise only members can open them. Minutes of a meeting for members "
            "only are never public."
        ),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        if not meeting.minutes_id:
            self.fields["document"].required = True
        else:
            self.fields["document"].label = _("New minutes (optional)")
            self.fields["document"].help_text = _(
                "Only to replace the minutes. A PDF or office document of at most "
                "10 MB."
            )

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return upload
        if upload.size > ANSWER_DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s. The most we accept is 10 MB.")
                % {"size": filesizeformat(upload.size)}
            )
        extension = upload.name.rsplit(".", 1)[-1].lower()
        upload.seek(0)
        start = upload.read(8)
        upload.seek(0)
        if not start.startswith(FILE_SIGNATURES.get(extension, b"\0\0\0\0")):
            raise forms.ValidationError(
                _("This file is not a real %(kind)s document. Save it again as PDF.")
                % {"kind": extension.upper()}
            )
        return upload
