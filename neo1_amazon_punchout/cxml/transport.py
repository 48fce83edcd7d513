"""The one HTTP call of the package: POST a cXML document, typed errors back.

``requests`` is imported inside ``post`` so the rest of the package needs only
lxml. Exception messages never contain a body or credential beyond a short,
redacted excerpt.
"""
from dataclasses import dataclass
from urllib.parse import urlsplit

from .redact import redact

CONTENT_TYPE = "text/xml; charset=UTF-8"
_EXCERPT = 200


@dataclass(frozen=True)
class HTTPReply:
    status_code: int
    body: bytes
    content_type: str


class TransportError(Exception):
    """The document could not be delivered (or was not accepted over HTTP)."""

    def __init__(self, message, url=""):
        super().__init__(message)
        self.url = url


class TransportTimeout(TransportError):
    """No connection or no answer within the timeout."""


class TransportConnectionError(TransportError):
    """DNS failure, connection refused or closed before an answer."""


class TransportTLSError(TransportError):
    """The TLS handshake or certificate check failed."""


class TransportHTTPError(TransportError):
    """The server answered with a status other than 2xx."""

    def __init__(self, message, url="", status_code=0, body=b"", content_type=""):
        super().__init__(message, url)
        self.status_code = status_code
        self.body = body
        self.content_type = content_type


def safe_url(url):
    """``url`` without user info, query or fragment: fit for messages and logs."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return f"{parts.scheme}://{host}{parts.path}"


def post(url, body, *, timeout=30, basic_auth=None, verify=True):
    """POST ``body`` as ``text/xml``; return the 2xx reply or raise a TransportError."""
    import requests  # only this function needs the network stack

    where = safe_url(url)
    try:
        response = requests.post(
            url, data=body, headers={"Content-Type": CONTENT_TYPE}, timeout=timeout,
            auth=tuple(basic_auth) if basic_auth else None, verify=verify, allow_redirects=False)
    except requests.exceptions.SSLError:
        raise TransportTLSError(f"TLS failure talking to {where}", where) from None
    except requests.exceptions.Timeout:
        raise TransportTimeout(f"no answer from {where} within {timeout} s", where) from None
    except requests.exceptions.ConnectionError as exc:
        raise TransportConnectionError(f"cannot reach {where}: {_reason(exc)}", where) from None
    except requests.exceptions.RequestException as exc:
        raise TransportError(f"POST to {where} failed: {type(exc).__name__}", where) from None
    content_type = response.headers.get("Content-Type", "")
    if not 200 <= response.status_code < 300:
        excerpt = redact(response.content[:_EXCERPT].decode("utf-8", "replace"))
        raise TransportHTTPError(
            f"HTTP {response.status_code} from {where}: {excerpt!r}", where,
            status_code=response.status_code, body=response.content, content_type=content_type)
    return HTTPReply(response.status_code, response.content, content_type)


def _reason(exc):
    """The innermost cause's class name (e.g. ConnectionRefusedError), never a URL."""
    cause = exc
    while cause.__cause__ is not None or cause.__context__ is not None:
        cause = cause.__cause__ or cause.__context__
    for arg in exc.args:
        reason = getattr(arg, "reason", None)
        if reason is not None:
            return type(reason).__name__
    return type(cause).__name__
