from django import template

from aln.dataprotection.selectors import may_export_subject_access

register = template.Library()


@register.simple_tag
def subject_access_allowed(user, learner) -> bool:
    """`{% subject_access_allowed request.user learner as can_export %}`: whether to offer the
    learner's subject access export (the page itself checks again)."""
    return may_export_subject_access(user=user, learner=learner)
