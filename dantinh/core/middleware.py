from django.shortcuts import render

from dantinh.core.errors import PermissionDeniedError, ValidationError


class DomainErrorMiddleware:
    """Turns a service's refusal that reaches a view into the page a person expects."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.path.startswith("/api/"):
            return None  # the API has its own exception handler
        if isinstance(exception, PermissionDeniedError):
            return render(request, "403.html", {"message": exception.message}, status=403)
        if isinstance(exception, ValidationError):
            return render(request, "400.html", {"message": exception.message}, status=400)
        return None
