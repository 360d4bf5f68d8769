"""Build a large demo LA in a throwaway database and time the learner list. Reports, never tests.

    python -m aln.demo.benchmark [--learners 60000] [--repeat 7]

Uses the test settings and a fresh SQLite file under var/ (deleted afterwards), unless
DATABASE_URL is already set, in which case that database is used and kept.
"""

import argparse
import datetime
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def _configure(database_file: Path | None) -> None:
    # Must happen before Django reads its settings.
    os.environ["DJANGO_SETTINGS_MODULE"] = "aln.config.settings.test"
    os.environ["DEMO_MODE"] = "1"
    if database_file is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{database_file}"


def _median_ms(run: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _measure(learners: int, repeat: int) -> list[tuple[str, str, str]]:
    import django  # noqa: PLC0415 - only after the environment names the settings

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connections  # noqa: PLC0415

    from aln.accounts.models import User  # noqa: PLC0415
    from aln.demo import builder  # noqa: PLC0415
    from aln.learners.selectors import LearnerSearch, learner_list_for  # noqa: PLC0415

    call_command("migrate", verbosity=0, interactive=False)
    already_loaded = builder.demo_authority() is not None
    started = time.perf_counter()
    call_command("demo_load", "--learners", str(learners), stdout=io.StringIO())
    build_seconds = time.perf_counter() - started
    authority = builder.demo_authority()
    assert authority is not None  # noqa: S101 - demo_load has just built or found it
    total = authority.resident_learners.count()
    build_note = "already loaded, not rebuilt" if already_loaded else f"{total:,} learners"
    rows = [("Build demo LA (demo_load)", build_note, f"{build_seconds * 1000:,.0f}")]

    cases = [
        ("LA officer, first page", "la.officer", None),
        ("ALNCo, first page", "alnco", None),
        ("LA officer, name search 'megan jones'", "la.officer", LearnerSearch(name="megan jones")),
        ("ALNCo, name search 'osian'", "alnco", LearnerSearch(name="osian")),
    ]
    for label, local, search in cases:
        email = f"{local}@{builder.DEMO_EMAIL_DOMAIN}"

        def first_page(email: str = email, search: LearnerSearch | None = search) -> int:
            # A fresh user each time: memberships are loaded once per request, as in a view.
            user = User.objects.get(email=email)
            queryset = learner_list_for(user=user, search=search)
            list(queryset[:25])
            return queryset.count()

        matches = first_page()  # also warms SQLite's page cache, as a running server would be
        milliseconds = _median_ms(first_page, repeat)
        rows.append((label, f"{matches:,} matches", f"{milliseconds:.1f}"))
    rows += _measure_clock(authority, repeat)
    connections.close_all()
    return rows


def _measure_clock(authority, repeat: int) -> list[tuple[str, str, str]]:
    """Recompute every open deadline of the LA, and time the deadlines dashboard."""
    from django.db import connection, transaction  # noqa: PLC0415
    from django.db.models import F  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import setup_test_environment  # noqa: PLC0415

    from aln.accounts.models import User  # noqa: PLC0415
    from aln.deadlines.models import CalendarTerm, Deadline  # noqa: PLC0415
    from aln.deadlines.services.deadlines import deadlines_recompute  # noqa: PLC0415
    from aln.demo import builder  # noqa: PLC0415

    deadlines = Deadline.objects.filter(local_authority=authority)
    open_count = deadlines.filter(state="open").count()

    def recompute() -> int:
        return deadlines_recompute(actor=None, local_authority_id=authority.pk, reason="Benchmark")

    rows = []
    with transaction.atomic():
        started = time.perf_counter()
        recompute()
        seconds = time.perf_counter() - started
    rows.append(
        (
            f"Recompute all deadlines, none move ({deadlines.count():,} in the LA)",
            f"{open_count:,} open",
            f"{seconds * 1000:,.0f}",
        )
    )
    # Move every LA term a week later, so every school-day due date moves; then roll back.
    with transaction.atomic():
        week = datetime.timedelta(days=7)
        CalendarTerm.objects.filter(local_authority=authority, setting=None).update(
            starts_on=F("starts_on") + week, ends_on=F("ends_on") + week
        )
        started = time.perf_counter()
        moved = recompute()
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    rows.append(
        (
            "Recompute after a term-date change (audited)",
            f"{moved:,} moved",
            f"{seconds * 1000:,.0f}",
        )
    )

    setup_test_environment()  # lets the test client's "testserver" host through ALLOWED_HOSTS
    client = Client()
    client.force_login(User.objects.get(email=f"la.officer@{builder.DEMO_EMAIL_DOMAIN}"))
    for label, url in [
        ("Deadlines dashboard, LA officer, first page", "/deadlines/"),
        ("Deadlines dashboard, LA officer, overdue", "/deadlines/?view=overdue"),
    ]:
        client.get(url)  # warm up, as a running server would be
        queries: list[str] = []

        def count(run, sql, *args, queries=queries):
            queries.append(sql)
            return run(sql, *args)

        # A request resets Django's query log, so count with an execute wrapper instead.
        with connection.execute_wrapper(count):
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        milliseconds = _median_ms(partial(client.get, url), repeat)
        rows.append((label, f"{len(queries)} queries", f"{milliseconds:.1f}"))
    return rows


def _print_table(rows: list[tuple[str, str, str]], learners: int, repeat: int) -> None:
    width = max(len(row[0]) for row in rows)
    rows_width = max(len(row[1]) for row in rows)
    out = sys.stdout
    out.write(f"\nDemo benchmark: {learners:,} learners, median of {repeat} runs per query\n")
    out.write("(each query: first 25 rows plus the total count, memberships loaded fresh)\n\n")
    out.write(f"  {'What':<{width}}  {'Rows':<{rows_width}}  {'ms':>9}\n")
    out.write(f"  {'-' * width}  {'-' * rows_width}  {'-' * 9}\n")
    for label, count, milliseconds in rows:
        out.write(f"  {label:<{width}}  {count:<{rows_width}}  {milliseconds:>9}\n")
    out.write("\n")


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--learners", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=7, help="runs per query (median is shown)")
    args = parser.parse_args(argv)

    database_file = None
    if not os.environ.get("DATABASE_URL"):
        (BASE_DIR / "var").mkdir(exist_ok=True)
        database_file = BASE_DIR / "var" / f"benchmark-{os.getpid()}.sqlite3"
    _configure(database_file)
    try:
        rows = _measure(args.learners, args.repeat)
    finally:
        if database_file is not None:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{database_file}{suffix}").unlink(missing_ok=True)
    _print_table(rows, args.learners, args.repeat)


if __name__ == "__main__":
    main()
