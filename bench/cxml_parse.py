#!/usr/bin/env python3
"""Benchmark: cxml.parse / cxml.build against bare lxml floors, in the same run.

    .venv/bin/python bench/cxml_parse.py

Goals: parse <= 1.5x (bare lxml parse + iterfind/findtext of the same fields),
build <= 2x (bare lxml SubElement construction + etree.tostring of the same tree).
"""
import sys
import time
from decimal import Decimal
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "neo1_amazon_punchout"))
import cxml  # noqa: E402

LINES = 1000
ROUNDS = 15
HEADER = cxml.Header(from_=(cxml.Credential("NetworkId", "Amazon"),), to=(cxml.Credential("NetworkId", "neo1"),),
                     sender=(cxml.Credential("NetworkId", "Amazon", "secret"),), user_agent="Amazon")
ADDRESS = cxml.Address("Neo1", ("Street 1",), "Berlin", "", "10115", "DE")


def items():
    return tuple(
        cxml.LineItem(
            quantity=Decimal(n % 5 + 1), supplier_part_id=f"B{n:09d}", supplier_part_auxiliary_id=f"111-222,{n}",
            unit_price=cxml.Money(Decimal(f"{n}.99"), "USD"), description=f"Item {n}", unit_of_measure="EA",
            classifications={"UNSPSC": "44121615"}, manufacturer_part_id=f"M{n}", manufacturer_name="Maker",
            extrinsics={"soldBy": "Amazon", "fulfilledBy": "Amazon"}, line_number=n)
        for n in range(1, LINES + 1))


def best_of(function):
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def bare_parse(data):
    """The floor: a plain lxml parse plus extraction of the same fields."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(data, parser)
    message = root.find("Message/PunchOutOrderMessage")
    header = message.find("PunchOutOrderMessageHeader")
    result = [message.findtext("BuyerCookie"), header.get("operationAllowed"), header.findtext("Total/Money")]
    for item in message.iterfind("ItemIn"):
        detail = item.find("ItemDetail")
        money = detail.find("UnitPrice/Money")
        result.append((
            Decimal(item.get("quantity")), item.findtext("ItemID/SupplierPartID"),
            item.findtext("ItemID/SupplierPartAuxiliaryID"), Decimal(money.text), money.get("currency"),
            detail.findtext("Description"), detail.findtext("UnitOfMeasure"),
            {c.get("domain"): c.text for c in detail.iterfind("Classification")},
            detail.findtext("ManufacturerPartID"), detail.findtext("ManufacturerName"),
            {e.get("name"): e.text for e in detail.iterfind("Extrinsic")}))
    return result


def bare_build(order):
    """The floor: the same OrderRequest tree built with SubElement calls, then tostring."""
    sub = etree.SubElement
    root = etree.Element("cXML", payloadID="p", timestamp="2024-01-01T00:00:00+00:00")
    header = sub(root, "Header")
    for tag, creds in (("From", order.header.from_), ("To", order.header.to), ("Sender", order.header.sender)):
        holder = sub(header, tag)
        for cred in creds:
            credential = sub(holder, "Credential", domain=cred.domain)
            sub(credential, "Identity").text = cred.identity
    sub(holder, "UserAgent").text = order.header.user_agent
    request = sub(sub(root, "Request"), "OrderRequest")
    order_header = sub(request, "OrderRequestHeader", orderID=order.order_id, orderDate=order.order_date, type="new")
    sub(sub(order_header, "Total"), "Money", currency="USD").text = str(order.total.amount)
    for item in order.items:
        out = sub(request, "ItemOut", quantity=str(item.quantity), lineNumber=str(item.line_number))
        item_id = sub(out, "ItemID")
        sub(item_id, "SupplierPartID").text = item.supplier_part_id
        sub(item_id, "SupplierPartAuxiliaryID").text = item.supplier_part_auxiliary_id
        detail = sub(out, "ItemDetail")
        sub(sub(detail, "UnitPrice"), "Money", currency=item.unit_price.currency).text = str(item.unit_price.amount)
        sub(detail, "Description").text = item.description
        sub(detail, "UnitOfMeasure").text = item.unit_of_measure
        for domain, code in item.classifications.items():
            sub(detail, "Classification", domain=domain).text = code
        sub(detail, "ManufacturerPartID").text = item.manufacturer_part_id
        sub(detail, "ManufacturerName").text = item.manufacturer_name
        for name, value in item.extrinsics.items():
            sub(detail, "Extrinsic", name=name).text = value
    return etree.tostring(root, encoding="UTF-8")


def main():
    lines = items()
    cart = cxml.PunchOutOrderMessage(header=HEADER, buyer_cookie="c", total=cxml.Money(Decimal(1), "USD"), items=lines)
    cart_xml = cxml.build(cart)
    order = cxml.OrderRequest(header=HEADER, order_id="P1", order_date="2024-01-01T00:00:00+00:00",
                              total=cxml.Money(Decimal(1), "USD"), ship_to=ADDRESS, bill_to=ADDRESS, items=lines)
    assert len(cxml.parse(cart_xml).items) == len(bare_parse(cart_xml)) - 3 == LINES
    built_tree = etree.fromstring(bare_build(order))

    rows = [
        ("parse 1,000-line PunchOutOrderMessage", best_of(lambda: cxml.parse(cart_xml)),
         best_of(lambda: bare_parse(cart_xml)), 1.5),
        ("build 1,000-line OrderRequest", best_of(lambda: cxml.build(order)),
         best_of(lambda: bare_build(order)), 2.0),
    ]
    tostring_only = best_of(lambda: etree.tostring(built_tree, encoding="UTF-8"))
    print(f"{'benchmark':40} {'cxml ms':>9} {'floor ms':>9} {'ratio':>6} {'goal':>5}")
    for name, ours, floor, goal in rows:
        verdict = "ok" if ours / floor <= goal else "MISSED"
        print(f"{name:40} {ours * 1e3:9.2f} {floor * 1e3:9.2f} {ours / floor:6.2f} {goal:5.1f} {verdict}")
    print(f"(etree.tostring alone of the built tree: {tostring_only * 1e3:.2f} ms; "
          f"build ratio against it: {rows[1][1] / tostring_only:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
