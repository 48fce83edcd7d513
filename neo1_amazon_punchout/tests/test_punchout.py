import base64
from datetime import timedelta
from decimal import Decimal

import requests

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import mute_logger, new_test_user, tagged

from .common import SandboxCase, catalogue_item

QUIET = ("odoo.addons.neo1_amazon_punchout.controllers.main",
         "odoo.addons.neo1_amazon_punchout.models.amazon_punchout_session",
         "odoo.addons.neo1_amazon_punchout.models.amazon_business_account")


@tagged("post_install", "-at_install")
class TestShopOnAmazon(SandboxCase):

    def test_whole_path_from_start_to_rfq(self):
        pens, paper, stapler = catalogue_item("PK"), catalogue_item("CA"), catalogue_item("EA")
        session, order = self.shop_to_rfq([(pens.asin, 3), (paper.asin, 2), (stapler.asin, 1)])

        # What Amazon was sent: PROTOCOL.md's credentials and extrinsics, and our return URL.
        setup = self.sandbox_setups()[-1]
        self.assertEqual(setup["email"], "neo1.purchaser@example.com")
        self.assertEqual(setup["business_unit"], "Marketing")
        self.assertEqual(setup["buyer_cookie"], session.sudo().buyer_cookie)
        self.assertTrue(setup["browser_form_post_url"].endswith("/punchout/amazon/return"))
        self.assertIn('deploymentMode="test"', setup["raw"])
        self.assertIn("<Identity>NEO1-TEST-BUYER</Identity>", setup["raw"])
        self.assertIn('name="UniqueName">neo1_purchaser<', setup["raw"])
        self.assertGreaterEqual(len(session.sudo().buyer_cookie), 43)   # 256 random bits, URL-safe
        # No delivery address on the user: the company's address is the ShipTo; the user is the Contact.
        self.assertIn("<ShipTo>", setup["raw"])
        self.assertIn(f"<Name xml:lang=\"en\">{self.company.name}</Name>", setup["raw"])
        self.assertIn("<Email>neo1.purchaser@example.com</Email>", setup["raw"])
        self.assertIn('<Contact role="endUser">', setup["raw"])
        # What people can read of the session masks the secret, the cookie and the sign-in link.
        self.assertIn("<SharedSecret>***</SharedSecret>", session.setup_request)
        self.assertNotIn(session.sudo().buyer_cookie, session.setup_request)
        self.assertNotIn(session.sudo().start_page_url, session.setup_response)

        self.assertEqual(session.state, "imported")
        self.assertEqual(order.partner_id, self.account.partner_id)
        self.assertEqual(order.currency_id.name, "USD")
        self.assertEqual(order.origin, session.name)
        self.assertEqual((order.amazon_account_id, order.punchout_session_id), (self.account, session))
        self.assertEqual(order.user_id, self.purchaser)
        self.assertEqual(order.state, "draft")
        self.assertTrue(any(f"cart of {session.name} (3 lines)" in str(body) for body in order.message_ids.mapped("body")))

        lines = {line.punchout_part_id: line for line in order.order_line}
        self.assertEqual(set(lines), {pens.asin, paper.asin, stapler.asin})
        for product, quantity, unit in ((pens, 3, "Pack"), (paper, 2, "Case"), (stapler, 1, "Units")):
            line = lines[product.asin]
            with self.subTest(asin=product.asin):
                self.assertEqual(line.product_qty, quantity)
                self.assertEqual(Decimal(str(line.price_unit)), product.price)
                self.assertEqual(line.product_uom_id.name, unit)
                self.assertTrue(line.name.startswith(product.title), line.name)
                self.assertEqual(line.amazon_unspsc, product.unspsc)
                self.assertEqual(line.amazon_manufacturer_name, product.manufacturer)
                self.assertEqual(line.amazon_manufacturer_part_id, product.manufacturer_part_id)
                self.assertEqual(line.amazon_seller, product.seller)
                self.assertEqual(line.amazon_extrinsics["fulfilledBy"], product.fulfilled_by)
                self.assertIn(f"<SupplierPartAuxiliaryID>{line.punchout_aux_id}</SupplierPartAuxiliaryID>",
                              session.cart_document)
                seller = line.product_id.seller_ids.filtered(lambda info: info.partner_id == self.account.partner_id)
                self.assertEqual(seller.product_code, product.asin)
        expected_total = sum(product.price * quantity for product, quantity in ((pens, 3), (paper, 2), (stapler, 1)))
        self.assertEqual(Decimal(str(order.amazon_cart_total)), expected_total)
        self.assertFalse(order.amazon_total_mismatch)
        self.assertEqual(Decimal(str(order.amazon_shipping)), stapler.shipping)   # the third-party seller's line
        self.assertGreater(order.amazon_tax, 0)

    def test_base64_cart_for_another_company(self):
        """The other company's connection gets its carts as cxml-base64, in EUR, into its own RFQ."""
        item = catalogue_item("BX")
        session = self.start_session(self.other_purchaser, self.other_account)
        action, fields_ = self.shop(session, [(item.asin, 4)])
        self.assertEqual(list(fields_), ["cxml-base64"])
        self.assertIn(b"PunchOutOrderMessage", base64.b64decode(fields_["cxml-base64"]))
        returned = self.post_cart({"CXML-Base64": fields_["cxml-base64"]}, action)   # field names are case-insensitive
        self.assertEqual(returned.status_code, 303)
        self.assertEqual(self.import_as(self.other_purchaser, returned.headers["Location"]).status_code, 303)
        order = session.sudo().purchase_order_id
        self.assertEqual((order.company_id, order.currency_id.name), (self.other_company, "EUR"))
        self.assertEqual(order.partner_id, self.other_account.partner_id)
        self.assertEqual(order.order_line.product_uom_id.name, "Box")
        # Nothing of it is visible from the first company.
        self.assertFalse(self.env["purchase.order"].with_user(self.purchaser).search([("id", "=", order.id)]))
        with self.assertRaises(AccessError):
            session.with_user(self.purchaser).read(["state"])

    def test_ship_to_is_the_users_delivery_address(self):
        self.purchaser.partner_id.write({"street": "12 Loading Dock Road", "city": "Springfield", "zip": "62701",
                                         "country_id": self.env.ref("base.us").id})
        self.start_session()
        raw = self.sandbox_setups()[-1]["raw"]
        self.assertIn("<Street>12 Loading Dock Road</Street>", raw)
        self.assertIn("<City>Springfield</City>", raw)

    def test_get_start_route_refuses_odd_account_ids(self):
        self.authenticate("neo1_purchaser", "neo1_purchaser")
        for value in ("²", "99999999999999999999", "abc", ""):
            with self.subTest(value=value):
                page = self.url_open(f"/punchout/amazon/start?account={value}", allow_redirects=False)
                self.assertEqual(page.status_code, 400)
                self.assertIn("Unknown Amazon Business connection", page.text)

    def test_stored_documents_mask_a_start_page_with_a_query(self):
        session = self.start_session()
        url = "https://punchout.example.com/start?token=SECRET-TOKEN&lang=en"
        reply = f"<cXML><Response><StartPage><URL>{url.replace('&', '&amp;')}</URL></StartPage></Response></cXML>"
        documents = session._documents(b"<cXML/>", reply.encode(), url)
        self.assertNotIn("SECRET-TOKEN", documents["setup_response"])
        self.assertIn("<URL>***</URL>", documents["setup_response"])

    def test_purchaser_comments_on_their_own_session(self):
        session = self.start_session()
        session.with_user(self.purchaser).message_post(body="Bought for the Lyon office")
        self.assertIn("Lyon office", str(session.message_ids[0].body))

    def test_get_start_route_redirects_to_the_start_page(self):
        self.authenticate("neo1_purchaser", "neo1_purchaser")
        response = self.url_open(f"/punchout/amazon/start?account={self.account.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].startswith(f"{self.sandbox.url}/start/"))
        session = self.env["amazon.punchout.session"].search([("user_id", "=", self.purchaser.id)], limit=1)
        self.assertEqual(session.state, "started")
        self.assertEqual(session.sudo().start_page_url, response.headers["Location"])

    # -- refusals -----------------------------------------------------------------------------------

    def assert_refused(self, response, status, text):
        self.assertEqual(response.status_code, status, response.text[:300])
        self.assertIn(text, response.text)

    def test_unknown_cookie_is_refused_and_logged(self):
        session = self.start_session()
        data = self.cart_document(session, [("B0UNKNOWN01", Decimal(1), Decimal("9.99"), "EA", None)])
        data = data.replace(session.sudo().buyer_cookie.encode(), b"not-a-cookie-we-issued")
        orders = self.env["purchase.order"].search_count([])
        with self.assertLogs("odoo.addons.neo1_amazon_punchout.controllers.main", "WARNING") as logged:
            self.assert_refused(self.post_cart({"cxml-urlencoded": data.decode()}), 404,
                                "belongs to no punchout session")
        self.assertIn("Punchout cart refused (404)", logged.output[0])
        self.assertEqual(self.env["purchase.order"].search_count([]), orders)
        self.assertEqual(session.state, "started")

    @mute_logger(*QUIET)
    def test_expired_session_is_refused(self):
        session = self.start_session()
        action, fields_ = self.shop(session, [(catalogue_item("EA").asin, 1)])
        session.sudo().expires_at = fields.Datetime.now() - timedelta(minutes=1)
        self.assert_refused(self.post_cart(fields_, action), 410, "has expired")
        self.assertEqual(session.state, "expired")
        self.assertIn("PunchOutOrderMessage", session.cart_document)   # kept for the record
        self.assertFalse(self.env["purchase.order"].search([("punchout_session_id", "=", session.id)]))
        self.assert_refused(self.import_as(self.purchaser, f"/punchout/amazon/import/{session.id}"), 410,
                            "expired before its cart came back")

    @mute_logger(*QUIET)
    def test_cart_after_the_cron_expired_the_session_is_kept(self):
        session = self.start_session()
        action, fields_ = self.shop(session, [(catalogue_item("EA").asin, 1)])
        session.sudo().expires_at = fields.Datetime.now() - timedelta(hours=2)
        self.env["amazon.punchout.session"]._cron_expire_sessions()
        self.assertEqual(session.state, "expired")
        self.assert_refused(self.post_cart(fields_, action), 410, "has expired")
        self.assertIn("PunchOutOrderMessage", session.cart_document)

    @mute_logger(*QUIET)
    def test_replay_and_reuse_are_refused(self):
        session = self.start_session()
        action, fields_ = self.shop(session, [(catalogue_item("EA").asin, 1)])
        first = self.post_cart(fields_, action)
        self.assertEqual(first.status_code, 303)
        self.assert_refused(self.post_cart(fields_, action), 409, "already received")
        other_cart = self.cart_document(session, [(catalogue_item("PK").asin, Decimal(2), Decimal("1.00"), "PK", None)])
        self.assert_refused(self.post_cart({"cxml-urlencoded": other_cart.decode()}), 409, "already used")
        self.assertEqual(self.import_as(self.purchaser, first.headers["Location"]).status_code, 303)
        self.assertEqual(len(session.purchase_order_id.order_line), 1)
        # Reloading the landing page does not import twice.
        self.assertEqual(self.url_open(first.headers["Location"], allow_redirects=False).status_code, 303)
        self.assertEqual(self.env["purchase.order"].search_count([("punchout_session_id", "=", session.id)]), 1)

    @mute_logger(*QUIET)
    def test_cart_of_another_user_is_refused(self):
        session = self.start_session()
        action, fields_ = self.shop(session, [(catalogue_item("EA").asin, 1)])
        returned = self.post_cart(fields_, action)
        intruder = self.purchase_manager
        self.assert_refused(self.import_as(intruder, returned.headers["Location"]), 403, "belongs to another user")
        self.assertEqual(session.state, "cart_received")
        self.assertFalse(session.purchase_order_id)
        # The cart waits for its owner.
        self.assertEqual(self.import_as(self.purchaser, returned.headers["Location"]).status_code, 303)

    def test_not_logged_in_user_logs_in_then_continues(self):
        session = self.start_session()
        action, fields_ = self.shop(session, [(catalogue_item("EA").asin, 1)])
        returned = self.post_cart(fields_, action)
        landing = self.url_open(returned.headers["Location"], allow_redirects=False)
        self.assertEqual(landing.status_code, 303)
        self.assertIn("/web/login", landing.headers["Location"])
        self.assertIn("redirect=", landing.headers["Location"])
        self.assertEqual(session.state, "cart_received")
        # After the login page, the same address finishes the job.
        self.assertIn("/odoo/purchase/", self.import_as(self.purchaser, returned.headers["Location"]).headers["Location"])
        self.assertEqual(session.state, "imported")

    def test_latin1_cart_keeps_its_bytes(self):
        """A cart declared ISO-8859-1, as base64: umlauts and the line key survive receipt and Import Again."""
        session = self.start_session()
        text = self.cart_document(session, [("B0UMLAUT001", Decimal(1), Decimal("99.00"), "EA", None)]).decode()
        text = text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace(
            "Item B0UMLAUT001", "Bürostuhl Größe L").replace("CART-1,1", "Größe-Warenkorb,1 ")
        data = text.encode("latin-1")
        returned = self.post_cart({"cxml-base64": base64.b64encode(data).decode()})
        self.assertEqual(returned.status_code, 303)
        self.assertEqual(self.import_as(self.purchaser, returned.headers["Location"]).status_code, 303)
        line = session.purchase_order_id.order_line
        self.assertEqual(line.name, "Bürostuhl Größe L")
        self.assertEqual(line.punchout_aux_id, "Größe-Warenkorb,1 ")   # trailing space included
        self.assertEqual(base64.b64decode(session.cart_raw), data)

    @mute_logger("odoo.http")
    def test_oversized_post_is_refused(self):
        self.authenticate(None, None)
        response = self.url_open("/punchout/amazon/return", data={"cxml-urlencoded": "x" * (9 * 1024 * 1024)},
                                 allow_redirects=False, timeout=60)
        self.assertEqual(response.status_code, 413)

    @mute_logger(*QUIET)
    def test_currency_the_company_cannot_use_keeps_the_cart_for_retry(self):
        jpy = self.env.ref("base.JPY")
        jpy.active = False
        session = self.start_session()
        data = self.cart_document(session, [("B0JPY000001", Decimal(2), Decimal("1500"), "EA", None)], currency="JPY")
        returned = self.post_cart({"cxml-urlencoded": data.decode()})
        self.assertEqual(returned.status_code, 303)
        self.assert_refused(self.import_as(self.purchaser, returned.headers["Location"]), 422,
                            "a currency Neo1 Test Co cannot use")
        self.assertEqual(session.state, "error")
        self.assertTrue(session.cart_document)
        self.assertFalse(self.env["purchase.order"].search([("punchout_session_id", "=", session.id)]))
        self.assertFalse(self.env["product.supplierinfo"].search([("product_code", "=", "B0JPY000001")]))

        retry = session.with_user(self.purchaser).action_import_again()   # not fixed yet
        self.assertEqual(retry["params"]["type"], "danger")
        self.assertIn("cannot use", retry["params"]["message"])
        self.assertEqual(session.state, "error")
        jpy.active = True   # the administrator's fix
        action = session.with_user(self.purchaser).action_import_again()
        order = self.env["purchase.order"].browse(action["res_id"])
        self.assertEqual((order.currency_id, session.state), (jpy, "imported"))

    @mute_logger(*QUIET)
    def test_mixed_currencies_are_refused(self):
        session = self.start_session()
        data = self.cart_document(session, [("B0MIXED0001", Decimal(1), Decimal("10"), "EA", None),
                                            ("B0MIXED0002", Decimal(1), Decimal("10"), "EA", "EUR")])
        returned = self.post_cart({"cxml-urlencoded": data.decode()})
        self.assert_refused(self.import_as(self.purchaser, returned.headers["Location"]), 422, "mixes currencies")
        self.assertEqual(session.state, "error")
        self.assertFalse(self.env["purchase.order"].search([("punchout_session_id", "=", session.id)]))

    @mute_logger(*QUIET)
    def test_unreadable_form_is_refused(self):
        self.assert_refused(self.post_cart({"something": "else"}), 400, "holds no readable cart")
        self.assert_refused(self.post_cart({"cxml-urlencoded": "<cXML><broken"}), 400, "could not be read")

    def test_empty_cart_closes_the_session(self):
        session = self.start_session()
        action, fields_ = self.shop(session, cancel=True)
        returned = self.post_cart(fields_, action)
        landing = self.import_as(self.purchaser, returned.headers["Location"])
        self.assert_refused(landing, 200, "was empty")
        self.assertEqual(session.state, "cancelled")
        self.assertFalse(self.env["purchase.order"].search([("punchout_session_id", "=", session.id)]))

    # -- products and units -------------------------------------------------------------------------

    def test_known_items_are_matched_and_not_created_again(self):
        item = catalogue_item("PK", 1)
        _session, first = self.shop_to_rfq([(item.asin, 1)])
        product = first.order_line.product_id
        self.assertEqual(product.company_id, self.company)   # another company's catalogue stays clean
        products = self.env["product.product"].search_count([])
        _session, second = self.shop_to_rfq([(item.asin, 5)])
        self.assertEqual(second.order_line.product_id, product)
        self.assertEqual(self.env["product.product"].search_count([]), products)

    def test_generic_product_option(self):
        generic = self.env["product.product"].create({"name": "Amazon purchase", "purchase_ok": True})
        self.account.sudo().write({"use_generic_product": True, "generic_product_id": generic.id})
        products = self.env["product.product"].search_count([])
        _session, order = self.shop_to_rfq([(catalogue_item("EA").asin, 1), (catalogue_item("BX").asin, 2)])
        self.assertEqual(order.order_line.product_id, generic)
        self.assertEqual(len(order.order_line), 2)
        self.assertEqual(self.env["product.product"].search_count([]), products)
        self.assertEqual(set(order.order_line.mapped("punchout_part_id")),
                         {catalogue_item("EA").asin, catalogue_item("BX").asin})
        boxed = order.order_line.filtered(lambda line: line.amazon_unit_code == "BX")
        self.assertEqual(boxed.product_uom_id, generic.uom_id)   # a Box does not convert to Units
        self.assertIn("Amazon sells this by the Box (BX), which does not convert", boxed.name)

    def test_units_of_measure_are_mapped(self):
        session = self.start_session()
        codes = {"EA": "Units", "PK": "Pack", "BX": "Box", "CA": "Case", "DZ": "Dozens", "C62": "Units", "KGM": "kg"}
        items = [(f"B0UOM{index:05d}", Decimal(1), Decimal("2.50"), code, None) for index, code in enumerate(codes)]
        items.append(("B0UOMXYZ001", Decimal(1), Decimal("2.50"), "XYZ", None))
        returned = self.post_cart({"cxml-urlencoded": self.cart_document(session, items).decode()})
        self.assertEqual(self.import_as(self.purchaser, returned.headers["Location"]).status_code, 303)
        lines = {line.amazon_unit_code: line for line in session.purchase_order_id.order_line}
        for code, unit in codes.items():
            self.assertEqual(lines[code].product_uom_id.name, unit, code)
            self.assertNotIn("no Odoo equivalent", lines[code].name)
        self.assertEqual(lines["XYZ"].product_uom_id, self.env.ref("uom.product_uom_unit"))
        self.assertNotIn("no line key", lines["EA"].name)
        self.assertIn("Amazon unit of measure XYZ has no Odoo equivalent", lines["XYZ"].name)

    def test_line_without_amazon_line_key_is_flagged(self):
        session = self.start_session()
        data = self.cart_document(session, [("B0NOKEY0001", Decimal(1), Decimal("5.00"), "EA", None)])
        data = data.replace(b"<SupplierPartAuxiliaryID>CART-1,1</SupplierPartAuxiliaryID>", b"")
        returned = self.post_cart({"cxml-urlencoded": data.decode()})
        self.assertEqual(self.import_as(self.purchaser, returned.headers["Location"]).status_code, 303)
        line = session.purchase_order_id.order_line
        self.assertFalse(line.punchout_aux_id)
        self.assertIn("sent no line key (SupplierPartAuxiliaryID)", line.name)

    def test_two_hundred_line_cart(self):
        session = self.start_session()
        items = [(f"B0BULK{index:04d}", Decimal(index % 7 + 1), Decimal("1.25") + index, "EA", None)
                 for index in range(200)]
        returned = self.post_cart({"cxml-urlencoded": self.cart_document(session, items).decode()})
        self.assertEqual(self.import_as(self.purchaser, returned.headers["Location"]).status_code, 303)
        order = session.purchase_order_id
        self.assertEqual(len(order.order_line), 200)
        self.assertEqual(session.cart_line_count, 200)
        expected = sum(quantity * price for _asin, quantity, price, _uom, _currency in items)
        self.assertEqual(Decimal(str(order.amount_untaxed)).quantize(Decimal("0.01")), expected)
        self.assertFalse(order.amazon_total_mismatch)

    def test_total_difference_is_flagged(self):
        _session, order = self.shop_to_rfq([(catalogue_item("EA").asin, 1)])
        self.assertFalse(order.amazon_total_mismatch)
        order.order_line.product_qty = 2
        self.assertTrue(order.amazon_total_mismatch)

    # -- edit ---------------------------------------------------------------------------------------

    def test_edit_cart_replaces_the_lines(self):
        first, second = catalogue_item("PK"), catalogue_item("CA")
        _session, order = self.shop_to_rfq([(first.asin, 1)])
        self.assertEqual(order.amazon_operation_allowed, "edit")   # this sandbox account allows edits
        self.assertTrue(order.amazon_can_edit_cart)
        manual = self.env["purchase.order.line"].create({"order_id": order.id, "name": "Delivery on the 3rd floor",
                                                         "display_type": "line_note", "product_qty": 0})
        action = order.with_user(self.purchaser).action_amazon_edit_cart()
        self.assertEqual(action["type"], "ir.actions.act_url")
        edit_session = self.env["amazon.punchout.session"].search([("operation", "=", "edit")], limit=1)
        setup = self.sandbox_setups()[-1]
        self.assertEqual(setup["operation"], "edit")
        self.assertEqual(setup["lines"], [{"asin": first.asin, "quantity": 1}])   # the cart comes back pre-filled
        action_url, fields_ = self.shop(edit_session, [(second.asin, 2)])
        returned = self.post_cart(fields_, action_url)
        landed = self.import_as(self.purchaser, returned.headers["Location"])
        self.assertEqual(landed.headers["Location"].rstrip("/").rsplit("/", 1)[-1], str(order.id))
        amazon_lines = order.order_line.filtered("punchout_part_id")
        self.assertEqual({(line.punchout_part_id, line.product_qty) for line in amazon_lines},
                         {(first.asin, 1), (second.asin, 2)})
        self.assertIn(manual, order.order_line)
        order.button_confirm()
        self.assertFalse(order.amazon_can_edit_cart)
        with self.assertRaisesRegex(UserError, "not yet confirmed"):
            order.with_user(self.purchaser).action_amazon_edit_cart()

    # -- failures at start ------------------------------------------------------------------------

    def inject(self, kind, **options):
        requests.post(f"{self.sandbox.url}/_sandbox/faults", json={"endpoint": "punchout", "kind": kind, **options},
                      timeout=10).raise_for_status()

    @mute_logger(*QUIET)
    def test_refused_credentials_are_explained_and_recorded(self):
        self.inject("unauthorized")
        self.authenticate("neo1_purchaser", "neo1_purchaser")
        page = self.url_open(f"/punchout/amazon/start?account={self.account.id}", allow_redirects=False)
        self.assertEqual(page.status_code, 502)
        self.assertIn("Amazon Business refused the credentials (401): an administrator should check From Identity "
                      "and Shared Secret in Settings.", page.text)
        self.assertNotIn(self.SECRET, page.text)
        session = self.env["amazon.punchout.session"].search([("user_id", "=", self.purchaser.id)], limit=1)
        self.assertEqual(session.state, "error")
        self.assertIn("refused the credentials", session.error_message)
        self.assertNotIn(self.SECRET, session.setup_request)
        self.assertIn("<SharedSecret>***</SharedSecret>", session.setup_request)
        self.assertEqual(self.account.state, "error")
        self.assertFalse(self.env["purchase.order"].search([("punchout_session_id", "=", session.id)]))

    @mute_logger(*QUIET)
    def test_start_action_shows_a_notification_on_failure(self):
        self.inject("http_503")
        action = self.env["amazon.punchout.session"].with_user(self.purchaser).action_shop()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("temporary problem (503", action["params"]["message"])
        # An outage is recorded on the session but does not take the connection away from everyone.
        self.assertEqual(self.account.state, "connected")
        self.assertFalse(self.account.last_error)
        failed = self.env["amazon.punchout.session"].search([("user_id", "=", self.purchaser.id)], limit=1)
        self.assertIn("temporary problem (503", failed.error_message)
        action = self.env["amazon.punchout.session"].with_user(self.purchaser).action_shop()
        self.assertEqual((action["type"], action["target"]), ("ir.actions.act_url", "new"))

    @mute_logger(*QUIET)
    def test_request_that_cannot_be_written_leaves_an_error_not_a_half_session(self):
        self.purchaser.name = "Broken\x01Name"
        session = self.start_session()
        self.assertEqual(session.state, "error")
        self.assertIn("could not write the cXML request", session.error_message)
        self.assertFalse(self.sandbox_setups())

    def test_user_without_email_is_told_to_set_one(self):
        self.purchaser.email = False
        with self.assertRaisesRegex(UserError, "your user has none"):
            self.start_session()


@tagged("post_install", "-at_install")
class TestPunchoutAccess(SandboxCase):

    def test_sessions_are_private_to_their_purchaser_and_visible_to_managers(self):
        mine = self.start_session(self.purchaser)
        colleague = self.env["res.users"].browse(self.purchaser.copy({"login": "neo1_colleague",
                                                                       "email": "colleague@example.com"}).id)
        theirs = self.start_session(colleague)
        sessions = self.env["amazon.punchout.session"]
        self.assertEqual(sessions.with_user(self.purchaser).search([("id", "in", (mine | theirs).ids)]), mine)
        self.assertEqual(sessions.with_user(self.purchase_manager).search([("id", "in", (mine | theirs).ids)]),
                         mine | theirs)
        with self.assertRaises(AccessError):
            mine.with_user(self.purchaser).unlink()
        with self.assertRaises(AccessError):
            mine.with_user(self.purchaser).read(["buyer_cookie"])
        for values in ({"state": "cart_received"}, {"user_id": colleague.id}, {"cart_document": "<cXML/>"}):
            with self.assertRaises(AccessError):
                mine.with_user(self.purchaser).write(values)
        with self.assertRaises(AccessError):
            mine.with_user(self.purchase_manager).write({"state": "imported"})

    def test_dashboard_of_users_without_amazon_rights_still_loads(self):
        accountant = new_test_user(self.env, "neo1_accountant", groups="account.group_account_invoice",
                                   company_id=self.company.id, company_ids=[self.company.id])
        self.assertEqual(self.env["purchase.order"].with_user(accountant).retrieve_dashboard()
                         ["amazon_business_accounts"], [])

    def test_only_the_shopper_group_may_start(self):
        self.account.sudo().shopper_group_id = self.env.ref("purchase.group_purchase_manager")
        with self.assertRaises(AccessError):
            self.start_session(self.purchaser)
        with self.assertRaises(UserError):
            self.env["amazon.punchout.session"].with_user(self.purchaser).action_shop()
        self.assertEqual(self.start_session(self.purchase_manager).state, "started")

    def test_other_company_account_cannot_be_used(self):
        with self.assertRaises(AccessError):
            self.start_session(self.purchaser, self.other_account)

    def test_entry_points_follow_the_connection(self):
        menu = self.env.ref("neo1_amazon_punchout.menu_shop_amazon_business")
        dashboard = self.env["purchase.order"].with_user(self.purchaser).retrieve_dashboard()
        self.assertEqual(dashboard["amazon_business_accounts"], [{"id": self.account.id, "name": self.account.name}])
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(self.purchaser).load_menus(False))
        second = self.create_account(self.company, name="Amazon Business Operations")
        second.sudo().state = "connected"
        action = self.env["amazon.punchout.session"].with_user(self.purchaser).action_shop()
        self.assertEqual(action["res_model"], "amazon.punchout.start")   # the chooser
        self.assertEqual(len(self.env["purchase.order"].with_user(self.purchaser).retrieve_dashboard()
                             ["amazon_business_accounts"]), 2)
        (self.account | second).sudo().write({"state": "error"})
        self.assertEqual(self.env["purchase.order"].with_user(self.purchaser).retrieve_dashboard()
                         ["amazon_business_accounts"], [])
        self.assertNotIn(menu.id, self.env["ir.ui.menu"].with_user(self.purchaser).load_menus(False))

    def test_chooser_starts_with_the_chosen_connection(self):
        second = self.create_account(self.company, name="Amazon Business Operations")
        second.sudo().write({"punchout_url": self.account.punchout_url, "state": "connected"})
        wizard = self.env["amazon.punchout.start"].with_user(self.purchaser).create({"account_id": second.id})
        self.assertEqual(wizard.account_ids, self.account | second)
        action = wizard.action_start()
        self.assertEqual(action["type"], "ir.actions.act_url")
        session = self.env["amazon.punchout.session"].search([("user_id", "=", self.purchaser.id)], limit=1)
        self.assertEqual(session.account_id, second)

    def test_cron_expires_stale_sessions(self):
        stale, fresh = self.start_session(), self.start_session()
        stale.sudo().expires_at = fields.Datetime.now() - timedelta(hours=1)
        self.assertEqual(self.env["amazon.punchout.session"]._cron_expire_sessions(), 1)
        self.assertEqual((stale.state, fresh.state), ("expired", "started"))


