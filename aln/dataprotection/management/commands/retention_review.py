"""`manage.py retention_review [--la CODE]`: list the records past their retention period.

Prints, for each local authority (or the one named by its Welsh Government code), every learner
whose file or plan documents are past the authority's retention period today, by id, date of birth
and what would be erased: never a name (the output may end up in logs). It changes nothing:
erasing is done by the authority's data protection officer on the "Records past their retention
period" page. The weekly email to data protection officers is `retention_review_notify_task`
(`aln/config/schedule.py`).
"""

from django.core.management.base import BaseCommand, CommandError
from django.core.paginator import Paginator

from aln.common.clock import today
from aln.dataprotection.selectors import (
    retention_candidate_rows,
    retention_candidates,
    retention_periods_for,
)
from aln.domain.retention import RecordType
from aln.organisations.models import LocalAuthority

BATCH = 500


class Command(BaseCommand):
    help = "List the learners whose records are past their retention period (changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--la", help="Only this local authority (its 3-digit code)")

    def handle(self, *args, **options):
        authorities = LocalAuthority.objects.order_by("name_en", "code")
        if options["la"]:
            authorities = authorities.filter(code=options["la"])
            if not authorities.exists():
                raise CommandError(f"No local authority has the code {options['la']}")
        on = today()
        periods = retention_periods_for(local_authority_ids=[la.pk for la in authorities])
        total = 0
        for authority in authorities:
            total += self._authority(authority, periods, on)
        self.stdout.write(f"Past their retention period on {on.isoformat()}: {total} learners")

    def _authority(self, authority, periods, on) -> int:
        mine = {authority.pk: periods[authority.pk]}
        pages = Paginator(retention_candidates(periods_by_authority=mine, on=on), BATCH)
        if not pages.count:
            return 0
        file_years = mine[authority.pk][RecordType.LEARNER_FILE]
        self.stdout.write(
            f"{authority.code} {authority.name_en}: {pages.count} learners "
            f"(learner file kept {file_years} years after birth)"
        )
        for number in pages.page_range:
            learners = list(pages.page(number).object_list)
            for row in retention_candidate_rows(
                learners=learners, periods_by_authority=mine, on=on
            ):
                self.stdout.write(
                    f"  {row.learner_id}  born {row.date_of_birth.isoformat()}  "
                    f"erasable from {row.erasable_from.isoformat()}  {row.scope.value}: "
                    f"{row.records} records, {row.documents} documents"
                    + ("  OPEN CASE" if row.has_open_case else "")
                )
        return pages.count
