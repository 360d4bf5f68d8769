"""`manage.py demo_load`: build the fictional demo local authority and print its logins."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from aln.common.i18n import CLOSED_BECAUSE_LABELS, ROLE_LABELS, STAGE_LABELS, label
from aln.demo import builder
from aln.demo.cases import demo_cases
from aln.demo.disputes import demo_disputes
from aln.demo.plans import demo_plans, plan_path
from aln.domain.roles import Role


class Command(BaseCommand):
    help = (
        "Build the fictional Demo County Borough Council with settings, services, staff, "
        "families and learners (DEMO_MODE only). Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="seed for the fictional data")
        parser.add_argument(
            "--learners", type=int, default=2000, help="number of learners (default 2,000)"
        )

    def handle(self, *args: object, seed: int, learners: int, **options: object) -> None:
        if not settings.DEMO_MODE:
            raise CommandError(
                "demo_load only runs when DEMO_MODE is on: it creates fictional people who all "
                "share a published password. Set DEMO_MODE=1 (never in production)."
            )
        if not builder.MIN_LEARNERS <= learners <= builder.MAX_LEARNERS:
            raise CommandError(
                f"--learners must be between {builder.MIN_LEARNERS} and {builder.MAX_LEARNERS:,}"
            )
        existing = builder.demo_authority()
        if existing is not None:
            count = existing.resident_learners.count()
            self.stdout.write(
                f"The demo authority ({existing.name_en}) is already loaded with {count:,} "
                "learners; nothing was changed. Use a fresh database to rebuild it."
            )
        else:
            started = time.perf_counter()
            plan = builder.make_plan(seed=seed, learners=learners)
            authority = builder.build(plan, password=settings.DEMO_PASSWORD)
            seconds = time.perf_counter() - started
            self.stdout.write(
                self.style.SUCCESS(
                    f"Built {authority.name_en} (seed {seed}): {len(plan.learners):,} learners, "
                    f"{len(plan.enrolments):,} enrolments, "
                    f"{len(plan.family_members):,} family members, "
                    f"{len(builder.SETTINGS)} settings in {seconds:.1f}s."
                )
            )
        self._print_logins()
        self._print_cases()
        self._print_plans()
        self._print_disputes()

    def _print_cases(self) -> None:
        authority = builder.demo_authority()
        rows = demo_cases(authority) if authority is not None else []
        if not rows:
            return
        with translation.override("en-gb"):
            stages = [
                f"{STAGE_LABELS[row.stage]}: {label(CLOSED_BECAUSE_LABELS, row.closed_because)}"
                if row.closed_because
                else str(STAGE_LABELS[row.stage])
                for row in rows
            ]
        site = settings.SITE_URL.rstrip("/")
        self.stdout.write("")
        self.stdout.write("Example cases, one at each stage (sign in as the person shown)")
        for stage, row in zip(stages, rows, strict=True):
            self.stdout.write("")
            self.stdout.write(f"  {stage}")
            self.stdout.write(f"    {row.learner}, {site}/cases/{row.case_id}/ ({row.sign_in_as})")

    def _print_plans(self) -> None:
        authority = builder.demo_authority()
        rows = demo_plans(authority) if authority is not None else []
        if not rows:
            return
        site = settings.SITE_URL.rstrip("/")
        self.stdout.write("")
        self.stdout.write("Example plans, one of each kind (sign in as the person shown)")
        for row in rows:
            self.stdout.write("")
            self.stdout.write(f"  {row.summary}")
            self.stdout.write(
                f"    {row.learner}, {site}{plan_path(row.idp_id)} ({row.sign_in_as})"
            )

    def _print_disputes(self) -> None:
        authority = builder.demo_authority()
        rows = demo_disputes(authority) if authority is not None else []
        if not rows:
            return
        site = settings.SITE_URL.rstrip("/")
        self.stdout.write("")
        self.stdout.write("Example disagreements, one of each kind (sign in as the person shown)")
        for row in rows:
            self.stdout.write("")
            self.stdout.write(f"  {row.summary}")
            learner = f"{row.learner}, " if row.learner else ""
            self.stdout.write(f"    {learner}{site}{row.path} ({row.sign_in_as})")

    def _print_logins(self) -> None:
        logins = builder.demo_logins()
        with translation.override("en-gb"):
            roles = {login.role: str(ROLE_LABELS[Role(login.role)]) for login in logins}
        email_width = max(len("Email"), *(len(login.email) for login in logins))
        role_width = max(len("Role"), *(len(role) for role in roles.values()))
        self.stdout.write("")
        self.stdout.write("Demo logins")
        self.stdout.write("")
        self.stdout.write(f"  {'Email':<{email_width}}  {'Role':<{role_width}}  Organisation")
        self.stdout.write(f"  {'-' * email_width}  {'-' * role_width}  {'-' * 12}")
        for login in logins:
            self.stdout.write(
                f"  {login.email:<{email_width}}  {roles[login.role]:<{role_width}}  "
                f"{login.organisation}"
            )
        self.stdout.write("")
        self.stdout.write(f"Password for every demo login: {settings.DEMO_PASSWORD}")
        self.stdout.write(f"Sign in at {settings.SITE_URL.rstrip('/')}/")
        self._print_two_step()

    def _print_two_step(self) -> None:
        if settings.MFA_REQUIRED:
            self.stdout.write(
                "Two-step sign-in is on: staff logins set up an authenticator app when they "
                "first sign in."
            )
        else:
            self.stdout.write(
                "Two-step sign-in is off for the demo. To try it, run: MFA_REQUIRED=1 make run"
            )
