"""POST /punchout: authentication, Amazon's rules and what the sandbox remembers."""
from decimal import Decimal

import cxml
import pytest
import requests
from sandbox_helpers import DEMO_IDENTITY, DEMO_SECRET, PEN, PAPER, address, header, status_of

HAND_WRITTEN_SETUP_REQUEST = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.069/cXML.dtd">
<cXML payloadID="1741770000.1234.hand@buyer.example" timestamp="2025-03-12T09:00:00+00:00" xml:lang="en-US">
  <Header>
    <From><Credential domain="NetworkId"><Identity>NEO1-DEMO-BUYER</Identity></Credential></From>
    <To><Credential domain="NetworkId"><Identity>Amazon</Identity></Credential></To>
    <Sender>
      <Credential domain="NetworkId"><Identity>NEO1-DEMO-BUYER</Identity>
        <SharedSecret>neo1-demo-shared-secret</SharedSecret></Credential>
      <UserAgent>Hand written</UserAgent>
    </Sender>
  </Header>
  <Request deploymentMode="test">
    <PunchOutSetupRequest operation="create">
      <BuyerCookie>hand-written-cookie</BuyerCookie>
      <Extrinsic name="UserEmail">jane@example.com</Extrinsic>
      <Extrinsic name="UserBusinessUnit">Operations</Extrinsic>
      <BrowserFormPost><URL>http://127.0.0.1:8069/punchout/amazon/return</URL></BrowserFormPost>
    </PunchOutSetupRequest>
  </Request>
