"""Live sessions in the Wagtail admin: organisers plan a session for a consultation,
choose pre- or post-moderation and assign moderators. The join code is generated.

Only the organisers of the consultation's organisation (and superusers) see or
change a session here: the viewset asks participation.admin_permissions on every
view, and the form offers only their own consultations and people."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from inspraak.organisations.models import Membership
from inspraak.organisations.permissions import organisation_ids_for

from ..admin_permissions.rows import OrganisedViewSetMixin, visible_rows
from ..models import ConsultationPage
from ..permissions import ORGANISER_ROLES, organised
from .models import LiveSession


class LiveSessionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None and user.is_superuser:
            return
        if "consultation" in self.fields:
            self.fields["consultation"].queryset = organised(
                ConsultationPage.objects.all(), user
            ).order_by("title")
        if "moderators" in self.fields:
            # The organisation's own people, and whoever is assigned already: not
            # every account on the platform.
            colleagues = Membership.objects.current().filter(
                organisation_id__in=organisation_ids_for(user, ORGANISER_ROLES)
            )
            assigned = (
                Q(moderated_live_sessions=self.instance)
                if self.instance.pk
                else Q(pk__in=[])
            )
            self.fields["moderators"].queryset = (
                get_user_model()
                .objects.filter(
                    Q(pk__in=colleagues.values("user_id")) | assigned,
                    is_active=True,
                )
                .distinct()
                .order_by("display_name", "pk")
            )


class LiveSessionIndexView(IndexView):
    def get_base_queryset(self):
        return visible_rows(LiveSession, self.request.user).select_related(
            "consultation"
        )


class LiveSessionViewSet(OrganisedViewSetMixin, ModelViewSet):
    model = LiveSession
    icon = "media"
    menu_label = _("Live sessions")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = LiveSessionIndexView
    list_display = ["title", "consultation", "code", "state", "starts_at"]
    list_filter = ["state", "moderation"]
    search_fields = ["title", "code"]
    edit_handler = ObjectList(
        [
            FieldPanel(name)
            for name in (
                "title",
                "consultation",
                "starts_at",
                "ends_at",
                "state",
                "moderation",
                "quiz",
                "blocked_words",
                "moderators",
            )
        ],
        base_form_class=LiveSessionForm,
    )
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_live_session_viewset():
    return LiveSessionViewSet("live_sessions")
