"""Live sessions in the Wagtail admin: organisers plan a session for a consultation,
choose pre- or post-moderation and assign moderators. The join code is generated."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import LiveSession
from .permissions import moderated_sessions


class LiveSessionIndexView(IndexView):
    def get_base_queryset(self):
        # Staff see the sessions of their own organisations only.
        return (
            super()
            .get_base_queryset()
            .filter(pk__in=moderated_sessions(self.request.user).values("pk"))
        )


class LiveSessionViewSet(ModelViewSet):
    model = LiveSession
    icon = "media"
    menu_label = _("Live sessions")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = LiveSessionIndexView
    list_display = ["title", "consultation", "code", "state", "starts_at"]
    list_filter = ["state", "moderation"]
    search_fields = ["title", "code"]
    form_fields = [
        "title",
        "consultation",
        "starts_at",
        "ends_at",
        "state",
        "moderation",
        "moderators",
    ]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_live_session_viewset():
    return LiveSessionViewSet("live_sessions")
