"""Staff see every data request and its legal due date in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import DataRequest


class DataRequestViewSet(ModelViewSet):
    model = DataRequest
    icon = "lock"
    menu_label = _("Data requests")
    add_to_settings_menu = True
    list_display = ["__str__", "status", "requested_at", "due_on", "completed_at"]
    list_filter = ["kind", "status"]
    form_fields = ["kind", "status", "account_number", "due_on", "note"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_data_request_viewset():
    return DataRequestViewSet("data_requests")
