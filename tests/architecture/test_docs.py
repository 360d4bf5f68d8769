"""Documents that describe code say what the code does."""

from pathlib import Path

from aln.domain.process import TRANSITIONS

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _transition_row(t) -> str:
    parties = ", ".join(sorted(p.value for p in t.by))
    effects = ", ".join(e.value for e in t.effects) or "—"
    return (
        f"| {t.source.value} | {t.action.value} | {t.target.value} | {parties} | `{t.event}` | "
        f"{effects} | {t.when or '—'} |"
    )


def test_the_case_process_document_shows_every_transition():
    text = (DOCS / "case-process.md").read_text()
    missing = [_transition_row(t) for t in TRANSITIONS if _transition_row(t) not in text]
    assert not missing, "docs/case-process.md is out of date:\n" + "\n".join(missing)
