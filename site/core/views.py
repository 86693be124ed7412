from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import check_channel_layer, check_database


@never_cache
@require_GET
def health(request):
    """JSON for load balancers and monitoring: 200 when all is well, else 503."""
    checks = {"database": check_database(), "channel_layer": check_channel_layer()}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks},
        status=200 if healthy else 503,
    )
