"""InvoiceDetailRequest over one or several orders: ``orders`` and its compatibility fields."""
import dataclasses

import pytest
from lxml import etree

import cxml
from cxml_factories import (ORDER_REFERENCE, SECOND_ORDER, invoice_for_orders, invoice_order,
                            single_order_invoice, with_orders_filled)

STAMP = {"payload_id": "p-1@neo1.local", "timestamp": "2024-12-09T08:00:00+00:00"}


def two_order_invoice():
    return invoice_for_orders(invoice_order(ORDER_REFERENCE, 1, 2), invoice_order(SECOND_ORDER, 3))


def written_orders(data):
    """[(orderID, payloadID, [invoiceLineNumber, ...]), ...] per InvoiceDetailOrder written."""
    request = etree.fromstring(data).find("Request/InvoiceDetailRequest")
    return [
        (order.find("InvoiceDetailOrderInfo/OrderReference").get("orderID"),
         order.find("InvoiceDetailOrderInfo/OrderReference/DocumentReference").get("payloadID"),
         [item.get("invoiceLineNumber") for item in order.findall("InvoiceDetailItem")])
        for order in request.findall("InvoiceDetailOrder")
    ]


def test_each_order_is_written_with_its_own_reference_and_items(cxml_dtd_dir):
    data = cxml.build(two_order_invoice())
    assert cxml.validate(data, cxml_dtd_dir) == "InvoiceDetail.dtd"
    assert written_orders(data) == [
        ("P00042", "1733300000.1.abc@neo1.local", ["1", "2"]),
        ("P00043", "1733300000.2.def@neo1.local", ["3"]),
    ]


def test_two_order_invoice_round_trips_with_compatibility_fields():
    doc = two_order_invoice()
    back = cxml.parse(cxml.build(doc, **STAMP))
    assert back == dataclasses.replace(doc, **STAMP)
    assert back.order_reference == ORDER_REFERENCE  # the first order's, as before `orders` existed
    assert [item.line_number for item in back.items] == [1, 2, 3]  # every order's lines
    assert [[item.line_number for item in order.items] for order in back.orders] == [[1, 2], [3]]


def test_invoice_without_orders_is_written_as_before_and_parses_with_orders_filled(cxml_dtd_dir):
    legacy = single_order_invoice()
    assert legacy.orders == ()
    data = cxml.build(legacy, **STAMP)
    cxml.validate(data, cxml_dtd_dir)
    assert data == cxml.build(with_orders_filled(legacy), **STAMP)
    assert written_orders(data) == [("P00042", "1733300000.1.abc@neo1.local", ["1"])]
    assert cxml.parse(data) == dataclasses.replace(with_orders_filled(legacy), **STAMP)


@pytest.mark.parametrize("change, message", [
    (lambda doc: dataclasses.replace(doc, order_reference=SECOND_ORDER), "order_reference differs"),
    (lambda doc: dataclasses.replace(doc, items=doc.items[:1]), "items are not the items of its orders"),
    (lambda doc: dataclasses.replace(doc, items=doc.items[::-1]), "items are not the items of its orders"),
])
def test_compatibility_fields_contradicting_orders_are_refused(change, message):
    with pytest.raises(cxml.CXMLError, match=message):
        cxml.build(change(two_order_invoice()))


def test_order_without_items_is_refused_as_the_dtd_requires_one():
    empty = cxml.InvoiceOrder(SECOND_ORDER, ())
    doc = invoice_for_orders(invoice_order(ORDER_REFERENCE, 1), empty)
    with pytest.raises(cxml.CXMLError, match=r"InvoiceDetailOrder\[2\] has no InvoiceDetailItem"):
        cxml.build(doc)
    with pytest.raises(cxml.CXMLError, match=r"InvoiceDetailOrder\[1\] has no InvoiceDetailItem"):
        cxml.build(single_order_invoice(items=()))


def test_to_jsonable_lists_each_order_with_its_items():
    data = cxml.to_jsonable(cxml.parse(cxml.build(two_order_invoice(), **STAMP)))
    assert data["type"] == "InvoiceDetailRequest"
    assert data["order_reference"]["order_id"] == "P00042"
    assert [item["line_number"] for item in data["items"]] == [1, 2, 3]
    assert [(order["order_reference"], [item["line_number"] for item in order["items"]])
            for order in data["orders"]] == [
        ({"order_id": "P00042", "payload_id": "1733300000.1.abc@neo1.local",
          "order_date": "2024-12-04T10:00:00+01:00"}, [1, 2]),
        ({"order_id": "P00043", "payload_id": "1733300000.2.def@neo1.local",
          "order_date": "2024-12-05T11:00:00+01:00"}, [3]),
    ]
    assert data["orders"][1]["items"][0]["unit_price"] == {"amount": "3.99", "currency": "USD"}
