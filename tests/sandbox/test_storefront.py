"""The StartPage storefront: one-time tokens, the cart page, and the cart returned to the buyer."""
import base64
from decimal import Decimal

import cxml
import requests
from sandbox_helpers import OPTIONS_IDENTITY, OPTIONS_SECRET, PAPER, PEN, SHREDDER

from amazon_sandbox.catalogue import CATALOGUE


def test_the_catalogue_holds_about_thirty_realistic_items():
    assert 28 <= len(CATALOGUE) <= 35
    assert len({product.asin for product in CATALOGUE}) == len(CATALOGUE)
    for product in CATALOGUE:
        assert product.asin.startswith("B0") and len(product.asin) == 10
        assert product.unspsc.isdigit() and len(product.unspsc) == 8
        assert product.uom in {"EA", "PK", "BX", "CA"}
        assert product.price > 0 and product.price == product.price.quantize(Decimal("0.01"))
    assert {product.fba for product in CATALOGUE} == {True, False}


def test_search_filters_the_products(buyer):
    browser, shop_url = buyer.shop(buyer.punchout())
    page = browser.get(shop_url, params={"q": "usb"}, timeout=10).text
    assert 'data-asin="B07D7TV5J3"' in page and f'data-asin="{PAPER}"' not in page
    assert 'id="no-results"' in browser.get(shop_url, params={"q": "caviar"}, timeout=10).text


def test_a_token_works_once(buyer):
    start = buyer.punchout()
    buyer.shop(start)
    again = requests.get(start, timeout=10)
    assert again.status_code == 410
    assert "already been used" in again.text and 'id="sandbox-message"' in again.text


def test_a_token_expires_after_thirty_minutes(buyer, clock):
    fresh, stale = buyer.punchout(), buyer.punchout()
    clock.advance(minutes=29, seconds=59)
    buyer.shop(fresh)
    clock.advance(seconds=2)
    expired = requests.get(stale, timeout=10)
    assert expired.status_code == 410 and "expired" in expired.text


def test_the_admin_clock_moves_time_for_a_sandbox_run_as_a_program(buyer):
    start = buyer.punchout()
    assert buyer.admin("POST", "clock", json={"advance_seconds": 31 * 60}).status_code == 200
    assert requests.get(start, timeout=10).status_code == 410


def test_an_unknown_token_gets_a_clear_page(sandbox):
    reply = requests.get(f"{sandbox.url}/start/nonsense", timeout=10)
    assert reply.status_code == 404 and "not valid" in reply.text


def test_the_cart_page_shows_lines_and_totals(buyer):
    browser, shop_url = buyer.shop(buyer.punchout())
    buyer.add(browser, shop_url, PEN, 2)
    buyer.add(browser, shop_url, PEN, 1)
    buyer.add(browser, shop_url, SHREDDER, 1)
    page = browser.get(f"{shop_url}/cart", timeout=10).text
    assert page.count('class="cart-line"') == 2
    assert f'name="qty-{PEN}" value="3"' in page
    assert 'id="cart-subtotal">USD 162.47<' in page  # 3 x 14.49 + 119.00
    assert 'id="cart-shipping">USD 5.99<' in page  # the shredder ships from a third party
    for selector in ('id="submit-cart"', 'id="cancel-punchout"', 'id="cart-grand-total"', 'id="update-cart"'):
        assert selector in page


def test_quantities_can_be_changed_and_lines_removed(buyer):
    browser, shop_url = buyer.shop(buyer.punchout())
    buyer.add(browser, shop_url, PEN, 2)
    buyer.add(browser, shop_url, PAPER, 1)
    browser.post(f"{shop_url}/cart", data={f"qty-{PEN}": "5", f"qty-{PAPER}": "0"}, timeout=10)
    _, _, cart = buyer.submit(browser, shop_url)
    assert [(item.supplier_part_id, item.quantity) for item in cxml.parse(cart).items] == [(PEN, 5)]


