"""cXML 1.2.069 for Amazon Business punchout: hardened parsing, DTD-valid building.

Pure Python (lxml + standard library). See README.md for the API contract.
"""
from .documents import *  # noqa: F401,F403  (the dataclasses are the public API)
from .documents import DOCUMENT_CLASSES
from .errors import CXMLError
from .parser import parse
from .reader import MAX_SIZE
from .builder import build, new_payload_id, now_timestamp
from .validate import validate
from .formpost import decode_form_post
from .jsonable import to_jsonable
from .redact import redact
from . import transport  # noqa: E402  (requests itself is imported lazily)
