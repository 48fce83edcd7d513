"""Amazon's answers to an order: confirmations, ship notices and invoices, returned or delivered."""
import time
from decimal import Decimal

import cxml
from sandbox_helpers import DEMO_SECRET, OPTIONS_IDENTITY, OPTIONS_SECRET, Buyer, accounts_data

import amazon_sandbox


def _order(buyer, **overrides):
    reply, body = buyer.order(**overrides)
    assert reply.status_code == 200, reply.text
    return cxml.parse(body)


def _answers(buyer, reference, **options):
    reply = buyer.admin("POST", f"orders/{reference}/answers", json=options)
    assert reply.status_code == 200, reply.text
    return reply.json()["documents"]


def test_answers_are_delivered_to_the_buyer_inbound_url(buyer, receiver, cxml_dtd_dir):
    order_request = _order(buyer)
    delivered = _answers(buyer, "P00042")
    assert [d["type"] for d in delivered] == ["ConfirmationRequest", "ShipNoticeRequest", "InvoiceDetailRequest"]
    assert all(d["delivered"] and d["status"] == 200 and d["cxml_status"] == 200 for d in delivered)
    assert [entry["path"] for entry in receiver.received] == ["/punchout/amazon/cxml"] * 3
    confirmation, ship_notice, invoice = receiver.documents()
    for entry in receiver.received:
        cxml.validate(entry["body"], cxml_dtd_dir)
        assert entry["content_type"].startswith("text/xml")
    for document in (confirmation, ship_notice, invoice):
        assert ("NetworkId", "Amazon") in [(c.domain, c.identity) for c in document.header.from_]
        assert document.header.to == (cxml.Credential("NetworkId", "NEO1-DEMO-BUYER"),)
        assert DEMO_SECRET in [c.shared_secret for c in document.header.sender]
    assert confirmation.order_reference.order_id == "P00042"
    assert confirmation.order_reference.payload_id == order_request.payload_id
    assert confirmation.type == "detail" and confirmation.operation == "new"
    assert [item.statuses[0].type for item in confirmation.items] == ["accept", "accept"]
    assert cxml.parse(receiver.received[0]["body"]).confirm_id.startswith("113-")
    assert ship_notice.tracking_number and ship_notice.carrier == "Amazon Logistics"
    [portion] = ship_notice.portions
    assert portion.order_reference.payload_id == order_request.payload_id
    assert [item.line_number for item in portion.items] == [1, 2]
    assert invoice.order_reference.order_id == "P00042"
    assert invoice.subtotal.amount == order_request.total.amount
    assert invoice.shipping.amount == Decimal("5.99")  # the shredder ships from a third party
    order = buyer.admin("GET", "orders/P00042").json()
    assert [answer["status"] for answer in order["answers"]] == [200, 200, 200]


def test_answers_can_be_returned_without_sending_them(buyer, receiver, cxml_dtd_dir):
    _order(buyer)
    documents = _answers(buyer, "P00042", deliver=False, split=True, reject_lines=[2])
    assert receiver.received == []
    assert [d["delivered"] for d in documents] == [False] * len(documents)
    for document in documents:
        cxml.validate(document["xml"].encode(), cxml_dtd_dir)
    # Line 2 rejected leaves one line: nothing to split; the reject has its own confirmation.
    assert [d["type"] for d in documents] == ["ConfirmationRequest", "ConfirmationRequest",
                                              "ShipNoticeRequest", "InvoiceDetailRequest"]
    accepted, rejected = (cxml.parse(d["xml"].encode()) for d in documents[:2])
    assert [(i.line_number, i.statuses[0].type) for i in accepted.items] == [(1, "accept")]
    assert [(i.line_number, i.statuses[0].type) for i in rejected.items] == [(2, "reject")]
    assert accepted.confirm_id != rejected.confirm_id


