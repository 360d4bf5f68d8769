"""A person's private calendar feed of their deadlines, and the page to manage its address."""

import datetime
from typing import Any

import icalendar
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from aln.common.i18n import RULE_LABELS, label
from aln.common.permissions import (
    AccessLoggedMixin,
    ActionRequiredMixin,
    PublicMixin,
    user_roles,
)
from aln.deadlines.forms.feed import FeedActionForm
from aln.deadlines.models import CalendarFeedToken
from aln.deadlines.selectors.feed import feed_deadlines_for, feed_token_active_for, feed_token_get
from aln.deadlines.services.feed import feed_token_create, feed_token_mark_used, feed_token_revoke
from aln.domain.access import Action, any_role_may

# The new address waits here between the POST that makes it and the page that shows it, once.
_NEW_URL_SESSION_KEY = "deadlines.feed_new_url"


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


class FeedManageView(ActionRequiredMixin, TemplateView):
    """Create, replace or turn off the private address of the person's deadlines calendar."""

    required_action = Action.DEADLINE_FEED
    template_name = "deadlines/feed_manage.html"

    def get(self, request, *args, **kwargs):
        new_url = request.session.pop(_NEW_URL_SESSION_KEY, None)
        response = self.render_to_response(self.get_context_data(new_url=new_url))
        if new_url:
            add_never_cache_headers(response)  # the secret must not stay in the browser's cache
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["token"] = feed_token_active_for(user=self.actor)
        return context

    def post(self, request, *args, **kwargs):
        form = FeedActionForm(request.POST)
        if not form.is_valid():
            return redirect("deadlines:feed-manage")
        if form.cleaned_data["action"] == "revoke":
            if feed_token_revoke(actor=self.actor):
                messages.success(
                    request,
                    _(
                        "Your calendar address has been turned off. Calendar apps that use it "
                        "will stop showing your deadlines."
                    ),
                )
            return redirect("deadlines:feed-manage")
        raw = feed_token_create(actor=self.actor)
        request.session[_NEW_URL_SESSION_KEY] = _site_url(
            reverse("deadlines:feed", kwargs={"token": raw})
        )
        return redirect("deadlines:feed-manage")


def _locale(preferred_language: str) -> str:
    return "cy" if preferred_language.lower().startswith("cy") else "en-gb"


def _calendar(deadlines, calendar_name: str) -> bytes:
    """An iCalendar with one all-day event per deadline: rule and case reference, no names."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//ALN Cymru//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)
    calendar.add("x-published-ttl", "PT1H")
    for deadline in deadlines:
        case_url = _site_url(reverse("cases:case-detail", kwargs={"case_id": deadline.case_id}))
        values = {
            "rule": label(RULE_LABELS, deadline.rule_id),
            "reference": deadline.case.reference,
        }
        event = icalendar.Event()
        event.add("uid", f"{deadline.pk}@aln")
        event.add("dtstamp", deadline.updated_at)
        event.add("dtstart", deadline.due_on)
        event.add("dtend", deadline.due_on + datetime.timedelta(days=1))
        event.add("summary", _("%(rule)s (case %(reference)s)") % values)
        event.add(
            "description",
            _("Statutory deadline on case %(reference)s. Open the case: %(url)s")
            % {"reference": deadline.case.reference, "url": case_url},
        )
        event.add("url", case_url)
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        calendar.add_component(event)
    return calendar.to_ical()


class FeedView(AccessLoggedMixin, PublicMixin, View):
    """The feed itself, for calendar apps, which cannot sign in: the secret address is the key.

    Unknown, revoked or switched-off addresses answer 404. It never writes a session, needs no
    CSRF token (GET only), and tells caches not to keep it. It names no learner, but each
    deadline's case reference and dates are about one: every fetch is logged as a download by
    the address's owner, with how many deadlines it held.
    """

    public = True
    http_method_names = ["get", "head"]
    access_event = "deadline.feed_downloaded"
    record_attr = "feed_token"
    feed_token: CalendarFeedToken
    exported = 0

    def access_actor(self) -> Any:
        return self.feed_token.user

    def access_details(self) -> dict[str, Any]:
        return {"deadlines": self.exported}

    def get(self, request, token):
        feed_token = feed_token_get(raw=token)
        if feed_token is None:
            raise Http404
        user = feed_token.user
        if not any_role_may(user_roles(user), Action.DEADLINE_FEED):
            raise Http404  # left their organisation: the address stops working
        feed_token_mark_used(token=feed_token)
        self.feed_token = feed_token
        deadlines = list(feed_deadlines_for(user=user))
        self.exported = len(deadlines)
        with translation.override(_locale(user.preferred_language)):
            body = _calendar(deadlines, _("Additional learning needs deadlines"))
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        return response
