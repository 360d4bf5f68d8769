"""Every code the domain hands the interface has words in `aln.common.i18n`."""

import pytest
from django.utils import translation

from aln.common import i18n
from aln.domain import idp


def _constants(prefix: str) -> set[str]:
    return {value for name, value in vars(idp).items() if name.startswith(prefix)}


@pytest.mark.parametrize(
    ("prefix", "messages"),
    [("MSG_", i18n.OUTCOME_PROBLEM_MESSAGES), ("SUGGEST_", i18n.OUTCOME_SUGGESTION_MESSAGES)],
)
def test_every_outcome_checker_key_has_a_message_in_both_languages(prefix, messages):
    assert set(messages) == _constants(prefix)
    for key, text in messages.items():
        with translation.override("en-gb"):
            english = str(text)
        with translation.override("cy"):
            welsh = str(text)
        assert welsh != english, key  # translated, not left in English


def test_an_outcome_problem_reads_as_a_sentence_with_the_words_found():
    problem = next(
        p for p in idp.check_outcome("Improve reading.", "en").problems if p.code == "vague"
    )
    with translation.override("en-gb"):  # never the language an earlier request left active
        message = str(i18n.OUTCOME_PROBLEM_MESSAGES[problem.message_key]) % {
            "evidence": problem.evidence
        }
    assert message.startswith("“Improve”") or message.startswith("“improve”")