def test_a_split_order_gets_two_amazon_orders(buyer, cxml_dtd_dir):
    _order(buyer)
    documents = _answers(buyer, "P00042", deliver=False, split=True)
    types = [d["type"] for d in documents]
    assert types == ["ConfirmationRequest"] * 2 + ["ShipNoticeRequest"] * 2 + ["InvoiceDetailRequest"] * 2
    parsed = [cxml.parse(d["xml"].encode()) for d in documents]
    assert parsed[0].confirm_id != parsed[1].confirm_id
    assert {parsed[2].tracking_number, parsed[3].tracking_number} != {None}
    assert [[i.line_number for i in p.items] for p in parsed[:2]] == [[1], [2]]
    for document in documents:
        cxml.validate(document["xml"].encode(), cxml_dtd_dir)


def test_amazon_order_numbers_are_stable_across_regenerations(buyer):
    _order(buyer)
    first = cxml.parse(_answers(buyer, "P00042", deliver=False, types=["ConfirmationRequest"])[0]["xml"].encode())
    again = cxml.parse(_answers(buyer, "P00042", deliver=False, types=["ConfirmationRequest"])[0]["xml"].encode())
    assert first.confirm_id == again.confirm_id and first.payload_id != again.payload_id


def test_the_account_option_splits_confirmations(buyer):
    cart = buyer.cart(identity=OPTIONS_IDENTITY, secret=OPTIONS_SECRET)
    _order(buyer, cart=cart, identity=OPTIONS_IDENTITY, secret=OPTIONS_SECRET)
    documents = _answers(buyer, "P00042", deliver=False)
    assert [d["type"] for d in documents].count("ConfirmationRequest") == 2


def test_reject_lines_for_the_next_order(buyer):
    reply = buyer.admin("POST", "faults", json={"kind": "reject_lines", "lines": [1]})
    assert reply.json()["next_order_options"] == [{"reject_lines": [1]}]
    _order(buyer)
    documents = _answers(buyer, "P00042", deliver=False, types=["ConfirmationRequest"])
    statuses = [(i.line_number, i.statuses[0].type) for d in documents for i in cxml.parse(d["xml"].encode()).items]
    assert sorted(statuses) == [(1, "reject"), (2, "accept")]
    assert buyer.admin("GET", "").json()["next_order_options"] == []


def test_rejecting_every_line_sends_only_a_rejection(buyer):
    _order(buyer)
    documents = _answers(buyer, "P00042", deliver=False, reject_lines=[1, 2])
    assert [d["type"] for d in documents] == ["ConfirmationRequest"]


def test_answer_options_are_checked(buyer):
    _order(buyer)
    assert buyer.admin("POST", "orders/P00042/answers", json={"reject_lines": [7]}).status_code == 400
    assert buyer.admin("POST", "orders/P00042/answers", json={"types": ["Quote"]}).status_code == 400
    assert buyer.admin("POST", "orders/P99999/answers", json={}).status_code == 404


def test_answers_are_sent_by_themselves_after_the_delay(receiver):
    with amazon_sandbox.start_in_thread(accounts_data(receiver.url), answer_delay=0.2) as sandbox:
        buyer = Buyer(sandbox, receiver)
        _order(buyer)
        deadline = time.monotonic() + 5
        while len([r for r in receiver.received if r["path"].endswith("/cxml")]) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        types = [cxml.parse(r["body"]).document_type for r in receiver.received if r["path"].endswith("/cxml")]
    assert types == ["ConfirmationRequest", "ShipNoticeRequest", "InvoiceDetailRequest"]


def test_only_loopback_inbound_urls_are_used():
    accounts = {"accounts": [{"identity": "FAR", "shared_secret": "s", "buyer_inbound_url": "http://example.com/x"}]}
    with amazon_sandbox.start_in_thread(accounts, answer_delay=0) as sandbox:
        buyer = Buyer(sandbox, receiver=type("NoReceiver", (), {"url": "http://127.0.0.1:9"})())
        cart = buyer.cart(identity="FAR", secret="s")
        reply, _ = buyer.order(cart=cart, identity="FAR", secret="s")
        assert reply.status_code == 200
        [document, *_] = _answers(buyer, "P00042")
    assert document["delivered"] is False and "not a loopback" in document["error"]


def test_a_buyer_that_is_down_is_recorded(sandbox, buyer, receiver):
    _order(buyer)
    receiver.stop()
    documents = _answers(buyer, "P00042", types=["ConfirmationRequest"])
    assert documents[0]["delivered"] is False and "ConnectionError" in documents[0]["error"]
