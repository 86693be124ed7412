"""Middleware of the project."""

from django.conf import settings


class AdminContentSecurityPolicyMiddleware:
    """Give Wagtail's admin the looser policy it needs (it runs inline scripts);
    the public site keeps the strict SECURE_CSP. Sits below Django's CSP
    middleware, which reads `response._csp_config`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_config = settings.ADMIN_CSP
        return response