</cXML>"""


def test_a_hand_written_setup_request_gets_a_start_page(buyer, sandbox, cxml_dtd_dir):
    reply = buyer.post("/punchout", HAND_WRITTEN_SETUP_REQUEST.encode())
    assert reply.status_code == 200
    cxml.validate(reply.content, cxml_dtd_dir)
    response = cxml.parse(reply.content)
    assert response.status.code == 200
    assert response.start_page_url.startswith(f"{sandbox.url}/start/")
    [setup] = buyer.admin("GET", "setups").json()
    assert setup["buyer_cookie"] == "hand-written-cookie"
    assert setup["browser_form_post_url"] == "http://127.0.0.1:8069/punchout/amazon/return"
    assert setup["email"] == "jane@example.com"
    assert setup["business_unit"] == "Operations"
    assert setup["operation"] == "create"
    assert "neo1-demo-shared-secret" not in setup["raw"]


@pytest.mark.parametrize("identity, secret, sender_identity", [
    (DEMO_IDENTITY, "wrong-secret", None),
    ("SOMEONE-ELSE", DEMO_SECRET, None),
    (DEMO_IDENTITY, DEMO_SECRET, "SOMEONE-ELSE"),
    (DEMO_IDENTITY, None, None),
], ids=["wrong secret", "wrong identity", "sender not the buyer", "no secret"])
def test_wrong_credentials_get_a_cxml_401(buyer, cxml_dtd_dir, identity, secret, sender_identity):
    request = buyer.setup_request(header=header(identity, secret, sender_identity))
    reply = buyer.post("/punchout", cxml.build(request))
    assert reply.status_code == 401
    cxml.validate(reply.content, cxml_dtd_dir)
    assert status_of(reply).code == 401
    assert status_of(reply).text == "Unauthorized"
    assert buyer.admin("GET", "setups").json() == []
    assert buyer.admin("GET", "attempts").json()[0]["status"] == 401


@pytest.mark.parametrize("body", [b"<cXML><Header>", b"not xml at all", b""], ids=["truncated", "text", "empty"])
def test_malformed_xml_gets_a_400(buyer, body, cxml_dtd_dir):
    reply = buyer.post("/punchout", body)
    assert reply.status_code == 400
    cxml.validate(reply.content, cxml_dtd_dir)
    assert "malformed cXML" in status_of(reply).message


def test_another_document_type_gets_a_400(buyer):
    reply = buyer.post("/punchout", cxml.build(cxml.Response(status=cxml.Status(200, "OK"))))
    assert reply.status_code == 400
    assert "expected a PunchOutSetupRequest" in status_of(reply).message


def test_a_missing_user_email_gets_a_400_with_a_clear_text(buyer):
    reply = buyer.post("/punchout", cxml.build(buyer.setup_request(extrinsics={"UserBusinessUnit": "Marketing"})))
    assert reply.status_code == 400
    assert status_of(reply).code == 400
    assert "UserEmail" in status_of(reply).message and "e-mail" in status_of(reply).message


@pytest.mark.parametrize("where", ["Email extrinsic", "Contact", "ShipTo"])
def test_the_user_email_may_come_from_anywhere_amazon_reads_it(buyer, where):
    overrides = {
        "Email extrinsic": {"extrinsics": {"Email": "jane@example.com"}},
        "Contact": {"extrinsics": {}, "contacts": (cxml.Contact("Jane", email="jane@example.com"),)},
        "ShipTo": {"extrinsics": {}, "ship_to": address(email="jane@example.com")},
    }[where]
    buyer.punchout(**overrides)
    assert buyer.admin("GET", "setups").json()[0]["email"] == "jane@example.com"


def test_an_unknown_business_unit_falls_into_the_root_group(buyer):
    buyer.punchout(extrinsics={"UserEmail": "jane@example.com", "UserBusinessUnit": "Nonexistent"})
    [setup] = buyer.admin("GET", "setups").json()
    assert setup["business_unit"] == "Root"
    assert setup["requested_business_unit"] == "Nonexistent"


def test_the_start_page_opens_the_storefront(buyer):
    browser, shop_url = buyer.shop(buyer.punchout())
    page = browser.get(shop_url, timeout=10).text
    assert page.count('class="product-card"') >= 30
    assert 'name="q"' in page and 'id="cart-link"' in page
    assert "jane@example.com" in page and "Marketing" in page


def _item_out(asin, quantity, price):
    return cxml.LineItem(quantity=quantity, supplier_part_id=asin, supplier_part_auxiliary_id="old,1",
                         unit_price=cxml.Money(price, "USD"), description="from the PO", unit_of_measure="EA",
                         classifications={"UNSPSC": "44121704"}, line_number=1)


def test_edit_prefills_the_cart_with_the_item_out_lines(buyer):
    start = buyer.punchout(operation="edit", items_out=(
        _item_out(PEN, Decimal(3), Decimal("14.49")), _item_out(PAPER, Decimal(1), Decimal("54.99")),
        _item_out("B0UNKNOWN0", Decimal(1), Decimal("1.00"))))
    browser, shop_url = buyer.shop(start)
    cart_page = browser.get(f"{shop_url}/cart", timeout=10).text
    assert f'data-asin="{PEN}"' in cart_page and f'data-asin="{PAPER}"' in cart_page
    assert f'name="qty-{PEN}" value="3"' in cart_page
    assert "B0UNKNOWN0" not in cart_page  # Amazon knows only its own ASINs
    _, _, cart = buyer.submit(browser, shop_url)
    assert [(item.supplier_part_id, item.quantity) for item in cxml.parse(cart).items] == [(PEN, 3), (PAPER, 1)]


def test_inspect_shows_the_cart_read_only(buyer):
    browser, shop_url = buyer.shop(buyer.punchout(operation="inspect",
                                                  items_out=(_item_out(PEN, Decimal(2), Decimal("14.49")),)))
    cart_page = browser.get(f"{shop_url}/cart", timeout=10).text
    assert f'data-asin="{PEN}"' in cart_page and 'name="qty-' not in cart_page
    assert "add-to-cart" not in browser.get(shop_url, timeout=10).text
    refused = browser.post(f"{shop_url}/add", data={"asin": PAPER, "quantity": "1"}, timeout=10)
    assert refused.status_code == 403
    _, _, cart = buyer.submit(browser, shop_url)
    assert [(item.supplier_part_id, item.quantity) for item in cxml.parse(cart).items] == [(PEN, 2)]


def test_an_unsupported_operation_gets_a_400(buyer):
    body = cxml.build(buyer.setup_request()).replace(b'operation="create"', b'operation="delete"')
    reply = buyer.post("/punchout", body)
    assert reply.status_code == 400
    assert "operation 'delete'" in status_of(reply).message


def test_setup_requires_a_browser_form_post_url(buyer):
    reply = buyer.post("/punchout", cxml.build(buyer.setup_request(browser_form_post_url=None)))
    assert reply.status_code == 400
    assert "BrowserFormPost" in status_of(reply).message


def test_get_on_punchout_is_not_allowed(sandbox):
    assert requests.get(f"{sandbox.url}/punchout", timeout=10).status_code == 405
