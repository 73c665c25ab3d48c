from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """The interface speaks the deployment's language (Vietnamese) unless the person chose
    another one: unlike Django's LocaleMiddleware, the browser's Accept-Language is ignored, so
    an official whose browser is set to English still sees the Vietnamese interface."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):  # restored afterwards: threads are reused
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
