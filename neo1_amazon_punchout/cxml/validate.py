"""DTD validation against the cXML 1.2.069 files in a folder given at run time.

The document's own DOCTYPE is never read or fetched: the root element is
validated against a DTD chosen by document type. lxml's ``DTD.validate``
returns a bool (it does not raise); the result is checked here.
"""
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .errors import CXMLError
from .reader import MAX_SIZE, load
from .templates import DEFAULT_DTD, DTD_FOR_TYPE

_MAX_REPORTED = 3


@lru_cache(maxsize=8)
def load_dtd(path):
    """The parsed DTD at ``path`` (cached per path; the files declare no external parts)."""
    try:
        return etree.DTD(str(path))
    except (etree.DTDParseError, OSError) as exc:
        raise CXMLError(f"cannot load DTD {path}: {exc}") from None


def document_type(root):
    """The document name inside Request/Message/Response, e.g. 'OrderRequest'."""
    for holder in root:
        if holder.tag in ("Request", "Message", "Response"):
            for body in holder:
                if isinstance(body.tag, str) and body.tag != "Status":
                    return body.tag
            return holder.tag
    return root.tag


def dtd_name_for(root):
    return DTD_FOR_TYPE.get(document_type(root), DEFAULT_DTD)


def validate(data, dtd_dir, *, max_size=MAX_SIZE):
    """Raise ``CXMLError`` with the first violations unless ``data`` is DTD-valid."""
    root = load(data, max_size=max_size)
    name = dtd_name_for(root)
    path = Path(dtd_dir).resolve() / name
    if not path.is_file():
        raise CXMLError(f"DTD {name} not found in {dtd_dir}")
    dtd = load_dtd(path)
    if dtd.validate(root):
        return name
    errors = [f"line {e.line}: {e.message}" for e in list(dtd.error_log.filter_from_errors())[:_MAX_REPORTED]]
    raise CXMLError(f"{document_type(root)} is not valid against {name}: " + "; ".join(errors))
