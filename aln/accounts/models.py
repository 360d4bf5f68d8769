from functools import cached_property

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from aln.common.models import BaseModel, enum_check
from aln.domain.roles import OrganisationKind, Role, organisation_kind_for


class UserManager(BaseUserManager["User"]):
    def get_by_natural_key(self, username):
        # People type their email address with any capitals; addresses are stored lower-case.
        return self.get(email__iexact=username.strip())

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("Users sign in with an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address. What they may do comes from memberships."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    preferred_language = models.CharField(
        max_length=5, choices=[("en-gb", "English"), ("cy", "Cymraeg")], default="en-gb"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(auto_now_add=True)
    # Raised by "sign out everywhere" (`user_sign_out_everywhere`): it is part of the session auth
    # hash, so Django drops every session signed in before the change.
    session_generation = models.PositiveIntegerField(default=0)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    # Django keeps the session auth hash in each session and compares it on every request; a
    # mismatch flushes the session. Django's hash covers the password (a new password ends the
    # other sessions); ours adds `session_generation`. Generation 0 gives exactly Django's hash,
    # so sessions made before this field existed stay valid.
    def _session_auth_hash(self, secret=None) -> str:
        if self.session_generation:
            key_salt = "aln.accounts.models.User.get_session_auth_hash"
            value = f"{self.password}:{self.session_generation}"
        else:
            key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
            value = self.password
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def get_session_auth_hash(self) -> str:
        return self._session_auth_hash()

    def get_session_auth_fallback_hash(self):
        # Sessions signed while an old SECRET_KEY (SECRET_KEY_FALLBACKS) was in force.
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_auth_hash(secret=fallback_secret)

    @cached_property
    def active_memberships(self) -> list["Membership"]:
        """Loaded once per request; every permission check reads this list."""
        return list(
            self.memberships.filter(is_active=True).select_related(
                "local_authority", "setting", "setting__local_authority", "service", "health_board"
            )
        )


# The Membership column that holds each kind of organisation.
ORGANISATION_FIELD = {
    OrganisationKind.LOCAL_AUTHORITY: "local_authority",
    OrganisationKind.SETTING: "setting",
    OrganisationKind.LA_SERVICE: "service",
    OrganisationKind.HEALTH_BOARD: "health_board",
}


def organisation_constraints() -> list[models.CheckConstraint]:
    constraints = []
    for kind in OrganisationKind:
        roles = [role.value for role in Role if organisation_kind_for(role) is kind]
        required = ORGANISATION_FIELD.get(kind)
        fields_set = models.Q(
            **{f"{name}__isnull": name != required for name in ORGANISATION_FIELD.values()}
        )
        constraints.append(
            models.CheckConstraint(
                condition=~models.Q(role__in=roles) | fields_set,
                name=f"accounts_membership_{kind.value}_organisation",
            )
        )
    return constraints


class Membership(BaseModel):
    """A role held by a user in an organisation (or, for families and advocates, in none)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=40, choices=[(r.value, r.value) for r in Role])
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", null=True, blank=True, on_delete=models.PROTECT
    )
    setting = models.ForeignKey(
        "organisations.Setting", null=True, blank=True, on_delete=models.PROTECT
    )
    service = models.ForeignKey(
        "organisations.LAService", null=True, blank=True, on_delete=models.PROTECT
    )
    health_board = models.ForeignKey(
        "organisations.HealthBoard", null=True, blank=True, on_delete=models.PROTECT
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            enum_check("role", Role),
            # Each staff role names exactly the kind of organisation the domain says it needs.
            *organisation_constraints(),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.role}"

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def organisation(self):
        return self.setting or self.service or self.health_board or self.local_authority
