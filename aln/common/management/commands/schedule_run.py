"""Enqueue the periodic jobs of `aln/config/schedule.py` for the worker (`manage.py db_worker`).

`schedule_run` enqueues every job once (or only the jobs named), for cron or a systemd timer;
`schedule_run --loop` stays running and enqueues each job whenever its interval has passed, for
the embedded mode (`make run`). See `aln/config/schedule.py` for the crontab lines.
"""

import logging
from collections.abc import Iterable, Sequence
from time import monotonic, sleep

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections
from django.utils.module_loading import import_string
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from aln.config.schedule import JOBS, Job

logger = logging.getLogger(__name__)

# After the database refused an enqueue (SQLite busy, say), try that job again this soon.
RETRY_SECONDS = 10.0


class Timetable:
    """When each job is next due, on a monotonic clock (seconds); every job is due at the start."""

    def __init__(self, jobs: Iterable[Job], now: float):
        self.jobs = tuple(jobs)
        self.next_due = {job.name: now for job in self.jobs}

    def due(self, now: float) -> list[Job]:
        """The jobs due at `now`, each then scheduled one interval later."""
        due = [job for job in self.jobs if self.next_due[job.name] <= now]
        for job in due:
            self.next_due[job.name] = now + job.interval.total_seconds()
        return due

    def retry_soon(self, job: Job, now: float) -> None:
        self.next_due[job.name] = min(self.next_due[job.name], now + RETRY_SECONDS)

    def seconds_to_wait(self, now: float) -> float:
        return max(0.0, min(self.next_due.values()) - now)


def _already_waiting(task: Task) -> bool:
    """A run of this task is queued and not started (the worker is behind or down): skip it."""
    backend = task.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return False
    return (
        DBTaskResult.objects.ready()
        .filter(backend_name=backend.alias, task_path=task.module_path)
        .exists()
    )


class Command(BaseCommand):
    help = "Enqueue the periodic jobs (aln/config/schedule.py) for the task worker."

    def add_arguments(self, parser):
        parser.add_argument(
            "jobs",
            nargs="*",
            metavar="job",
            help="Only these jobs (default: all): " + ", ".join(job.name for job in JOBS),
        )
        parser.add_argument(
            "--loop",
            action="store_true",
            help="Keep running, enqueueing each job whenever its interval has passed.",
        )

    def handle(self, *args, jobs: Sequence[str], loop: bool, **options):
        selected = self._select(jobs)
        if not loop:
            for job in selected:
                self._enqueue(job)
            return
        self.stdout.write(
            "Scheduler started: "
            + ", ".join(f"{job.name} every {job.interval}" for job in selected)
        )
        try:
            self._loop(selected)
        except KeyboardInterrupt:
            self.stdout.write("Scheduler stopped.")

    def _select(self, names: Sequence[str]) -> list[Job]:
        known = {job.name: job for job in JOBS}
        unknown = [name for name in names if name not in known]
        if unknown:
            raise CommandError(
                f"Unknown job {', '.join(unknown)}; the jobs are: {', '.join(known)}"
            )
        return [known[name] for name in names] if names else list(JOBS)

    def _loop(self, jobs: Sequence[Job]) -> None:
        timetable = Timetable(jobs, monotonic())
        while True:
            for job in timetable.due(monotonic()):
                try:
                    self._enqueue(job)
                except DatabaseError:
                    logger.exception("Could not enqueue %s; trying again shortly", job.name)
                    timetable.retry_soon(job, monotonic())
            close_old_connections()
            sleep(timetable.seconds_to_wait(monotonic()))

    def _enqueue(self, job: Job) -> None:
        task = import_string(job.task)
        if _already_waiting(task):
            self.stdout.write(f"{job.name}: already queued, not added again")
            return
        task.enqueue()
        self.stdout.write(f"{job.name}: queued")
