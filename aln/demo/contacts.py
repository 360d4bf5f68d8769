"""Contact details for the demo LA and its settings: every notice prints the decider's.

Invented, like the rest of the demo. Telephone numbers are in Ofcom's range reserved for drama
(01632 960xxx), email addresses use the reserved `.example` domain, and the postcodes are in the
fictional "DM" area, so nothing here reaches a real person.
"""

from django.utils.text import slugify

from aln.organisations.models import LocalAuthority, Setting

DEMO_LA_ADDRESS = "ALN Team\nCivic Centre\nHigh Street\nDemo Town\nDM1 1AA"
DEMO_LA_PHONE = "01632 960000"
DEMO_LA_EMAIL = "aln@demo.example"


def add_contact_details(la: LocalAuthority, settings: dict[str, Setting]) -> None:
    """Give the LA and each of its settings an address, telephone number and email address.

    Bulk updates, like the rest of the demo (no audit event per row: the load is audited once).
    Settings are numbered in name order, so the details are the same on every load.
    """
    la.contact_address = DEMO_LA_ADDRESS
    la.contact_phone = DEMO_LA_PHONE
    la.contact_email = DEMO_LA_EMAIL
    la.save(update_fields=["contact_address", "contact_phone", "contact_email"])
    ordered = sorted(settings.values(), key=lambda setting: setting.name_en)
    for number, setting in enumerate(ordered, start=1):
        setting.contact_address = (
            f"{setting.name_en}\nDemo Town\nDM{number % 9 + 1} {number % 10}AB"
        )
        setting.contact_phone = f"01632 960{number:03d}"
        setting.contact_email = f"aln.{slugify(setting.name_en)}@demo.example"
    Setting.objects.bulk_update(
        ordered, ["contact_address", "contact_phone", "contact_email"], batch_size=500
    )
