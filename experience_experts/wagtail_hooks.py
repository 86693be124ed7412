"""Admin for the data administrators maintain: the allowance limits per year and
the procurement rounds (with their bidders and criteria)."""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from inspraak.core.bounds import parse_id, parse_ids

from .models import AllowanceLimits, ProcurementRound
from .permissions import organiser_ids


class AllowanceLimitsViewSet(SnippetViewSet):
    model = AllowanceLimits
    icon = "table"
    menu_label = _("Allowance limits")
    list_display = ["year", "hourly_21_plus", "hourly_under_21", "monthly", "yearly"]
    copy_view_enabled = False


def rounds_for(user):
    """The procurement rounds `user` sees in the admin: their own organisations'."""
    queryset = ProcurementRound.objects.select_related("organisation")
    if user.is_superuser:
        return queryset
    # Staff with model permissions still only see their own organisations.
    return queryset.filter(organisation_id__in=organiser_ids(user))


class _OwnRounds:
    def get_object_list(self):
        return rounds_for(self.request.user)


class _ChooseRounds(_OwnRounds, ChooseView):
    pass


class _ChooseRoundResults(_OwnRounds, ChooseResultsView):
    pass


class _ChosenRounds(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return rounds_for(self.request.user).filter(pk__in=parse_ids(pks))


class ProcurementRoundChooserViewSet(SnippetChooserViewSet):
    """The chooser lists, finds and returns only the rounds of the list."""

    choose_view_class = _ChooseRounds
    choose_results_view_class = _ChooseRoundResults
    chosen_multiple_view_class = _ChosenRounds

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)

        @wraps(view)
        def own_rounds_only(request, *args, **kwargs):
            pk = kwargs.get("pk")
            if pk is not None:
                number = parse_id(unquote(str(pk)))
                if number is None or not (
                    rounds_for(request.user).filter(pk=number).exists()
                ):
                    raise Http404
            return view(request, *args, **kwargs)

        return own_rounds_only


class ProcurementRoundViewSet(SnippetViewSet):
    model = ProcurementRound
    icon = "doc-full"
    menu_label = _("Procurement rounds")
    list_display = ["name", "reference", "organisation", "procedure", "published_on"]
    list_filter = ["procedure"]
    search_fields = ["name", "reference"]
    copy_view_enabled = False
    chooser_viewset_class = ProcurementRoundChooserViewSet

    def get_queryset(self, request):
        return rounds_for(request.user)


class ExpertsGroup(SnippetViewSetGroup):
    items = (ProcurementRoundViewSet, AllowanceLimitsViewSet)
    menu_icon = "user"
    menu_label = _("Experience experts")
    menu_name = "experience_experts"
    menu_order = 250


register_snippet(ExpertsGroup)
