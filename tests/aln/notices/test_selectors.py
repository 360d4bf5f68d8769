"""Notices are read through the cases the user may see; providers are the LA's active ones."""

import datetime

import pytest

from aln.domain.notices import ProviderKind
from aln.notices.content import Contact
from aln.notices.models import Notice, SupportProvider
from aln.notices.selectors import (
    contact_of,
    notice_get_for,
    notice_list_for_case,
    providers_for_notice,
    support_provider_get_for,
    support_provider_list,
)
from tests.factories import (
    CaseFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    NoticeFactory,
    SupportProviderFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(school):
    learner = EnrolmentFactory(
        setting=school, learner__home_local_authority=school.local_authority
    ).learner
    return NoticeFactory(case=CaseFactory(learner=learner, setting=school))


def _parent_of(learner):
    user = UserFactory()
    MembershipFactory(user=user, role="parent")
    FamilyLinkFactory(learner=learner, family_member=FamilyMemberFactory(user=user))
    return user


def test_people_who_see_the_case_see_its_notices(notice, authority, school):
    officer = MembershipFactory(role="la_aln_officer", local_authority=authority).user
    alnco = MembershipFactory(role="alnco", setting=school).user
    parent = _parent_of(notice.learner)
    for user in (officer, alnco, parent):
        assert notice_get_for(user=user, notice_id=notice.pk) == notice
        assert notice_list_for_case(user=user, case=notice.case) == [notice]


def test_nobody_else_sees_them(notice):
    other_la = MembershipFactory(
        role="la_aln_officer", local_authority=LocalAuthorityFactory()
    ).user
    other_parent = _parent_of(EnrolmentFactory().learner)
    admin = MembershipFactory(role="system_admin").user
    for user in (other_la, other_parent, admin):
        with pytest.raises(Notice.DoesNotExist):
            notice_get_for(user=user, notice_id=notice.pk)
        assert notice_list_for_case(user=user, case=notice.case) == []


def test_notices_are_listed_in_the_order_given(notice):
    later = NoticeFactory(case=notice.case, given_on=datetime.date(2026, 12, 1))
    earlier = NoticeFactory(case=notice.case, given_on=datetime.date(2026, 11, 1))
    officer = MembershipFactory(role="la_aln_officer", local_authority=notice.local_authority).user
    assert notice_list_for_case(user=officer, case=notice.case) == [earlier, notice, later]


def test_providers_for_a_notice_are_the_las_active_ones(authority):
    active = SupportProviderFactory(
        local_authority=authority, kind="information_and_advice", name_en="Advice"
    )
    SupportProviderFactory(local_authority=authority, is_active=False)
    SupportProviderFactory()  # another LA's
    assert support_provider_list(authority.pk) == [active]
    assert len(support_provider_list(authority.pk, include_inactive=True)) == 2
    (provider,) = providers_for_notice(local_authority_id=authority.pk)
    assert provider.kind is ProviderKind.INFORMATION_AND_ADVICE
    assert provider.name == "Advice"
    assert provider.name_cy == active.name_cy
    assert provider.description_cy == active.description_cy


def test_only_the_las_manager_gets_a_provider(authority):
    provider = SupportProviderFactory(local_authority=authority)
    manager = MembershipFactory(role="la_aln_manager", local_authority=authority).user
    officer = MembershipFactory(role="la_aln_officer", local_authority=authority).user
    other = MembershipFactory(role="la_aln_manager", local_authority=LocalAuthorityFactory()).user
    assert support_provider_get_for(user=manager, provider_id=provider.pk) == provider
    for user in (officer, other):
        with pytest.raises(SupportProvider.DoesNotExist):
            support_provider_get_for(user=user, provider_id=provider.pk)


def test_contact_of_an_organisation(authority):
    authority.contact_address = "County Hall"
    authority.contact_phone = "01234 000000"
    authority.contact_email = "aln@county.example"
    assert contact_of(authority) == Contact("County Hall", "01234 000000", "aln@county.example")
    assert not Contact()


def test_reading_notices_takes_one_query(notice, django_assert_num_queries):
    officer = MembershipFactory(role="la_aln_officer", local_authority=notice.local_authority).user
    officer.active_memberships  # noqa: B018 (loaded once per request, before the page's reads)
    NoticeFactory.create_batch(3, case=notice.case)
    with django_assert_num_queries(1):
        assert len(notice_list_for_case(user=officer, case=notice.case)) == 4
    with django_assert_num_queries(1):
        notice_get_for(user=officer, notice_id=notice.pk)
