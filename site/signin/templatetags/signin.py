from django import template

from ..models import IdentityProvider

register = template.Library()


@register.simple_tag
def organisation_signin_available() -> bool:
    """Whether any organisation signs its staff in through its own provider."""
    return IdentityProvider.objects.filter(
        kind=IdentityProvider.Kind.STAFF, is_active=True
    ).exists()
