"""Build → validate → parse for every document type."""
import dataclasses
import re
from decimal import Decimal

import pytest
from lxml import etree

import cxml
from cxml_factories import BUYER, all_documents, cart, order_request, setup_request

DOCS = all_documents()
IDS = [f"{doc.document_type}-{i}" for i, doc in enumerate(DOCS)]


@pytest.mark.parametrize("doc", DOCS, ids=IDS)
def test_round_trip(doc):
    data = cxml.build(doc, payload_id="p-1@neo1.local", timestamp="2024-12-04T10:00:00+01:00")
    back = cxml.parse(data)
    assert back == dataclasses.replace(doc, payload_id="p-1@neo1.local", timestamp="2024-12-04T10:00:00+01:00")


@pytest.mark.parametrize("doc", DOCS, ids=IDS)
def test_built_document_is_dtd_valid(doc, cxml_dtd_dir):
    data = cxml.build(doc)
    expected = {"ConfirmationRequest": "Fulfill.dtd", "ShipNoticeRequest": "Fulfill.dtd",
                "InvoiceDetailRequest": "InvoiceDetail.dtd"}.get(doc.document_type, "cXML.dtd")
    assert cxml.validate(data, cxml_dtd_dir) == expected
    assert data.startswith(
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.069/' + expected.encode() + b'">')


def test_payload_id_and_timestamp_are_new_unique_and_zoned():
    first, second = (cxml.parse(cxml.build(setup_request())) for _ in range(2))
    assert first.payload_id != second.payload_id
    assert re.fullmatch(r"\d+\.\d+\.[0-9a-f]+@neo1\.local", first.payload_id)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", first.timestamp)


def test_document_payload_id_is_kept_when_present():
    doc = dataclasses.replace(setup_request(), payload_id="frozen@neo1.local")
    assert cxml.parse(cxml.build(doc)).payload_id == "frozen@neo1.local"


def test_naive_timestamp_is_refused():
    with pytest.raises(cxml.CXMLError, match="time zone"):
        cxml.build(setup_request(), timestamp="2024-12-04T10:00:00")


def test_credentials_are_written_without_whitespace():
    padded = cxml.Header(
        from_=(cxml.Credential(" NetworkId\n", "\n  neo1-buyer  "),), to=(cxml.Credential("NetworkId", " Amazon "),),
        sender=(cxml.Credential("NetworkId", " neo1-buyer ", "\n   s3cret \n"),), user_agent="ua")
    root = etree.fromstring(cxml.build(dataclasses.replace(setup_request(), header=padded)))
    assert root.findtext("Header/From/Credential/Identity") == "neo1-buyer"
    assert root.find("Header/From/Credential").get("domain") == "NetworkId"
    assert root.findtext("Header/To/Credential/Identity") == "Amazon"
    assert root.findtext("Header/Sender/Credential/SharedSecret") == "s3cret"


def test_setup_request_children_follow_dtd_order_and_carry_deployment_mode():
    root = etree.fromstring(cxml.build(setup_request("edit")))
    request = root.find("Request")
    assert request.get("deploymentMode") == "test"
    tags = [child.tag for child in request.find("PunchOutSetupRequest")]
    assert tags == ["BuyerCookie", "Extrinsic", "Extrinsic", "Extrinsic", "BrowserFormPost", "Contact", "ShipTo", "ItemOut"]


def test_setup_request_unknown_operation_is_refused():
    with pytest.raises(cxml.CXMLError, match="operation 'source'"):
        cxml.build(setup_request("source"))


@pytest.mark.parametrize("order_type", ["update", "delete"])
def test_order_request_other_than_new_is_refused(order_type):
    with pytest.raises(cxml.CXMLError, match="only 'new'"):
        cxml.build(dataclasses.replace(order_request(), type=order_type))


def test_order_request_never_has_payment_and_needs_ship_to():
    root = etree.fromstring(cxml.build(order_request()))
    assert root.find(".//Payment") is None
    assert root.find("Request/OrderRequest/OrderRequestHeader").get("type") == "new"
    with pytest.raises(cxml.CXMLError, match="ShipTo is missing"):
        cxml.build(dataclasses.replace(order_request(), ship_to=None))


def test_order_lines_without_number_are_numbered_by_position():
    doc = order_request(3)
    doc = dataclasses.replace(doc, items=tuple(dataclasses.replace(i, line_number=None) for i in doc.items))
    assert [i.line_number for i in cxml.parse(cxml.build(doc)).items] == [1, 2, 3]


def test_item_without_classification_gets_a_valid_empty_one(cxml_dtd_dir):
    doc = order_request(1)
    doc = dataclasses.replace(doc, items=(dataclasses.replace(doc.items[0], classifications={}),))
    data = cxml.build(doc)
    cxml.validate(data, cxml_dtd_dir)
    assert b'<Classification domain="UNSPSC"></Classification>' in data
    assert cxml.parse(data).items[0].classifications == {}


def test_float_amount_is_refused():
    doc = dataclasses.replace(order_request(), total=cxml.Money(9.99, "USD"))
    with pytest.raises(cxml.CXMLError, match="must be a Decimal"):
        cxml.build(doc)


def test_parsed_amounts_are_decimals():
    doc = cxml.parse(cxml.build(order_request()))
    assert isinstance(doc.total.amount, Decimal) and isinstance(doc.items[0].quantity, Decimal)
    assert doc.items[1].unit_price == cxml.Money(Decimal("2.99"), "USD")


def test_validate_checks_the_bool_and_reports_the_violation(cxml_dtd_dir):
    data = cxml.build(order_request()).replace(b"<BillTo>", b"<Bogus/><BillTo>")
    with pytest.raises(cxml.CXMLError, match="not valid against cXML.dtd.*Bogus"):
        cxml.validate(data, cxml_dtd_dir)


def test_validate_never_reads_the_doctype(tmp_path, cxml_dtd_dir):
    data = cxml.build(order_request()).replace(
        b"http://xml.cxml.org/schemas/cXML/1.2.069/cXML.dtd", b"Fulfill.dtd")
    assert cxml.validate(data, cxml_dtd_dir) == "cXML.dtd"
    with pytest.raises(cxml.CXMLError, match="not found"):
        cxml.validate(data, tmp_path)


def test_header_secret_is_exposed_for_authentication():
    doc = cxml.parse(cxml.build(order_request()))
    assert doc.header.sender[0].shared_secret == "s3cret-value"
    assert doc.header == BUYER


def test_unknown_elements_and_attributes_and_a_missing_declaration_are_tolerated():
    doc = cart(2)
    data = cxml.build(doc, payload_id="p-1@neo1.local", timestamp="2024-12-04T10:00:00+01:00")
    data = data.split(b"\n", 2)[2]  # no XML declaration, no DOCTYPE
    data = data.replace(b"<ItemIn ", b'<ItemIn futureAttribute="x" ', 1)
    data = data.replace(b"<ItemDetail>", b"<ItemDetail><FutureElement a='1'>ignored</FutureElement>", 1)
    data = data.replace(b"<BuyerCookie>", b"<SupplierSetup><URL>https://x</URL></SupplierSetup><BuyerCookie>", 1)
    assert not data.startswith(b"<?xml")
    assert cxml.parse(data) == dataclasses.replace(
        doc, payload_id="p-1@neo1.local", timestamp="2024-12-04T10:00:00+01:00")
