"""The demo LA and its settings have the contact details every notice prints."""

import pytest

from aln.demo.contacts import DEMO_LA_PHONE, add_contact_details
from aln.notices.selectors import contact_of
from tests.factories import LocalAuthorityFactory, SettingFactory

pytestmark = pytest.mark.django_db


def test_the_demo_gives_every_body_contact_details():
    la = LocalAuthorityFactory()
    settings = {"a": SettingFactory(local_authority=la), "b": SettingFactory(local_authority=la)}
    add_contact_details(la, settings)
    la.refresh_from_db()
    assert contact_of(la).phone == DEMO_LA_PHONE
    phones = set()
    for setting in settings.values():
        setting.refresh_from_db()
        contact = contact_of(setting)
        assert contact.address.startswith(setting.name_en)
        assert contact.email.endswith("@demo.example")
        phones.add(contact.phone)
    assert len(phones) == 2
