from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from aln.accounts.services import user_set_language
from aln.common.permissions import PublicMixin

_LANGUAGE_CODES = {"en": "en-gb", "cy": "cy"}


class LanguageSwitchView(PublicMixin, View):
    """Switch between English and Cymraeg, remembered in a cookie and on the user's profile.

    A plain link (GET) so it works without JavaScript on every page, including sign-in; it changes
    nothing but the display language, so it is safe to follow from anywhere.
    """

    def get(self, request, language):
        code = _LANGUAGE_CODES.get(language)
        if code is None:
            raise Http404
        next_url = request.GET.get("next", "/")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = "/"
        if request.user.is_authenticated:
            user_set_language(actor=request.user, language=code)
        translation.activate(code)
        response = redirect(next_url)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite="Lax",
            httponly=True,
        )
        return response


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def server_error(request):
    return render(request, "errors/500.html", status=500)
