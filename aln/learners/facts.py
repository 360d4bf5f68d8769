"""Turns database rows into the plain facts the access policy in `aln.domain.access` reads."""

import datetime

from aln.domain.access import ActorFacts, LearnerFacts, MembershipFacts


def actor_facts(user) -> ActorFacts:
    return ActorFacts(
        user_id=user.pk,
        memberships=tuple(
            MembershipFacts(
                role=m.role_enum,
                local_authority_id=m.local_authority_id,
                setting_id=m.setting_id,
                service_id=m.service_id,
                health_board_id=m.health_board_id,
            )
            for m in user.active_memberships
        ),
    )


def learner_facts(learner, on: datetime.date) -> LearnerFacts:
    current = [
        e
        for e in learner.enrolments.all()
        if e.started_on <= on and (e.ended_on is None or e.ended_on >= on)
    ]
    return LearnerFacts(
        home_local_authority_id=learner.home_local_authority_id,
        looked_after_by_id=learner.looked_after_by_id,
        current_setting_ids=frozenset(e.setting_id for e in current),
        current_setting_authority_ids=frozenset(e.setting.local_authority_id for e in current),
        family_user_ids=frozenset(
            link.family_member.user_id
            for link in learner.family_links.all()
            if link.family_member.user_id
        ),
        own_user_id=learner.user_id,
        granted_user_ids=frozenset(
            g.user_id
            for g in learner.access_grants.all()
            if g.expires_on is None or g.expires_on >= on
        ),
    )
