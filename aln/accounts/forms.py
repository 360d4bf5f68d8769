from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from aln.accounts.models import ORGANISATION_FIELD, User
from aln.common.forms.fields import GovukForm
from aln.common.i18n import CORRESPONDENCE_LANGUAGE_LABELS, ROLE_LABELS
from aln.domain.accounts import ADMIN_ONLY_ROLES
from aln.domain.roles import OrganisationKind, Role, organisation_kind_for
from aln.organisations.models import HealthBoard, LAService, LocalAuthority, Setting


class SignInForm(auth_forms.AuthenticationForm):
    error_summary = GovukForm.error_summary

    error_messages = {
        "invalid_login": _("Enter a correct email address and password"),
        "inactive": _("This account has been closed. Contact your ALN team if you need it."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].error_messages["required"] = _("Enter your email address")
        self.fields["password"].label = _("Password")
        self.fields["password"].error_messages["required"] = _("Enter your password")


class PasswordResetForm(auth_forms.PasswordResetForm):
    error_summary = GovukForm.error_summary

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["email"].error_messages["required"] = _("Enter your email address")
        self.fields["email"].error_messages["invalid"] = _(
            "Enter an email address in the correct format, like name@example.org"
        )

    def get_users(self, email):
        # Django skips accounts without a usable password, but invited people have none until
        # they set one: they must be able to ask for a fresh link if the invitation expired.
        return User.objects.filter(email__iexact=email, is_active=True)

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # Each person gets the email in the language they chose, whatever the page language.
        with translation.override(context["user"].preferred_language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class SetPasswordForm(auth_forms.SetPasswordForm):
    error_summary = GovukForm.error_summary

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = _(
            "Use at least 12 characters. A few unrelated words together make a strong password."
        )
        self.fields["new_password1"].error_messages["required"] = _("Enter a new password")
        self.fields["new_password2"].label = _("Confirm new password")
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = _("Confirm your new password")
        self.error_messages = {
            **self.error_messages,
            "password_mismatch": _("The passwords do not match"),
        }


class UserInviteForm(GovukForm):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter the person's full name")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        error_messages={
            "required": _("Enter the person's email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the person's role"),
            "invalid_choice": _("Select a role from the list"),
        },
    )
    local_authority: forms.ModelChoiceField[LocalAuthority] = forms.ModelChoiceField(
        queryset=LocalAuthority.objects.none(), required=False, label=_("Local authority")
    )
    setting: forms.ModelChoiceField[Setting] = forms.ModelChoiceField(
        queryset=Setting.objects.none(), required=False, label=_("School, setting or college")
    )
    service: forms.ModelChoiceField[LAService] = forms.ModelChoiceField(
        queryset=LAService.objects.none(), required=False, label=_("Local authority service")
    )
    health_board: forms.ModelChoiceField[HealthBoard] = forms.ModelChoiceField(
        queryset=HealthBoard.objects.none(), required=False, label=_("Health board")
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for emails"),
        widget=forms.RadioSelect,
        choices=[
            ("en-gb", CORRESPONDENCE_LANGUAGE_LABELS["en"]),
            ("cy", CORRESPONDENCE_LANGUAGE_LABELS["cy"]),
        ],
        error_messages={"required": _("Select the language for emails")},
    )

    def __init__(self, *args, organisation_choices, can_add_admins=False, **kwargs):
        super().__init__(*args, **kwargs)
        hidden = {Role.YOUNG_PERSON} | (set() if can_add_admins else set(ADMIN_ONLY_ROLES))
        cast(forms.ChoiceField, self.fields["role"]).choices = [
            (role.value, ROLE_LABELS[role]) for role in Role if role not in hidden
        ]
        for name, queryset in organisation_choices.items():
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.queryset = queryset
            field.empty_label = _("Select")
            field.error_messages["invalid_choice"] = _("Select an organisation from the list")

    def organisation_field(self) -> str | None:
        """The drop-down that holds the organisation for the chosen role (None if it needs none)."""
        kind = organisation_kind_for(Role(self.cleaned_data["role"]))
        return ORGANISATION_FIELD.get(kind)

    def organisation(self):
        """The organisation the chosen role needs, from the matching drop-down (or None)."""
        kind = organisation_kind_for(Role(self.cleaned_data["role"]))
        if kind is OrganisationKind.NONE:
            return None
        return self.cleaned_data.get(ORGANISATION_FIELD[kind])


class TwoStepCodeForm(GovukForm):
    """The code after the password: from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        error_messages={"required": _("Enter the code from your authenticator app")},
    )


class TwoStepSetUpForm(GovukForm):
    code = forms.CharField(
        label=_("Code from your app"),
        max_length=40,
        error_messages={"required": _("Enter the 6-digit code from your authenticator app")},
    )