@tagged("post_install", "-at_install")
class TestConnectionTest(SandboxCase):

    def run_test(self, **values):
        if values:
            self.account.sudo().write(values)
        return self.account.with_user(self.admin).action_test_connection()["params"]

    def test_only_administrators_test_connections(self):
        with self.assertRaises(AccessError):
            self.account.with_user(self.purchaser).action_test_connection()
        with self.assertRaises(AccessError):
            self.account.with_user(self.purchase_manager).action_test_connection()

    @mute_logger(*QUIET, "werkzeug")   # the sandbox logs the TLS hello it cannot read
    def test_tls_failure_names_the_url(self):
        result = self.run_test(punchout_url=self.sandbox.url.replace("http://", "https://") + "/punchout")
        self.assertIn("secure connection", result["message"])
        self.assertIn("check the Punchout URL", result["message"])
        self.assertEqual(self.account.state, "error")

    def test_good_credentials_connect(self):
        self.account.sudo().state = "draft"
        self.assertEqual(self.run_test()["title"], "Connected")
        self.assertEqual(self.account.state, "connected")
        self.account.sudo().state = "draft"
        settings = self.env["res.config.settings"].with_user(self.admin).with_company(self.company).create({})
        self.assertEqual(settings.action_test_amazon_business()["params"]["title"], "Connected")
        self.assertEqual(self.account.state, "connected")
        self.assertTrue(self.account.last_checked)

    @mute_logger(*QUIET)
    def test_wrong_secret_names_the_credentials(self):
        result = self.run_test(shared_secret="wrong-secret")
        self.assertIn("check From Identity and Shared Secret", result["message"])
        self.assertNotIn("wrong-secret", result["message"])
        self.assertEqual(self.account.state, "error")
        self.assertIn("refused the credentials (401)", self.account.last_error)

    @mute_logger(*QUIET)
    def test_wrong_url_names_the_url(self):
        result = self.run_test(punchout_url=f"{self.sandbox.url}/no-such-endpoint")
        self.assertIn("no punchout service", result["message"])
        self.assertIn("check the Punchout URL", result["message"])
        self.assertEqual(self.account.state, "error")

    @mute_logger(*QUIET)
    def test_sandbox_down_names_the_url(self):
        import socket
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            free_port = probe.getsockname()[1]
        result = self.run_test(punchout_url=f"http://127.0.0.1:{free_port}/punchout")
        self.assertIn("could not reach Amazon Business", result["message"])
        self.assertIn("check the Punchout URL", result["message"])

    @mute_logger(*QUIET, "odoo.tests.common.requests")
    def test_timeout_is_reported(self):
        # The test harness raises any timeout below 10 s to 10 s: the sandbox waits longer than that.
        requests.post(f"{self.sandbox.url}/_sandbox/faults",
                      json={"endpoint": "punchout", "kind": "delay", "seconds": 12}, timeout=10).raise_for_status()
        result = self.run_test(request_timeout=1)
        self.assertIn("did not answer within", result["message"])
        self.assertEqual(self.account.state, "error")
