import pytest

from aln.organisations.models import HealthBoard, LocalAuthority

pytestmark = pytest.mark.django_db


def test_all_22_welsh_authorities_with_welsh_names_and_codes():
    real = LocalAuthority.objects.filter(is_demo=False)
    assert real.count() == 22
    assert sorted(real.values_list("code", flat=True)) == [str(code) for code in range(660, 682)]
    assert real.get(code="665").name_cy == "Cyngor Bwrdeistref Sirol Wrecsam"
    assert all(la.gss_code.startswith("W06") for la in real)


def test_every_authority_is_served_by_exactly_one_health_board():
    assert HealthBoard.objects.count() == 7
    for authority in LocalAuthority.objects.filter(is_demo=False):
        assert authority.health_boards.count() == 1, authority.name_en
