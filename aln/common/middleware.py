import uuid

from django.conf import settings
from django.utils import translation

from aln.common.request_context import current_request_id


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the cookie and the browser's preference."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            language = user.preferred_language
            if language in dict(settings.LANGUAGES):
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


class RequestIdMiddleware:
    """Tags each request with an id that audit events record, to trace an action end to end."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request.headers.get("X-Request-Id", "")[:64] or uuid.uuid4().hex
        token = current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-Id"] = request.request_id
        return response
