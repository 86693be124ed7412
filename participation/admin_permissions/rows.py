"""Rows that hang off a consultation ("you said, we did", live sessions) in the
admin: Wagtail's model permissions on the organiser's own organisation's rows only,
on every view of a viewset and in its chooser."""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.db.models import QuerySet
from django.http import Http404

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
)

from inspraak.core.bounds import parse_id, parse_ids

from ..permissions import organised
from .group import MODEL_ACTIONS

# The actions that make a row show up for someone at all.
SEE_ACTIONS = MODEL_ACTIONS


class OrganisedModelPolicy(ModelPermissionPolicy):
    """Model permissions (from the organisers' group) on the rows of consultations
    of the person's own organisations only."""

    def __init__(self, model, organisation_field: str):
        super().__init__(model)
        self.organisation_field = organisation_field

    def instances_user_has_any_permission_for(self, user, actions):
        return organised(
            super().instances_user_has_any_permission_for(user, actions),
            user,
            self.organisation_field,
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if instance.pk is None:
            return self.user_has_any_permission(user, actions)
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)


def visible_rows(model, user) -> QuerySet:
    """The rows of `model` `user` may see in the admin at all."""
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
        user, SEE_ACTIONS
    )


def only_visible_rows(view, model):
    """Wrap a viewset's view: a row outside the person's scope is not found, on
    every URL that names one (edit, delete, inspect, history, usage, copy,
    chosen)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None and (
            (row_id := parse_id(unquote(str(pk)))) is None
            or not visible_rows(model, request.user).filter(pk=row_id).exists()
        ):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


class OrganisedViewSetMixin:
    """For a ModelViewSet or SnippetViewSet: every view that names a row checks it
    is in scope; the listing shows only rows in scope."""

    def construct_view(self, view_class, **kwargs):
        return only_visible_rows(
            super().construct_view(view_class, **kwargs), self.model
        )

    def get_queryset(self, request):
        return visible_rows(self.model, request.user)


class _VisibleChooseMixin:
    def get_object_list(self):
        return visible_rows(self.model_class, self.request.user)


class _VisibleChooseView(_VisibleChooseMixin, ChooseView):
    pass


class _VisibleChooseResultsView(_VisibleChooseMixin, ChooseResultsView):
    pass


class _VisibleChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return visible_rows(self.model_class, self.request.user).filter(
            pk__in=parse_ids(pks)
        )


class OrganisedChooserViewSet(SnippetChooserViewSet):
    """The snippet chooser of a scoped model: lists, finds and returns rows in
    scope only."""

    choose_view_class = _VisibleChooseView
    choose_results_view_class = _VisibleChooseResultsView
    chosen_multiple_view_class = _VisibleChosenMultipleView

    def construct_view(self, view_class, **kwargs):
        return only_visible_rows(
            super().construct_view(view_class, **kwargs), self.model
        )
