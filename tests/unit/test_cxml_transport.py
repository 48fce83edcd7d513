"""transport.post against a real HTTP server on 127.0.0.1 (no mocking)."""
import base64
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cxml import transport

BODY = b"<cXML><Request/></cXML>"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        self.server.seen.append((self.path, dict(self.headers), self.rfile.read(int(self.headers["Content-Length"]))))
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/close":
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        status = 500 if self.path == "/fail" else 302 if self.path == "/redirect" else 200
        reply = b"<Status>boom <SharedSecret>s3cret</SharedSecret></Status>" if status == 500 else b"<ok/>"
        self.send_response(status)
        self.send_header("Content-Type", "text/xml; charset=UTF-8")
        self.send_header("Content-Length", str(len(reply)))
        if status == 302:
            self.send_header("Location", "/elsewhere")
        self.end_headers()
        self.wfile.write(reply)


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_200_returns_the_reply_and_sends_text_xml(server):
    httpd, base = server
    reply = transport.post(f"{base}/ok", BODY, timeout=5, basic_auth=("neo1", "pw"))
    assert (reply.status_code, reply.body, reply.content_type) == (200, b"<ok/>", "text/xml; charset=UTF-8")
    path, headers, body = httpd.seen[0]
    assert body == BODY and headers["Content-Type"] == "text/xml; charset=UTF-8"
    assert headers["Authorization"] == "Basic " + base64.b64encode(b"neo1:pw").decode()


def test_500_raises_http_error_with_status_and_body_but_no_secret_in_message(server):
    _, base = server
    with pytest.raises(transport.TransportHTTPError) as raised:
        transport.post(f"http://neo1:topsecret@{base[7:]}/fail", BODY, timeout=5)
    assert raised.value.status_code == 500
    assert b"s3cret" in raised.value.body
    assert "s3cret" not in str(raised.value) and "topsecret" not in str(raised.value)
    assert "HTTP 500" in str(raised.value)


def test_redirect_is_not_followed_and_counts_as_failure(server):
    _, base = server
    with pytest.raises(transport.TransportHTTPError) as raised:
        transport.post(f"{base}/redirect", BODY, timeout=5)
    assert raised.value.status_code == 302


def test_timeout(server):
    _, base = server
    started = time.monotonic()
    with pytest.raises(transport.TransportTimeout):
        transport.post(f"{base}/slow", BODY, timeout=0.3)
    assert time.monotonic() - started < 1.4


def test_closed_connection(server):
    _, base = server
    with pytest.raises(transport.TransportConnectionError):
        transport.post(f"{base}/close", BODY, timeout=5)


def test_refused_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    with pytest.raises(transport.TransportConnectionError, match=f"127.0.0.1:{port}"):
        transport.post(f"http://127.0.0.1:{port}/cxml", BODY, timeout=5)


@pytest.mark.parametrize("verify", [True, False])
def test_https_to_a_plain_http_server_is_a_tls_error(server, verify):
    """The handshake fails whether or not certificates are checked; no request reaches the server."""
    httpd, base = server
    url = "https://neo1:topsecret@" + base.removeprefix("http://") + "/ok?token=abc"
    with pytest.raises(transport.TransportTLSError) as raised:
        transport.post(url, BODY, timeout=5, verify=verify)
    assert not isinstance(raised.value, transport.TransportHTTPError)
    assert raised.value.url == base.replace("http://", "https://") + "/ok"
    assert "topsecret" not in str(raised.value) and "token" not in str(raised.value)
    assert httpd.seen == []


def test_every_error_is_a_transport_error():
    for cls in (transport.TransportTimeout, transport.TransportConnectionError,
                transport.TransportTLSError, transport.TransportHTTPError):
        assert issubclass(cls, transport.TransportError)
