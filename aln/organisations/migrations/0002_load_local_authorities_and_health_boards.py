"""Reference data: the 22 principal councils of Wales and the 7 Local Health Boards.

LA numbers are the Welsh Government numbers (660-681) used in school establishment numbers and
UPNs; GSS codes are the ONS codes for the council areas (W06...). Health board codes are the NHS
Wales organisation codes. The data is frozen here, as a migration must be.
"""

from django.db import migrations

# (LA number, GSS code, English name, Welsh name)
LOCAL_AUTHORITIES = [
    ("660", "W06000001", "Isle of Anglesey County Council", "Cyngor Sir Ynys Môn"),
    ("661", "W06000002", "Gwynedd Council", "Cyngor Gwynedd"),
    ("662", "W06000003", "Conwy County Borough Council", "Cyngor Bwrdeistref Sirol Conwy"),
    ("663", "W06000004", "Denbighshire County Council", "Cyngor Sir Ddinbych"),
    ("664", "W06000005", "Flintshire County Council", "Cyngor Sir y Fflint"),
    ("665", "W06000006", "Wrexham County Borough Council", "Cyngor Bwrdeistref Sirol Wrecsam"),
    ("666", "W06000023", "Powys County Council", "Cyngor Sir Powys"),
    ("667", "W06000008", "Ceredigion County Council", "Cyngor Sir Ceredigion"),
    ("668", "W06000009", "Pembrokeshire County Council", "Cyngor Sir Penfro"),
    ("669", "W06000010", "Carmarthenshire County Council", "Cyngor Sir Gâr"),
    ("670", "W06000011", "City and County of Swansea", "Dinas a Sir Abertawe"),
    (
        "671",
        "W06000012",
        "Neath Port Talbot County Borough Council",
        "Cyngor Bwrdeistref Sirol Castell-nedd Port Talbot",
    ),
    ("672", "W06000013", "Bridgend County Borough Council", "Cyngor Bwrdeistref Sirol Pen-y-bont ar Ogwr"),
    ("673", "W06000014", "Vale of Glamorgan Council", "Cyngor Bro Morgannwg"),
    (
        "674",
        "W06000016",
        "Rhondda Cynon Taf County Borough Council",
        "Cyngor Bwrdeistref Sirol Rhondda Cynon Taf",
    ),
    (
        "675",
        "W06000024",
        "Merthyr Tydfil County Borough Council",
        "Cyngor Bwrdeistref Sirol Merthyr Tudful",
    ),
    ("676", "W06000018", "Caerphilly County Borough Council", "Cyngor Bwrdeistref Sirol Caerffili"),
    ("677", "W06000019", "Blaenau Gwent County Borough Council", "Cyngor Bwrdeistref Sirol Blaenau Gwent"),
    ("678", "W06000020", "Torfaen County Borough Council", "Cyngor Bwrdeistref Sirol Tor-faen"),
    ("679", "W06000021", "Monmouthshire County Council", "Cyngor Sir Fynwy"),
    ("680", "W06000022", "Newport City Council", "Cyngor Dinas Casnewydd"),
    ("681", "W06000015", "Cardiff Council", "Cyngor Caerdydd"),
]

# (code, English name, Welsh name, LA numbers served)
HEALTH_BOARDS = [
    (
        "7A6",
        "Aneurin Bevan University Health Board",
        "Bwrdd Iechyd Prifysgol Aneurin Bevan",
        ["677", "676", "679", "680", "678"],
    ),
    (
        "7A1",
        "Betsi Cadwaladr University Health Board",
        "Bwrdd Iechyd Prifysgol Betsi Cadwaladr",
        ["660", "661", "662", "663", "664", "665"],
    ),
    (
        "7A4",
        "Cardiff and Vale University Health Board",
        "Bwrdd Iechyd Prifysgol Caerdydd a'r Fro",
        ["681", "673"],
    ),
    (
        "7A5",
        "Cwm Taf Morgannwg University Health Board",
        "Bwrdd Iechyd Prifysgol Cwm Taf Morgannwg",
        ["672", "675", "674"],
    ),
    (
        "7A2",
        "Hywel Dda University Health Board",
        "Bwrdd Iechyd Prifysgol Hywel Dda",
        ["669", "667", "668"],
    ),
    ("7A7", "Powys Teaching Health Board", "Bwrdd Iechyd Addysgu Powys", ["666"]),
    (
        "7A3",
        "Swansea Bay University Health Board",
        "Bwrdd Iechyd Prifysgol Bae Abertawe",
        ["671", "670"],
    ),
]


def load(apps, schema_editor):
    LocalAuthority = apps.get_model("organisations", "LocalAuthority")
    HealthBoard = apps.get_model("organisations", "HealthBoard")
    by_code = {}
    for code, gss_code, name_en, name_cy in LOCAL_AUTHORITIES:
        authority, _ = LocalAuthority.objects.update_or_create(
            code=code, defaults={"gss_code": gss_code, "name_en": name_en, "name_cy": name_cy}
        )
        by_code[code] = authority
    for code, name_en, name_cy, served in HEALTH_BOARDS:
        board, _ = HealthBoard.objects.update_or_create(
            code=code, defaults={"name_en": name_en, "name_cy": name_cy}
        )
        board.served_authorities.set([by_code[la] for la in served])


def unload(apps, schema_editor):
    apps.get_model("organisations", "HealthBoard").objects.filter(
        code__in=[row[0] for row in HEALTH_BOARDS]
    ).delete()
    apps.get_model("organisations", "LocalAuthority").objects.filter(
        code__in=[row[0] for row in LOCAL_AUTHORITIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
