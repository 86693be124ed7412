"""Who may do what with councils and advice. Views, the adoption task, the page
permission tester and templates ask these functions; they never compare roles
themselves."""

from django.db.models import Q

from wagtail.models import Page

from inspraak.organisations.models import Role
from inspraak.organisations.permissions import has_role

from .models.advice import AdvicePage
from .models.councils import CouncilMember, CouncilPage
from .models.yearly import CouncilYearReportPage

# The roles at the addressed organisation that answer advice.
ANSWERING_ROLES = (Role.ADVICE_RESPONDER, Role.POLICY, Role.ADMIN)


def council_role(user, council: CouncilPage) -> str | None:
    """The person's strongest current role in the council (chair, secretary,
    member), or None."""
    if not user.is_authenticated:
        return None
    roles = set(
        CouncilMember.objects.current()
        .filter(council_id=council.pk, user=user)
        .values_list("role", flat=True)
    )
    for role in CouncilMember.Role.values:  # declared strongest first
        if role in roles:
            return role
    return None


def is_member(user, council: CouncilPage) -> bool:
    """Current members (any role) may see and write drafts."""
    return user.is_superuser or council_role(user, council) is not None


def can_write(user, council: CouncilPage) -> bool:
    """Members write drafts and the council's reaction; an account under 16 waits
    for a parent's consent before it may post anything (see inspraak.accounts)."""
    return user.is_superuser or (is_member(user, council) and user.can_post)


def can_adopt(user, council: CouncilPage) -> bool:
    """Only the chair or the secretary approve advice on behalf of the council."""
    return council_role(user, council) in CouncilMember.ADOPTING_ROLES


def can_manage_terms(user, council: CouncilPage) -> bool:
    """The chair or the secretary extend members' terms (councils/terms.py)."""
    return council_role(user, council) in CouncilMember.ADOPTING_ROLES


def can_recruit(user, council: CouncilPage) -> bool:
    """The chair, the secretary or the coach open vacancies and decide on
    applications (councils/recruitment.py). A coach who is also a member counts."""
    return (
        user.is_authenticated
        and CouncilMember.objects.current()
        .filter(
            council_id=council.pk,
            user=user,
            role__in=CouncilMember.RECRUITING_ROLES,
        )
        .exists()
    )


def can_plan_meetings(user, council: CouncilPage) -> bool:
    """The chair or the secretary plan the council's meetings and add the minutes."""
    return council_role(user, council) in CouncilMember.ADOPTING_ROLES


def can_answer(user, advice: AdvicePage) -> bool:
    """Only staff of the addressed organisation with an answering role."""
    return user.is_authenticated and has_role(user, advice.addressee, *ANSWERING_ROLES)


def can_follow_up(user, advice: AdvicePage) -> bool:
    """Members of the council that gave the advice write its one reaction."""
    return can_write(user, advice.council)


def can_ask_advice(user, organisation) -> bool:
    return user.is_authenticated and has_role(
        user, organisation, Role.POLICY, Role.ADMIN, Role.ADVICE_RESPONDER
    )


def council_of(page: Page | None) -> CouncilPage | None:
    """The council a page in the councils tree belongs to: the council page itself,
    or the parent council of an advice or a yearly account. None for every other
    page."""
    if page is None:
        return None
    page_class = page.specific_class
    if page_class is not None and issubclass(page_class, CouncilPage):
        return page.specific
    if page_class is not None and issubclass(
        page_class, (AdvicePage, CouncilYearReportPage)
    ):
        parent = page.get_parent()
        return parent.specific if parent is not None else None
    return None


def may_adopt(user, page: Page) -> bool:
    """Who approves `page` in the adoption task: for advice and council pages the
    council's chair or secretary only (adoption is the council's own decision, so
    not even a superuser adopts for it); for the other pages of the councils tree
    (overview, tracker) a superuser, so that they never get stuck."""
    council = council_of(page)
    if council is None:
        return user.is_superuser
    return can_adopt(user, council)


def may_change(user, page: Page) -> bool:
    """Who may write in the councils tree at all, whatever their Wagtail groups
    allow: advice and yearly accounts only by the council's current members; the
    council page itself (which holds the member list, and so the roles) only by its
    chair or secretary. Superusers may do both."""
    if user.is_superuser:
        return True
    page_class = page.specific_class
    if page_class is not None and issubclass(
        page_class, (AdvicePage, CouncilYearReportPage)
    ):
        council = council_of(page)
        return council is not None and can_write(user, council)
    if page_class is not None and issubclass(page_class, CouncilPage):
        return can_adopt(user, page)
    return True


def without_other_councils_advice(pages, user):
    """`pages` without the advice (drafts included) of councils `user` is no current
    member of: in the admin a council's advice shows only to its members. The page
    explorer, the admin's page search, the admin API and the page chooser all pass
    through this function (wagtail_hooks.py)."""
    if user.is_superuser:
        return pages
    if not user.is_authenticated:
        return pages.exclude(pk__in=AdvicePage.objects.values("pk"))
    own_councils = list(
        CouncilPage.objects.filter(
            pk__in=CouncilMember.objects.current()
            .filter(user=user)
            .values("council_id")
        ).values_list("path", flat=True)
    )
    in_own_council = Q()
    for path in own_councils:
        in_own_council |= Q(path__startswith=path)
    others_advice = (
        AdvicePage.objects.exclude(in_own_council)
        if own_councils
        else AdvicePage.objects.all()
    )
    return pages.exclude(pk__in=others_advice.values("pk"))


def hidden_from(user, page) -> bool:
    """Whether `page` is another council's advice for `user` (see above)."""
    return not without_other_councils_advice(
        Page.objects.filter(pk=page.pk), user
    ).exists()
