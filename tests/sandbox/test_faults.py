"""Faults injected through the admin API hit the next N calls of an endpoint, then stop."""
import cxml
import pytest
import requests
from sandbox_helpers import status_of


def _call(buyer, endpoint, cart=None, timeout=10):
    if endpoint == "punchout":
        return buyer.post("/punchout", cxml.build(buyer.setup_request()), timeout=timeout)
    return buyer.post("/order", cxml.build(buyer.order_request(cart)), timeout=timeout)


def _inject(buyer, **fault):
    reply = buyer.admin("POST", "faults", json=fault)
    assert reply.status_code == 200, reply.text
    return reply.json()


@pytest.fixture(params=["punchout", "order"])
def endpoint(request):
    return request.param


@pytest.fixture
def cart(buyer, endpoint):
    return buyer.cart() if endpoint == "order" else None


@pytest.mark.parametrize("kind, status", [("http_500", 500), ("http_503", 503)])
def test_http_errors(buyer, endpoint, cart, kind, status):
    _inject(buyer, endpoint=endpoint, kind=kind, count=2)
    assert [_call(buyer, endpoint, cart).status_code for _ in range(3)] == [status, status, 200]


def test_unauthorized(buyer, endpoint, cart, cxml_dtd_dir):
    _inject(buyer, endpoint=endpoint, kind="unauthorized")
    reply = _call(buyer, endpoint, cart)
    assert reply.status_code == 401 and status_of(reply).code == 401
    cxml.validate(reply.content, cxml_dtd_dir)
    assert _call(buyer, endpoint, cart).status_code == 200


def test_cxml_400_with_a_given_text(buyer, endpoint, cart, cxml_dtd_dir):
    _inject(buyer, endpoint=endpoint, kind="cxml_400", text="Order rejected: account on hold")
    reply = _call(buyer, endpoint, cart)
    assert reply.status_code == 400 and status_of(reply).message == "Order rejected: account on hold"
    cxml.validate(reply.content, cxml_dtd_dir)
    assert _call(buyer, endpoint, cart).status_code == 200


def test_malformed_xml(buyer, endpoint, cart):
    _inject(buyer, endpoint=endpoint, kind="malformed")
    reply = _call(buyer, endpoint, cart)
    assert reply.status_code == 200
    with pytest.raises(cxml.CXMLError):
        cxml.parse(reply.content)
    assert status_of(_call(buyer, endpoint, cart)).code == 200


def test_closed_connection(buyer, endpoint, cart):
    _inject(buyer, endpoint=endpoint, kind="close")
    with pytest.raises(requests.ConnectionError):
        _call(buyer, endpoint, cart)
    assert _call(buyer, endpoint, cart).status_code == 200


def test_delay_longer_than_the_client_timeout(buyer, endpoint, cart):
    _inject(buyer, endpoint=endpoint, kind="delay", seconds=1.5)
    with pytest.raises(requests.Timeout):
        _call(buyer, endpoint, cart, timeout=0.3)
    assert _call(buyer, endpoint, cart).status_code == 200


def test_faults_are_listed_counted_down_and_recorded(buyer):
    listed = _inject(buyer, endpoint="order", kind="http_503", count=2)
    assert listed["faults"] == [{"endpoint": "order", "kind": "http_503", "remaining": 2, "seconds": 0.0, "text": ""}]
    cart = buyer.cart()
    _call(buyer, "order", cart)
    assert buyer.admin("GET", "faults").json()["faults"][0]["remaining"] == 1
    _call(buyer, "order", cart)
    assert buyer.admin("GET", "faults").json()["faults"] == []
    attempts = buyer.admin("GET", "attempts", params={"endpoint": "order"}).json()
    assert [(a["fault"], a["status"]) for a in attempts] == [("http_503", 503), ("http_503", 503)]


def test_a_fault_on_one_endpoint_leaves_the_other_alone(buyer):
    _inject(buyer, endpoint="order", kind="http_500")
    assert _call(buyer, "punchout").status_code == 200


@pytest.mark.parametrize("fault", [
    {"endpoint": "order", "kind": "explode"},
    {"endpoint": "checkout", "kind": "http_500"},
    {"endpoint": "order", "kind": "delay"},
    {"endpoint": "order", "kind": "http_500", "count": 0},
    {"kind": "reject_lines", "lines": "2"},
], ids=["kind", "endpoint", "delay without seconds", "count", "lines"])
def test_bad_faults_are_refused(buyer, fault):
    reply = buyer.admin("POST", "faults", json=fault)
    assert reply.status_code == 400 and reply.json()["error"]


def test_reset_clears_faults_and_state(buyer):
    buyer.order()
    _inject(buyer, endpoint="punchout", kind="http_500")
    assert buyer.admin("POST", "reset").json() == {"reset": True}
    summary = buyer.admin("GET", "").json()
    assert (summary["faults"], summary["orders"], summary["setups"], summary["attempts"]) == ([], 0, 0, 0)
