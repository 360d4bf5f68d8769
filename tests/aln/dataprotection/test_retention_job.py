"""The retention job: `manage.py retention_review` lists what is past its period, and the weekly
task emails each authority's data protection officers a count (never a name)."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from aln.dataprotection.tasks import retention_review_notify_task
from aln.learners.models import Learner
from aln.notifications.models import OutboxMessage
from tests.factories import LearnerFactory, LocalAuthorityFactory, MembershipFactory

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat


@pytest.fixture(autouse=True)
def _monday():
    with time_machine.travel(
        datetime.datetime(2026, 6, 15, 7, 0, tzinfo=ZoneInfo("Europe/London")), tick=False
    ):
        yield


def _run(*args):
    out = io.StringIO()
    call_command("retention_review", *args, stdout=out)
    return out.getvalue()


def test_the_command_lists_ids_and_dates_never_names(authority, old_learner, young_learner):
    output = _run()
    assert str(old_learner.pk) in output
    assert "born 1980-03-14" in output
    assert "erasable from 2011-03-14" in output
    assert "learner_file" in output
    assert old_learner.last_name not in output
    assert old_learner.upn not in output
    assert str(young_learner.pk) not in output
    assert output.rstrip().endswith("Past their retention period on 2026-06-15: 1 learners")
    assert Learner.objects.filter(pk=old_learner.pk).exists()  # it changes nothing


def test_the_command_can_list_one_authority(authority, old_learner):
    other = LearnerFactory(
        home_local_authority=LocalAuthorityFactory(), date_of_birth=D("1970-01-01")
    )
    output = _run("--la", authority.code)
    assert str(old_learner.pk) in output
    assert str(other.pk) not in output


def test_the_command_refuses_an_unknown_authority():
    with pytest.raises(CommandError, match="No local authority has the code 000"):
        _run("--la", "000")


def test_the_weekly_task_emails_each_officer_a_count_once_a_week(authority, old_learner):
    english = MembershipFactory(role="data_protection_officer", local_authority=authority).user
    welsh = MembershipFactory(
        role="data_protection_officer",
        local_authority=authority,
        user__preferred_language="cy",
    ).user
    MembershipFactory(role="la_aln_manager", local_authority=authority)  # not told

    assert retention_review_notify_task.enqueue().return_value == 2
    assert retention_review_notify_task.enqueue().return_value == 0  # the same week: once

    emails = {email.to_email: email for email in OutboxMessage.objects.all()}
    assert set(emails) == {english.email, welsh.email}
    message = emails[english.email]
    assert message.subject == "1 learner's records are past their retention period"
    assert "In Demo Test County, the records of 1 learner are past" in message.body
    assert "/data-protection/retention/" in message.body
    assert old_learner.last_name not in message.subject + message.body
    assert emails[welsh.email].language == "cy"

    with time_machine.travel(
        datetime.datetime(2026, 6, 22, 7, 0, tzinfo=ZoneInfo("Europe/London")), tick=False
    ):
        assert retention_review_notify_task.enqueue().return_value == 2  # next week, again


def test_nobody_is_emailed_when_nothing_is_past_its_period(authority, young_learner):
    MembershipFactory(role="data_protection_officer", local_authority=authority)
    assert retention_review_notify_task.enqueue().return_value == 0
    assert not OutboxMessage.objects.exists()
