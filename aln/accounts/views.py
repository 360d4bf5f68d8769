from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from aln.accounts import forms
from aln.accounts.selectors import invitable_authority_ids_for, organisation_choices_for
from aln.accounts.services import user_invite, user_sign_out_everywhere
from aln.common.errors import ServiceError
from aln.common.i18n import CORRESPONDENCE_LANGUAGE_LABELS, error_message
from aln.common.permissions import ActionRequiredMixin, PublicMixin
from aln.domain.access import Action
from aln.domain.roles import Role


class SignInView(PublicMixin, auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    form_class = forms.SignInForm
    redirect_authenticated_user = True


class SignOutView(PublicMixin, auth_views.LogoutView):
    pass


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
        return super().get_context_data(
            account=self.actor, language=CORRESPONDENCE_LANGUAGE_LABELS[language], **kwargs
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
