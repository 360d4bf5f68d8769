from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from aln.accounts import forms
from aln.accounts.qr import key_for_typing, qr_svg
from aln.accounts.selectors import (
    invitable_authority_ids_for,
    organisation_choices_for,
    recovery_codes_left_for,
    two_step_app_for,
    two_step_rule_for,
)
from aln.accounts.services import (
    TwoStepTooManyTriesError,
    two_step_recovery_codes_make,
    two_step_set_up,
    two_step_turn_off,
    two_step_verify,
    user_invite,
    user_sign_in_failure_record,
    user_sign_in_record,
    user_sign_out_everywhere,
    user_sign_out_record,
)
from aln.accounts.two_step import (
    SESSION_NEW_CODES,
    SESSION_NEW_KEY,
    new_key,
    open_gate,
    safe_next,
    session_gate,
)
from aln.common.errors import ServiceError
from aln.common.i18n import CORRESPONDENCE_LANGUAGE_LABELS, error_message
from aln.common.permissions import ActionRequiredMixin, PublicMixin
from aln.domain.access import Action
from aln.domain.accounts import TwoStepError, TwoStepGate, may_turn_off_two_step
from aln.domain.roles import Role


class SignInView(PublicMixin, auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    form_class = forms.SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)  # signs in: `on_user_logged_in` sets the gate
        gate = session_gate(self.request)
        user_sign_in_record(actor=form.get_user(), gate=gate)
        if gate is TwoStepGate.OPEN:
            return response
        # Straight to the code (or set-up) page, carrying where the person was going.
        name = "accounts:two-step-code" if gate is TwoStepGate.CODE else "accounts:two-step-set-up"
        return redirect(f"{reverse(name)}?{urlencode({'next': self.get_success_url()})}")

    def form_invalid(self, form):
        if form.has_error("__all__", code="invalid_login"):
            user_sign_in_failure_record(email=form.data.get("username", ""))
        return super().form_invalid(form)


