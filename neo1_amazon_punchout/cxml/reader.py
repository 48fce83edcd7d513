"""Hardened XML loading and the one helper that reads children and values.

Every value read from a document goes through ``Node``, so every refusal names
the element path and what is wrong, e.g.
``PunchOutOrderMessage/ItemIn[2]/ItemID/SupplierPartID is missing``.
"""
import re
from decimal import Decimal, InvalidOperation

from lxml import etree

from .documents import Money
from .errors import CXMLError

MAX_SIZE = 10 * 1024 * 1024
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# The only system identifiers a DOCTYPE may name: the cXML network DTDs or a
# bare DTD file name. Neither is ever loaded.
_CXML_SYSTEM_ID = re.compile(
    r"(?:https?://xml\.cxml\.org/schemas/cXML/[0-9.]+/)?[A-Za-z]+\.dtd", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE\b([^\[>]*)", re.IGNORECASE)
_QUOTED = re.compile(rb"""["']([^"']*)["']""")
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _new_parser():
    # Nothing is fetched, loaded or expanded; comments and PIs never reach values.
    # (No collect_ids=False: with it, libxml2 in a non-main thread tries the DOCTYPE's URL
    # and prints "Attempt to load network entity", refused by no_network but alarming.)
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True)


_PARSER = _new_parser()


def load(data, *, max_size=MAX_SIZE):
    """Parse ``data`` (bytes) into the root element, refusing anything hostile."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise CXMLError(f"cXML input must be bytes, not {type(data).__name__}")
    data = bytes(data)
    if len(data) > max_size:
        raise CXMLError(f"cXML document is {len(data)} bytes, above the {max_size}-byte limit")
    if not data.strip():
        raise CXMLError("cXML document is empty")
    _refuse_hostile_doctype(data)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise CXMLError(f"cXML is not well-formed XML: {exc.msg}") from None
    except (ValueError, LookupError) as exc:  # e.g. an unknown encoding declaration
        raise CXMLError(f"cXML cannot be decoded: {exc}") from None
    _refuse_declared_entities(root)
    return root


def _refuse_hostile_doctype(data):
    """Refuse entity declarations and a DOCTYPE pointing anywhere but a cXML DTD."""
    # An ENTITY declaration is only legal in a DTD; cXML documents never need one.
    if _ENTITY_DECLARATION.search(data):
        raise CXMLError("DOCTYPE declares an ENTITY, which is refused")
    match = _DOCTYPE.search(data)
    if match is None:
        return
    for system_id in _QUOTED.findall(match.group(1)):
        text = system_id.decode("ascii", "replace").strip()
        if not _CXML_SYSTEM_ID.fullmatch(text):
            raise CXMLError(f"DOCTYPE points at {text[:80]!r}, which is not a cXML DTD")


def _refuse_declared_entities(root):
    # Second line of defence, for encodings the byte scan cannot read (UTF-16).
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise CXMLError("DOCTYPE declares an ENTITY, which is refused")


def decimal_value(text, node, suffix=""):
    """``text`` as a finite Decimal; errors are located at ``node.path + suffix``."""
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        raise CXMLError(f"{node.path}{suffix} {text!r} is not a number") from None
    if not value.is_finite():
        raise CXMLError(f"{node.path}{suffix} {text!r} is not a finite number")
    return value


def int_value(text, node, suffix=""):
    try:
        return int(text.strip())
    except (ValueError, AttributeError):
        raise CXMLError(f"{node.path}{suffix} {text!r} is not an integer") from None


class Node:
    """An element plus how it was reached, for reading values with located errors.

    The path string is only assembled when an error needs it. Children are
    indexed by tag once per element (one pass), which is cheaper than a
    ``find`` per lookup.
    """

    __slots__ = ("el", "parent", "name", "_kids")

    def __init__(self, el, parent=None, name=None):
        self.el = el
        self.parent = parent
        self.name = name if name is not None else el.tag
        self._kids = None

    @property
    def path(self):
        return self.name if self.parent is None else f"{self.parent.path}/{self.name}"

    def _elements(self, tag):
        kids = self._kids
        if kids is None:
            kids = self._kids = {}
            for el in self.el:
                kids.setdefault(el.tag, []).append(el)
        return kids.get(tag, ())

    def child(self, tag, required=False):
        found = self._elements(tag)
        if not found:
            if required:
                raise CXMLError(f"{self.path}/{tag} is missing")
            return None
        return Node(found[0], self, tag)

    def children(self, tag):
        return [Node(el, self, f"{tag}[{i}]") for i, el in enumerate(self._elements(tag), 1)]

    def first_child(self, where_name):
        """The first element child (the document inside Request/Message/Response)."""
        for el in self.el.iterchildren(etree.Element):
            return Node(el)
        raise CXMLError(f"{self.path} has no {where_name}")

    def text(self, tag=None, required=False, strip=True):
        """Text of this element or of child ``tag``; '' when empty, None when absent."""
        if tag is None:
            el = self.el
        else:
            found = self._elements(tag)
            if not found:
                if required:
                    raise CXMLError(f"{self.path}/{tag} is missing")
                return None
            el = found[0]
        value = "".join(el.itertext()) if len(el) else (el.text or "")
        return value.strip() if strip else value

    def attr(self, name, required=False, default=None):
        value = self.el.get(name)
        if value is None:
            if required:
                raise CXMLError(f"{self.path}@{name} is missing")
            return default
        return value.strip()

    def decimal_attr(self, name, required=False):
        value = self.attr(name, required)
        return None if value is None else decimal_value(value, self, f"@{name}")

    def int_attr(self, name, required=False):
        value = self.attr(name, required)
        return None if value is None else int_value(value, self, f"@{name}")

    def money(self, tag=None, required=False):
        """``tag/Money`` (or this element's Money) as Money; None when absent or empty."""
        holder = self if tag is None else self.child(tag, required)
        if holder is None:
            return None
        money = holder.child("Money", required)
        if money is None:
            return None
        text = money.text()
        if not text:
            if required:
                raise CXMLError(f"{money.path} is empty")
            return None
        return Money(decimal_value(text, money), money.attr("currency", default=""))
