"""Property tests: round trips of generated carts; nothing crashes but CXMLError."""
import dataclasses
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cxml
from cxml_factories import AMAZON, cart, order_request

# XML 1.0 text: no control characters; lone surrogates are not encodable.
xml_chars = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
text = st.text(xml_chars, max_size=30).map(str.strip)
token = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=1, max_size=12)
amount = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=4, allow_nan=False)
# SupplierPartAuxiliaryID goes back to Amazon byte for byte: any character XML 1.0 can carry
# (CR, tab, newline, C1 controls, non-ASCII), with whitespace runs at either end.
aux_char = st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff").filter(
    lambda char: char >= " " or char in "\t\n\r")
edge_whitespace = st.lists(st.sampled_from([" ", "\t", "\r", "\n", "\r\n", "\u00a0", "\u3000"]),
                           max_size=4).map("".join)
aux_text = st.builds("".join, st.tuples(edge_whitespace, st.text(aux_char, max_size=24), edge_whitespace))
aux_id = st.none() | aux_text

items = st.builds(
    cxml.LineItem,
    quantity=st.decimals(min_value=Decimal("0.001"), max_value=Decimal("100000"), places=3),
    supplier_part_id=token,
    supplier_part_auxiliary_id=aux_id,
    unit_price=st.builds(cxml.Money, amount, st.sampled_from(["USD", "EUR", "GBP"])),
    description=text,
    unit_of_measure=st.sampled_from(["EA", "BX", "PK"]),
    classifications=st.dictionaries(st.sampled_from(["UNSPSC", "eClass", ""]), token, max_size=2),
    manufacturer_part_id=st.none() | token,
    manufacturer_name=st.none() | token,
    extrinsics=st.dictionaries(token, text, max_size=3),
    shipping=st.none() | st.builds(cxml.Money, amount, st.just("USD")),
    tax=st.none() | st.builds(cxml.Money, amount, st.just("USD")),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(items, max_size=6), st.none() | st.builds(cxml.Money, amount, st.just("USD")), text)
def test_generated_cart_round_trips(lines, total, cookie):
    doc = cxml.PunchOutOrderMessage(header=AMAZON, buyer_cookie=cookie, total=total, items=tuple(lines),
                                    payload_id="p@x", timestamp="2024-01-01T00:00:00Z")
    assert cxml.parse(cxml.build(doc)) == doc


@settings(max_examples=40, deadline=None)
@given(st.lists(items, min_size=1, max_size=4))
def test_generated_order_round_trips(lines):
    numbered = tuple(dataclasses.replace(item, line_number=n) for n, item in enumerate(lines, 1))
    doc = dataclasses.replace(order_request(), items=numbered, payload_id="p@x", timestamp="2024-01-01T00:00:00Z")
    assert cxml.parse(cxml.build(doc)) == doc


AUX_EXAMPLES = ["\r", "\r\n", "a\rb", "\t", "  lead", "trail \t", " 111-2223334-5556667, 2 ", "Grüße",
                "東京\u3000", "\u00a0nbsp\u00a0", "\x85\u2028", "😀", "&<>]]>\"'", ""]


def with_auxiliary_id(doc, aux):
    return dataclasses.replace(doc, items=tuple(dataclasses.replace(item, supplier_part_auxiliary_id=aux)
                                                for item in doc.items))


@settings(max_examples=150, deadline=None)
@given(aux_text)
def test_auxiliary_id_survives_cart_and_order_byte_for_byte(aux):
    for doc in (cart(1), order_request(1)):  # the cart brings it in, the order sends it back
        data = cxml.build(with_auxiliary_id(doc, aux))
        assert b"\r" not in data  # a literal CR would be read back as LF: it must be written &#13;
        assert cxml.parse(data).items[0].supplier_part_auxiliary_id == aux


@pytest.mark.parametrize("aux", AUX_EXAMPLES)
def test_auxiliary_id_examples_survive_byte_for_byte(aux):
    data = cxml.build(with_auxiliary_id(order_request(1), aux))
    assert cxml.parse(data).items[0].supplier_part_auxiliary_id == aux
    if "\r" in aux:
        assert aux.replace("\r", "&#13;").encode("utf-8") in data


def only_cxml_errors(data):
    try:
        cxml.parse(data)
    except cxml.CXMLError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_cxml_error(data):
    only_cxml_errors(data)


SEED = cxml.build(cart(2))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(SEED) - 1), st.integers(0, 8), st.binary(max_size=6)), max_size=5))
def test_mutated_documents_raise_only_cxml_error(edits):
    data = bytearray(SEED)
    for position, cut, insert in edits:
        data[position:position + cut] = insert
    only_cxml_errors(bytes(data))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([b"<ItemIn>", b"</ItemIn>", b'quantity="x"', b"<Money>", b"&amp;", b"<!--",
                                 b"]]>", b"<![CDATA[", b"\x00", b"\xff", b'lineNumber="1.5"', b"<SharedSecret>"]),
                max_size=4), st.integers(0, len(SEED)))
def test_structural_mutations_raise_only_cxml_error(pieces, position):
    only_cxml_errors(SEED[:position] + b"".join(pieces) + SEED[position:])
