"""The project's own carts: Amazon-style 3 lines, 1,000 lines, multi-currency, empty."""
from decimal import Decimal
from pathlib import Path

import pytest

import cxml
from cxml_factories import cart

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cxml"


def load(name):
    return cxml.parse((FIXTURES / name).read_bytes())


def test_amazon_style_three_line_cart():
    doc = load("amazon-cart-3-lines.xml")
    assert doc.buyer_cookie == "neo1-session-42"  # padded value stripped
    assert doc.header.from_[0] == cxml.Credential("DUNS", "128990368")
    assert doc.header.user_agent == "Amazon LLC eProcurement Application"
    assert (doc.total, doc.shipping, doc.tax) == (
        cxml.Money(Decimal("61.47"), "USD"), cxml.Money(Decimal("5.99"), "USD"), cxml.Money(Decimal("3.50"), "USD"))
    first, second, third = doc.items
    assert first.quantity == 2 and first.unit_price.amount == Decimal("9.99")
    assert first.extrinsics == {"soldBy": "Amazon.com Services LLC", "fulfilledBy": "Amazon",
                                "category": "OFFICE_PRODUCTS"}
    assert first.manufacturer_part_id == "UPC-012345678905"
    assert second.supplier_part_auxiliary_id == " 111-2223334-5556667, 2 "  # byte for byte
    assert second.description == "Desk lamp, LED, dimmable" and second.unit_of_measure == "EA"
    assert second.manufacturer_name == "Lumen & Co"
    assert second.tax_details[0].percentage_rate == Decimal("5.92")
    assert third.unit_price.amount == 0 and third.manufacturer_name is None and third.shipping is None
    assert sum(i.quantity * i.unit_price.amount for i in doc.items) == Decimal("55.48")


def test_thousand_line_cart_round_trips(cxml_dtd_dir):
    doc = cart(1000)
    data = cxml.build(doc)
    cxml.validate(data, cxml_dtd_dir)
    back = cxml.parse(data)
    assert len(back.items) == 1000
    assert back.items[999].supplier_part_id == "B000001000"
    assert back.items[999].supplier_part_auxiliary_id == "111-2223334-5556667,1000 "
    assert back.total == doc.total


def test_multi_currency_cart_keeps_each_line_currency():
    doc = load("multi-currency-cart.xml")
    assert [i.unit_price.currency for i in doc.items] == ["EUR", "GBP"]
    assert doc.total.currency == "EUR"
    assert doc.header.to[0].domain == ""  # empty credential domain tolerated
    assert doc.items[0].description_lang == "de-DE"


def test_empty_cart_with_lowercase_root():
    doc = load("empty-cart.xml")
    assert doc.items == () and doc.total.amount == 0
    assert doc.buyer_cookie == "neo1-session-44"


@pytest.mark.parametrize("name", ["amazon-cart-3-lines.xml", "multi-currency-cart.xml", "empty-cart.xml"])
def test_fixture_round_trips_through_build(name):
    doc = load(name)
    assert cxml.parse(cxml.build(doc)) == doc