class SignOutView(PublicMixin, auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            user_sign_out_record(actor=request.user)
        return super().post(request, *args, **kwargs)


class PasswordResetView(PublicMixin, auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = forms.PasswordResetForm
    email_template_name = "accounts/emails/password_reset.txt"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")


class PasswordResetSentView(PublicMixin, auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(PublicMixin, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = forms.SetPasswordForm
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(PublicMixin, auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class AccountView(ActionRequiredMixin, TemplateView):
    """The signed-in person's own details, and "sign out everywhere"."""

    required_action = Action.ACCOUNT_MANAGE
    template_name = "accounts/account.html"

    def get_context_data(self, **kwargs):
        language = "cy" if self.actor.preferred_language == "cy" else "en"
        two_step_on = two_step_app_for(user=self.actor) is not None
        return super().get_context_data(
            account=self.actor,
            language=CORRESPONDENCE_LANGUAGE_LABELS[language],
            two_step_on=two_step_on,
            recovery_codes_left=recovery_codes_left_for(user=self.actor) if two_step_on else 0,
            may_turn_off=may_turn_off_two_step(two_step_rule_for(user=self.actor)),
            **kwargs,
        )


class AccountSignOutEverywhereView(ActionRequiredMixin, TemplateView):
    """GET asks to confirm (and changes nothing); POST ends every session, this one included."""

    required_action = Action.ACCOUNT_MANAGE
    template_name = "accounts/sign_out_everywhere.html"

    def post(self, request, *args, **kwargs):
        user_sign_out_everywhere(actor=self.actor)
        logout(request)
        # Added after the session is flushed, so it shows on the sign-in page (message cookie).
        messages.success(request, _("You have been signed out on all your browsers and devices."))
        return redirect("accounts:sign-in")


class UserInviteView(ActionRequiredMixin, FormView):
    required_action = Action.USER_INVITE
    template_name = "accounts/user_invite.html"
    form_class = forms.UserInviteForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisation_choices"] = organisation_choices_for(user=self.actor)
        kwargs["can_add_admins"] = invitable_authority_ids_for(user=self.actor) is None
        return kwargs

    def form_valid(self, form):
        try:
            user = user_invite(
                actor=self.actor,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                role=Role(form.cleaned_data["role"]),
                organisation=form.organisation(),
                preferred_language=form.cleaned_data["preferred_language"],
            )
        except ServiceError as error:
            field = form.organisation_field() if error.field == "organisation" else error.field
            form.add_error(field, error_message(error.code))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s has been added. We have emailed them a link to set their password.")
            % {"name": user.full_name},
        )
        return redirect("accounts:user-invite")


# --- Two-step sign-in (ADR 0015) ---------------------------------------------------------------


class TwoStepPageMixin(ActionRequiredMixin):
    """A page about the person's own two-step sign-in. Each sends the person on (to their account
    or where they were going) when there is nothing for them to do on it."""

    required_action = Action.ACCOUNT_MANAGE


class TwoStepCodeView(TwoStepPageMixin, FormView):
    """After the password: the code from the person's app, or one of their recovery codes."""

    template_name = "accounts/two_step_code.html"
    form_class = forms.TwoStepCodeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            gate = session_gate(request)
            if gate is TwoStepGate.SET_UP:
                return redirect(_with_next(reverse("accounts:two-step-set-up"), request))
            if gate is TwoStepGate.OPEN:
                return redirect(safe_next(request))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=safe_next(self.request), **kwargs)

    def form_valid(self, form):
        try:
            check = two_step_verify(actor=self.actor, code=form.cleaned_data["code"])
        except TwoStepTooManyTriesError as error:
            form.add_error("code", _too_many_tries_message(error.wait_seconds))
            return self.form_invalid(form)
        except ServiceError as error:
            form.add_error("code", error_message(error.code))
            return self.form_invalid(form)
        otp_login(self.request, check.device)
        open_gate(self.request)
        if check.recovery_code_used:
            messages.warning(self.request, _recovery_codes_left_message(check.recovery_codes_left))
        return redirect(safe_next(self.request))


def _with_next(url: str, request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next")
    return f"{url}?{urlencode({'next': safe_next(request)})}" if wanted else url


def _too_many_tries_message(seconds: int) -> str:
    if seconds < 60:
        return ngettext(
            "You have entered too many wrong codes. Wait %(count)s second, then try again",
            "You have entered too many wrong codes. Wait %(count)s seconds, then try again",
            seconds,
        ) % {"count": seconds}
    minutes = -(-seconds // 60)
    return ngettext(
        "You have entered too many wrong codes. Wait %(count)s minute, then try again",
        "You have entered too many wrong codes. Wait %(count)s minutes, then try again",
        minutes,
    ) % {"count": minutes}


def _recovery_codes_left_message(left: int) -> str:
    if left == 0:
        return _(
            "You have used your last recovery code. Get new recovery codes from your account "
            "page now."
        )
    return ngettext(
        "You used a recovery code. It will not work again. You have %(count)s recovery code left.",
        "You used a recovery code. It will not work again. You have %(count)s recovery codes left.",
        left,
    ) % {"count": left}


class TwoStepSetUpView(TwoStepPageMixin, FormView):
    """Set up an authenticator app: its key (typed or as a QR code), then a code to confirm."""

    template_name = "accounts/two_step_set_up.html"
    form_class = forms.TwoStepSetUpForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and two_step_app_for(user=request.user) is not None:
            # Already set up: a new app never replaces it before the person has given a code.
            if session_gate(request) is TwoStepGate.CODE:
                return redirect(_with_next(reverse("accounts:two-step-code"), request))
            return redirect(safe_next(request, reverse("accounts:account")))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        key = new_key(self.request)
        url = TOTPDevice(user=self.actor, key=key).config_url
        return super().get_context_data(
            key=key_for_typing(key),
            qr_code=qr_svg(url, title=_("QR code for your authenticator app")),
            required=session_gate(self.request) is TwoStepGate.SET_UP,
            next=self.request.POST.get("next") or self.request.GET.get("next", ""),
            **kwargs,
        )

    def form_valid(self, form):
        key = self.request.session.get(SESSION_NEW_KEY)
        if not key:  # the session lost the key (it expired): show a new one
            return redirect(_with_next(reverse("accounts:two-step-set-up"), self.request))
        try:
            device, codes = two_step_set_up(
                actor=self.actor, key=key, code=form.cleaned_data["code"]
            )
        except ServiceError as error:
            form.add_error("code", error_message(error.code))
            return self.form_invalid(form)
        otp_login(self.request, device)
        open_gate(self.request)
        del self.request.session[SESSION_NEW_KEY]
        self.request.session[SESSION_NEW_CODES] = codes
        return redirect(_with_next(reverse("accounts:two-step-recovery-codes"), self.request))


class TwoStepRecoveryCodesView(TwoStepPageMixin, TemplateView):
    """New recovery codes, shown once; "I have saved my codes" goes on."""

    template_name = "accounts/two_step_recovery_codes.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.session.get(SESSION_NEW_CODES):
            return redirect("accounts:account")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        codes = self.request.session[SESSION_NEW_CODES]
        return super().get_context_data(
            codes=[f"{code[:4]}-{code[4:]}" for code in codes],
            next=self.request.GET.get("next", ""),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        request.session.pop(SESSION_NEW_CODES, None)
        return redirect(safe_next(request))


class TwoStepNewRecoveryCodesView(TwoStepPageMixin, TemplateView):
    """GET asks to confirm; POST replaces the recovery codes and shows the new ones once."""

    template_name = "accounts/two_step_new_recovery_codes.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and two_step_app_for(user=request.user) is None:
            return redirect("accounts:account")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        request.session[SESSION_NEW_CODES] = two_step_recovery_codes_make(actor=self.actor)
        url = reverse("accounts:two-step-recovery-codes")
        return redirect(f"{url}?{urlencode({'next': reverse('accounts:account')})}")


class TwoStepTurnOffView(TwoStepPageMixin, TemplateView):
    """GET asks to confirm; POST turns two-step sign-in off, if the person's roles allow it."""

    template_name = "accounts/two_step_turn_off.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and two_step_app_for(user=request.user) is None:
            return redirect("accounts:account")
        if request.user.is_authenticated and not may_turn_off_two_step(
            two_step_rule_for(user=request.user)
        ):
            messages.warning(request, error_message(TwoStepError.REQUIRED))
            return redirect("accounts:account")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            two_step_turn_off(actor=self.actor)
        except ServiceError as error:
            messages.warning(request, error_message(error.code))
            return redirect("accounts:account")
        messages.success(request, _("Two-step sign-in is now off."))
        return redirect("accounts:account")
