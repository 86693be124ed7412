"""Admin for the data administrators maintain: the allowance limits per year and
the procurement rounds (with their bidders and criteria)."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AllowanceLimits, ProcurementRound
from .permissions import organiser_ids


class AllowanceLimitsViewSet(SnippetViewSet):
    model = AllowanceLimits
    icon = "table"
    menu_label = _("Allowance limits")
    list_display = ["year", "hourly_21_plus", "hourly_under_21", "monthly", "yearly"]
    copy_view_enabled = False


class ProcurementRoundViewSet(SnippetViewSet):
    model = ProcurementRound
    icon = "doc-full"
    menu_label = _("Procurement rounds")
    list_display = ["name", "reference", "organisation", "procedure", "published_on"]
    list_filter = ["procedure"]
    search_fields = ["name", "reference"]
    copy_view_enabled = False

    def get_queryset(self, request):
        queryset = ProcurementRound.objects.select_related("organisation")
        if request.user.is_superuser:
            return queryset
        # Staff with model permissions still only see their own organisations.
        return queryset.filter(organisation_id__in=organiser_ids(request.user))


class ExpertsGroup(SnippetViewSetGroup):
    items = (ProcurementRoundViewSet, AllowanceLimitsViewSet)
    menu_icon = "user"
    menu_label = _("Experience experts")
    menu_name = "experience_experts"
    menu_order = 250


register_snippet(ExpertsGroup)