def test_submit_returns_an_amazon_like_cart_to_the_browser_form_post_url(buyer, receiver, cxml_dtd_dir):
    browser, shop_url = buyer.shop(buyer.punchout())
    buyer.add(browser, shop_url, PEN, 2)
    buyer.add(browser, shop_url, SHREDDER, 1)
    page = browser.post(f"{shop_url}/submit", timeout=10).text
    assert 'id="return-to-buyer"' in page and ".submit()" in page
    action, fields, body = buyer.submit_page_fields(page)
    assert action == f"{receiver.url}/punchout/amazon/return"
    assert list(fields) == ["cxml-urlencoded"]
    cxml.validate(body, cxml_dtd_dir)
    cart = cxml.parse(body)
    assert b"SharedSecret" not in body
    assert [(c.domain, c.identity) for c in cart.header.from_] == [("DUNS", "128990368"), ("NetworkId", "Amazon")]
    assert [(c.domain, c.identity) for c in cart.header.sender] == [("DUNS", "128990368"), ("NetworkId", "Amazon")]
    assert [(c.domain, c.identity) for c in cart.header.to] == [("NetworkId", "NEO1-DEMO-BUYER")]
    assert cart.header.user_agent == "Amazon LLC eProcurement Application"
    assert cart.buyer_cookie == "cookie-1" and cart.operation_allowed == "create"
    assert cart.total == cxml.Money(Decimal("147.98"), "USD")
    assert cart.shipping.amount == Decimal("5.99")
    pen, shredder = cart.items
    cart_id = pen.supplier_part_auxiliary_id.split(",")[0]
    assert (pen.supplier_part_auxiliary_id, shredder.supplier_part_auxiliary_id) == (f"{cart_id},1", f"{cart_id},2")
    assert pen.classifications == {"UNSPSC": "44121704"} and pen.unit_of_measure == "PK"
    assert pen.extrinsics["soldBy"] == "Amazon" and pen.extrinsics["fulfilledBy"] == "Amazon"
    assert shredder.extrinsics["fulfilledBy"] == "Metro Office Direct"
    assert set(pen.extrinsics) >= {"category", "subCategory", "itemCondition", "qualifiedOffer"}
    assert pen.tax.amount == Decimal("2.32")  # 8% of 28.98
    # The browser posts the form to any URL; the receiving end decodes it like Odoo will.
    requests.post(action, data=fields, timeout=10)
    assert cxml.decode_form_post(_form(receiver.received[-1]["body"])) == body


def _form(raw):
    from urllib.parse import parse_qs
    return {name: values[0] for name, values in parse_qs(raw.decode("ascii")).items()}


def test_cancel_returns_an_empty_cart(buyer, cxml_dtd_dir):
    browser, shop_url = buyer.shop(buyer.punchout())
    buyer.add(browser, shop_url, PEN, 2)
    _, _, body = buyer.submit(browser, shop_url, action="cancel")
    cxml.validate(body, cxml_dtd_dir)
    cart = cxml.parse(body)
    assert cart.items == () and cart.total.amount == 0
    assert buyer.admin("GET", "setups").json()[0]["status"] == "cancelled"


def test_a_returned_session_is_closed(buyer):
    browser, shop_url = buyer.shop(buyer.punchout())
    buyer.submit(browser, shop_url)
    assert browser.get(shop_url, timeout=10).status_code == 410
    assert browser.post(f"{shop_url}/submit", timeout=10).status_code == 410


def test_the_base64_option_and_allow_edit(buyer, cxml_dtd_dir):
    browser, shop_url = buyer.shop(buyer.punchout(identity=OPTIONS_IDENTITY, secret=OPTIONS_SECRET))
    buyer.add(browser, shop_url, PAPER, 1)
    _, fields, body = buyer.submit(browser, shop_url)
    assert list(fields) == ["cxml-base64"]
    assert base64.b64decode(fields["cxml-base64"]) == body
    cxml.validate(body, cxml_dtd_dir)
    cart = cxml.parse(body)
    assert cart.operation_allowed == "edit"
    assert cart.header.to[0].identity == OPTIONS_IDENTITY


def test_carts_are_listed_by_the_admin_api(buyer):
    buyer.cart()
    [cart] = buyer.admin("GET", "carts").json()
    assert cart["cancelled"] is False and cart["field"] == "cxml-urlencoded"
    assert "<PunchOutOrderMessage>" in cart["raw"]
