from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from aln.common.permissions import user_roles
from aln.domain.access import Action, any_role_may


def language(request):
    """`html_lang` for <html lang>, and the other language for the switch."""
    current = translation.get_language() or "en-gb"
    is_welsh = current.startswith("cy")
    return {
        "html_lang": "cy" if is_welsh else "en-GB",
        "is_welsh": is_welsh,
    }


def navigation(request):
    """Service navigation: only the pages this user's roles may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    roles = user_roles(user)
    path = request.path
    candidates = [
        (reverse("home:home"), _("Home"), Action.HOME_VIEW),
        (reverse("learners:learner-search"), _("Learners"), Action.LEARNER_SEARCH),
        (reverse("deadlines:deadline-list"), _("Deadlines"), Action.DEADLINE_LIST),
        (reverse("deadlines:calendar"), _("Term dates"), Action.CALENDAR_VIEW),
        (reverse("notices:provider-list"), _("Support providers"), Action.PROVIDER_MANAGE),
        (reverse("accounts:user-invite"), _("Add a user"), Action.USER_INVITE),
        (reverse("audit:search"), _("Audit trail"), Action.AUDIT_SEARCH),
        (reverse("dataprotection:retention"), _("Retention"), Action.RETENTION_MANAGE),
        (reverse("accounts:account"), _("Your account"), Action.ACCOUNT_MANAGE),
    ]
    items = []
    for href, text, action in candidates:
        if any_role_may(roles, action):
            is_current = path == href if href == "/" else path.startswith(href)
            items.append({"href": href, "text": text, "current": is_current})
    return {"navigation": items}
