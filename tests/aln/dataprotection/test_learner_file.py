"""The learner file covers every kind of record that reaches a learner (nothing silently left
out of an export or left behind by an erasure)."""

from django.apps import apps

from aln.common.i18n import SUBJECT_ACCESS_SECTION_LABELS
from aln.dataprotection.learner_file import SECTIONS, deletion_order
from aln.learners.models import FamilyMember, Learner

# Models that reach a learner through foreign keys but are deliberately NOT in the learner file.
# Each needs a reason. Empty today: everything that reaches a learner is exported and erased.
EXCLUDED: dict[str, str] = {}

# Sections that do not reach the learner through their own foreign keys, but are about them.
EXTRAS = {
    # A parent or carer: reached through the learner's family links (a reverse relation);
    # shared with brothers and sisters, so erased only when no learner is linked any more.
    FamilyMember,
}


def models_reaching_learner() -> set[type]:
    """Every installed model with a chain of foreign keys (or one-to-one keys) to `Learner`."""
    reaching: set[type] = {Learner}
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            if model in reaching:
                continue
            if any(
                field.is_relation and field.related_model in reaching
                for field in model._meta.concrete_fields
            ):
                reaching.add(model)
                changed = True
    return reaching


def test_every_model_that_reaches_a_learner_is_in_the_learner_file():
    exported = {section.model for section in SECTIONS}
    missing = {
        model._meta.label
        for model in models_reaching_learner()
        if model not in exported and model._meta.label not in EXCLUDED
    }
    assert not missing, (
        f"{sorted(missing)} reach Learner but are not in aln.dataprotection.learner_file."
        "SECTIONS: add them (and a label in SUBJECT_ACCESS_SECTION_LABELS), or list them in "
        "EXCLUDED here with the reason."
    )


def test_the_learner_file_holds_nothing_that_does_not_reach_a_learner():
    exported = {section.model for section in SECTIONS}
    assert exported - models_reaching_learner() == EXTRAS


def test_every_section_has_a_label_for_the_readme():
    assert set(SUBJECT_ACCESS_SECTION_LABELS) == {section.key for section in SECTIONS}


def test_records_are_deleted_before_the_records_they_point_to():
    order = [section.model for section in deletion_order()]
    assert sorted(order, key=id) == sorted((s.model for s in SECTIONS), key=id)
    for position, model in enumerate(order):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in order:
                assert order.index(field.related_model) > position, (model, field.name)
