"""Mask credentials in cXML (or any text) before it is logged or stored.

Regex based on purpose: it must also work on malformed or truncated XML.
"""
import re

MASK = "***"

# <SharedSecret ...>secret</SharedSecret>, any case, any prefix; an unclosed one
# is masked up to the end of the text.
_SHARED_SECRET = (
    r"(<(?:[\w.-]+:)?SharedSecret\b[^>]*(?<!/)>)"
    r"(.*?)"
    r"(?=</(?:[\w.-]+:)?SharedSecret\s*>|\Z)"
)
# "Authorization: Basic dXNlcjpwdw==" and "scheme://user:password@host"
_BASIC_AUTH = r"(\b(?:Authorization|Proxy-Authorization)\s*[:=]\s*\"?\s*(?:Basic|Bearer)\s+)([^\s\"'<]+)"
_URL_PASSWORD = r"(\b[a-z][a-z0-9+.-]*://[^/\s:@'\"<>]+:)([^/\s@'\"<>]+)(?=@)"
_FLAGS = re.IGNORECASE | re.DOTALL
_PATTERNS = tuple(re.compile(p, _FLAGS) for p in (_SHARED_SECRET, _BASIC_AUTH, _URL_PASSWORD))
_BYTE_PATTERNS = tuple(re.compile(p.encode("ascii"), _FLAGS) for p in (_SHARED_SECRET, _BASIC_AUTH, _URL_PASSWORD))


def redact(data):
    """``data`` (bytes or str) with every SharedSecret and basic-auth secret masked."""
    if isinstance(data, str):
        patterns, mask = _PATTERNS, MASK
    elif isinstance(data, (bytes, bytearray)):
        patterns, mask, data = _BYTE_PATTERNS, MASK.encode("ascii"), bytes(data)
    else:
        raise TypeError(f"redact needs bytes or str, not {type(data).__name__}")
    for pattern in patterns:
        data = pattern.sub(lambda m: m.group(1) + mask, data)
    return data
