from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

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


class NulQueryMiddleware:
    """A NUL character in the address (`?q=%00`) answers 400 with a message: PostgreSQL refuses
    NUL in any text it is given, so every lookup it reached answered 500 (found by fuzzing the
    API, issue 9.18). No person types one; forms already refuse it in their fields."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            message = _("The address holds a character that is not text (NUL).")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
