"""Decode the punchout return form (the cart posted by the shopper's browser)."""
import base64
import binascii
import re

from .errors import CXMLError

BASE64_FIELD = "cxml-base64"
URLENCODED_FIELD = "cxml-urlencoded"
_DECLARED_ENCODING = re.compile(
    rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""", re.IGNORECASE)
_STR_DECLARED_ENCODING = re.compile(
    r"""(^\s*<\?xml[^>]*?\bencoding\s*=\s*["'])([A-Za-z0-9._-]+)(["'])""", re.IGNORECASE)


def decode_form_post(form):
    """The cXML bytes from ``cxml-base64`` (preferred) or ``cxml-urlencoded``.

    Field names are matched case-insensitively (the cXML guide says so). Values
    may be str or bytes. The urlencoded value has already been form-decoded by
    the web framework, so it is the document text itself.
    """
    fields = {str(name).strip().lower(): value for name, value in form.items()}
    encoded = fields.get(BASE64_FIELD)
    if _present(encoded):
        return _with_safe_charset(_decode_base64(encoded))
    text = fields.get(URLENCODED_FIELD)
    if _present(text):
        return _text_to_bytes(text) if isinstance(text, str) else _with_safe_charset(bytes(text))
    raise CXMLError(f"the punchout form has neither {BASE64_FIELD} nor {URLENCODED_FIELD}")


def _present(value):
    return value is not None and len(value.strip()) > 0


def _decode_base64(value):
    if isinstance(value, str):
        try:
            value = value.encode("ascii")
        except UnicodeEncodeError:
            raise CXMLError(f"{BASE64_FIELD} holds characters that are not base64") from None
    # Line breaks are common; a '+' turned into ' ' by a second form-decoding is repaired.
    value = re.sub(rb"[\r\n\t]", b"", bytes(value)).strip().replace(b" ", b"+")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise CXMLError(f"{BASE64_FIELD} is not valid base64: {exc}") from None


def _text_to_bytes(text):
    """UTF-8 bytes whose XML declaration (if any) says UTF-8 too."""
    return _STR_DECLARED_ENCODING.sub(r"\1UTF-8\3", text, count=1).encode("utf-8", "replace")


def _with_safe_charset(data):
    """Bytes lxml can read: a declared encoding wins; else UTF-8, else Latin-1."""
    if _DECLARED_ENCODING.match(data) or data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:3] == b"\xef\xbb\xbf":
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        return data.decode("latin-1").encode("utf-8")
