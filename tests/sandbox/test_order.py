"""POST /order: authentication, Amazon's rules, and each order recorded once."""
import dataclasses
import re
from decimal import Decimal

import cxml
import pytest
from sandbox_helpers import DEMO_IDENTITY, OPTIONS_IDENTITY, OPTIONS_SECRET, header, status_of


def test_a_good_order_is_received(buyer, cxml_dtd_dir):
    reply, body = buyer.order()
    assert reply.status_code == 200
    cxml.validate(reply.content, cxml_dtd_dir)
    assert status_of(reply).code == 200
    [order] = buyer.admin("GET", "orders").json()
    assert order["order_id"] == "P00042" and order["payload_id"] == cxml.parse(body).payload_id
    assert order["total"] == {"amount": "147.98", "currency": "USD"}
    assert [line["aux_id"].endswith(f",{n}") for n, line in enumerate(order["lines"], 1)] == [True, True]
    assert "neo1-demo-shared-secret" not in order["raw"]
    assert [attempt["status"] for attempt in order["attempts"]] == [200]


@pytest.mark.parametrize("identity, secret, status", [
    (DEMO_IDENTITY, "wrong", 401),
    (OPTIONS_IDENTITY, OPTIONS_SECRET, 400),  # authenticated, but the cart lines are the other account's
], ids=["wrong secret", "another account's cart"])
def test_orders_are_authenticated_and_tied_to_the_accounts_carts(buyer, identity, secret, status):
    reply, _ = buyer.order(cart=buyer.cart(), identity=identity, secret=secret)
    assert reply.status_code == status
    assert buyer.admin("GET", "orders").json() == []


def test_a_wrong_secret_gets_a_401(buyer):
    reply, _ = buyer.order(header=header(secret="wrong"))
    assert reply.status_code == 401 and status_of(reply).text == "Unauthorized"


def test_http_basic_auth_is_optional_but_checked_when_sent(buyer):
    cart = buyer.cart()
    refused, _ = buyer.order(cart=cart, auth=("NEO1-DEMO-BUYER", "wrong"))
    assert refused.status_code == 401
    accepted, _ = buyer.order(cart=cart, auth=("NEO1-DEMO-BUYER", "neo1-demo-shared-secret"))
    assert accepted.status_code == 200


def test_malformed_xml_gets_a_400(buyer):
    reply = buyer.post("/order", b"<cXML><Request><OrderRequest>")
    assert reply.status_code == 400 and "malformed" in status_of(reply).message


def _refused(buyer, body):
    reply = buyer.post("/order", body)
    assert reply.status_code == 400, reply.text
    assert status_of(reply).code == 400
    assert buyer.admin("GET", "orders").json() == []
    return status_of(reply).message


def test_type_must_be_new(buyer):
    body = cxml.build(buyer.order_request(buyer.cart())).replace(b'type="new"', b'type="update"')
    assert "only \"new\"" in _refused(buyer, body)


def test_ship_to_is_required(buyer):
    body = re.sub(rb"<ShipTo>.*?</ShipTo>", b"", cxml.build(buyer.order_request(buyer.cart())), flags=re.S)
    assert "ShipTo is required" in _refused(buyer, body)


def test_every_aux_id_must_have_been_issued(buyer):
    cart = buyer.cart()
    request = buyer.order_request(cart)
    forged = dataclasses.replace(request.items[1], supplier_part_auxiliary_id="999,1")
    body = cxml.build(buyer.order_request(cart, items=(request.items[0], forged)))
    assert "'999,1'" in _refused(buyer, body)


def test_the_aux_id_is_compared_byte_for_byte(buyer):
    cart = buyer.cart()
    request = buyer.order_request(cart)
    padded = dataclasses.replace(request.items[0],
                                 supplier_part_auxiliary_id=request.items[0].supplier_part_auxiliary_id + " ")
    _refused(buyer, cxml.build(buyer.order_request(cart, items=(padded,) + request.items[1:])))


@pytest.mark.parametrize("total", ["147.97", "147.99", "0"])
def test_the_total_must_match_the_lines(buyer, total):
    body = cxml.build(buyer.order_request(buyer.cart(), total=cxml.Money(Decimal(total), "USD")))
    assert "does not match the lines" in _refused(buyer, body)


def test_the_total_is_compared_exactly_as_a_decimal(buyer):
    reply, _ = buyer.order(cart=buyer.cart(lines=(("B07QXV6N1B", 3),)), total=cxml.Money(Decimal("43.470"), "USD"))
    assert reply.status_code == 200


def test_the_currency_must_be_the_accounts(buyer):
    cart = buyer.cart()
    body = cxml.build(buyer.order_request(cart, total=cxml.Money(Decimal("147.98"), "EUR")))
    assert "USD" in _refused(buyer, body)


def test_the_same_payload_id_again_creates_no_second_order(buyer):
    reply, body = buyer.order()
    again = buyer.post("/order", body)
    assert (reply.status_code, again.status_code) == (200, 200)
    assert "duplicate" in status_of(again).message
    [order] = buyer.admin("GET", "orders").json()
    assert [attempt.get("duplicate", False) for attempt in order["attempts"]] == [False, True]


def test_the_same_order_id_again_creates_no_second_order(buyer):
    cart = buyer.cart()
    first, _ = buyer.order(cart=cart)
    second, _ = buyer.order(cart=cart)  # a new payloadID, the same orderID
    assert (first.status_code, second.status_code) == (200, 200)
    assert len(buyer.admin("GET", "orders").json()) == 1
    assert len(buyer.admin("GET", "attempts", params={"endpoint": "order"}).json()) == 2


def test_every_attempt_is_recorded(buyer):
    buyer.post("/order", b"garbage")
    buyer.order(header=header(secret="wrong"))
    buyer.order()
    statuses = [attempt["status"] for attempt in buyer.admin("GET", "attempts", params={"endpoint": "order"}).json()]
    assert statuses == [400, 401, 200]
