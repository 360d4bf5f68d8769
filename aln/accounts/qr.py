"""The set-up page's QR code, drawn on the server as inline SVG (no script, no image request)."""

import xml.etree.ElementTree as ET  # builds our SVG; parses nothing from outside
from base64 import b32encode
from binascii import unhexlify

import qrcode
import qrcode.image.svg
from django.utils.safestring import SafeString, mark_safe

SVG_NAMESPACE = "http://www.w3.org/2000/svg"


def key_for_typing(key: str) -> str:
    """The hex secret as authenticator apps take it when typed: base32 in groups of 4."""
    text = b32encode(unhexlify(key)).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(data: str, *, title: str) -> SafeString:
    """An accessible inline SVG QR code of `data`, titled `title` (escaped here)."""
    image = qrcode.make(
        data,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        box_size=10,
        border=4,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    ET.register_namespace("", SVG_NAMESPACE)
    root = image.get_image()
    root.attrib.pop("xmlns", None)  # ElementTree writes the namespace itself
    root.set("width", "200")
    root.set("height", "200")
    root.set("role", "img")
    root.set("aria-labelledby", "qr-code-title")
    root.set("class", "aln-qr-code")
    label = ET.Element(f"{{{SVG_NAMESPACE}}}title", {"id": "qr-code-title"})
    label.text = title
    root.insert(0, label)
    # ElementTree escapes text and attributes; the rest is geometry we drew ourselves.
    return mark_safe(ET.tostring(root, encoding="unicode"))  # noqa: S308
