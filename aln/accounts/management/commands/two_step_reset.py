"""`manage.py two_step_reset EMAIL --reason "..."`: for someone who lost their phone and codes."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from aln.accounts.models import User
from aln.accounts.services import two_step_reset


class Command(BaseCommand):
    help = (
        "Take away a person's authenticator app and recovery codes and end all their sessions "
        "(they lost their phone). Check who is asking first. The audit trail records it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the person's email address")
        parser.add_argument(
            "--reason", required=True, help="why, for the audit trail (e.g. a ticket number)"
        )

    def handle(self, *args: object, email: str, reason: str, **options: object) -> None:
        if not reason.strip():
            raise CommandError("Give a reason (--reason) for the audit trail")
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account has the email address {email}")
        two_step_reset(actor=None, user=user, reason=reason.strip())
        self.stdout.write(
            f"Two-step sign-in is reset for {user.email} and their sessions are ended. "
            "At their next sign-in they set it up again if their role needs it."
        )
