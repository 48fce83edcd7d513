"""Conformance over ../shared/cxml/samples, driven by the rows of its README.

Decisions (documented in the cxml README):
* every sample parses; none is refused. The Amazon.de cart with the typo element
  ``SupplierPartAcurrencyuxiliaryID`` parses leniently: the unknown element is
  ignored, so that line has no auxiliary ID (the addon must not order it blind);
* the Coupa setup request with a non-ISO timestamp parses, its timestamp kept as sent;
* ``validate`` agrees with the README's validity column, DTD name included.
"""
import dataclasses
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import cxml
from cxml_factories import usd

ROW = re.compile(r"^\| `([^`]+\.xml)` \|.*\| (valid|invalid) against 1\.2\.069 (\S+\.dtd)", re.MULTILINE)
REFUSED = {}  # file -> expected message fragment; no sample is refused today
SCRIPT = Path(__file__).resolve().parents[2] / "bin" / "cxml"


def readme_rows(samples_dir):
    rows = ROW.findall((samples_dir / "README.md").read_text(encoding="utf-8"))
    assert len(rows) >= 20, "README table not recognised"
    return rows


def floats_in(value, where="doc"):
    """Where a float hides in a parsed document (amounts and quantities must be Decimal)."""
    if isinstance(value, float):
        yield where
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from floats_in(getattr(value, field.name), f"{where}.{field.name}")
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            yield from floats_in(item, f"{where}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from floats_in(item, f"{where}[{key!r}]")


def test_every_sample_file_has_a_readme_row(cxml_samples_dir):
    listed = {name for name, _, _ in readme_rows(cxml_samples_dir)}
    on_disk = {str(p.relative_to(cxml_samples_dir)) for p in cxml_samples_dir.glob("*/*.xml")}
    assert listed == on_disk


def test_each_sample_parses_or_is_refused_as_its_row_says(cxml_samples_dir, cxml_dtd_dir):
    for name, validity, dtd in readme_rows(cxml_samples_dir):
        data = (cxml_samples_dir / name).read_bytes()
        if name in REFUSED:
            with pytest.raises(cxml.CXMLError, match=REFUSED[name]):
                cxml.parse(data)
            continue
        doc = cxml.parse(data)
        assert doc.document_type == name.split("/")[0], name
        assert not list(floats_in(doc)), (name, list(floats_in(doc)))
        if validity == "valid":
            assert cxml.validate(data, cxml_dtd_dir) == dtd, name
        else:
            with pytest.raises(cxml.CXMLError, match=f"not valid against {re.escape(dtd)}"):
                cxml.validate(data, cxml_dtd_dir)


def test_amazon_de_cart_parses_leniently(cxml_samples_dir):
    doc = cxml.parse((cxml_samples_dir / "PunchOutOrderMessage/voku-amazon-business-de.xml").read_bytes())
    item = doc.items[0]
    assert item.supplier_part_id == "B000KJR1A8"
    assert item.supplier_part_auxiliary_id is None  # the typo element is not guessed at
    assert item.tax_details[0].percentage_rate == cxml.Money(0, "").amount + 19
    assert item.tax_details[0].tax_amount.amount.as_tuple() == (0, (7,), -2)
    assert item.extrinsics["detailPageURL"] == "https://www.amazon.de/dp/B000KJR1A8"
    assert doc.total.currency == "EUR" and str(doc.tax.amount) == "0.07"


def test_coupa_setup_request_with_non_iso_timestamp_parses(cxml_samples_dir):
    doc = cxml.parse((cxml_samples_dir / "PunchOutSetupRequest/officeluv-coupa.xml").read_bytes())
    assert doc.timestamp == "Mon May 19 18:29:48 +0000 2008"
    assert doc.extrinsics["UserEmail"] == "noah+jim@coupa.com"
    assert doc.browser_form_post_url == "https://qa.coupahost.com/punchout/checkout/4"
    assert doc.header.sender[0].shared_secret == "test"


def test_wurth_aux_id_is_kept_byte_for_byte(cxml_samples_dir):
    raw = (cxml_samples_dir / "PunchOutOrderMessage/oca-edi-wurth.xml").read_bytes()
    doc = cxml.parse(raw)
    aux = doc.items[0].supplier_part_auxiliary_id
    assert aux.startswith("UtQKD90k4GgAAAGKhjMtqsuG@10\n") and aux.endswith(" ")
    assert aux.encode() in raw
    assert doc.items[0].classifications == {}
    assert doc.items[0].short_name.startswith("Jeu de tournevis")


def test_invoice_backed_by_several_orders_keeps_each_order_with_its_own_items(cxml_samples_dir, cxml_dtd_dir):
    doc = cxml.parse((cxml_samples_dir / "InvoiceDetailRequest/officeluv-backed-by-multiple-pos.xml").read_bytes())
    first, second = doc.orders
    assert first.order_reference == cxml.OrderReference(order_id="", payload_id="2252")
    assert first.items == (cxml.InvoiceItem(1, Decimal("2.00"), "EA", usd("100"), usd("200"), "Item1"),)
    assert second.order_reference == cxml.OrderReference(order_id="", payload_id="2253")
    assert second.items == (cxml.InvoiceItem(2, Decimal("2"), "EA", usd("10"), usd("20"), "Test Item"),)
    assert doc.order_reference == first.order_reference  # compatibility: the first order's
    assert doc.items == first.items + second.items  # compatibility: every order's lines
    assert (doc.subtotal, doc.net_amount) == (usd("220.00"), usd("0"))
    rebuilt = cxml.build(doc)
    cxml.validate(rebuilt, cxml_dtd_dir)
    assert cxml.parse(rebuilt) == doc


def test_cli_parse_prints_json_for_every_accepted_sample(cxml_samples_dir):
    for name, _, _ in readme_rows(cxml_samples_dir):
        if name in REFUSED:
            continue
        run = subprocess.run([sys.executable, str(SCRIPT), "parse", str(cxml_samples_dir / name)],
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, (name, run.stderr)
        data = json.loads(run.stdout)
        assert data["type"] == name.split("/")[0] and "payload_id" in data
        if data["type"] == "InvoiceDetailRequest":
            assert data["orders"] and data["orders"][0]["order_reference"] == data["order_reference"]
            assert [item for order in data["orders"] for item in order["items"]] == data["items"]
        if data["type"] == "PunchOutOrderMessage":
            for item in data["items"]:
                assert set(item) >= {"quantity", "supplier_part_id", "supplier_part_auxiliary_id", "unit_price",
                                     "currency", "description", "unit_of_measure", "classifications",
                                     "manufacturer_part_id", "manufacturer_name", "extrinsics"}
        secrets = re.findall(rb"<SharedSecret>([^<]+)<", (cxml_samples_dir / name).read_bytes())
        if secrets:
            printed = [c["shared_secret"] for c in data["header"]["sender"]]
            assert "***" in printed and not set(printed) & {s.decode() for s in secrets}, name
