"""The purchaser's whole path in a real Chromium: Purchase dashboard -> sandbox storefront -> RFQ."""
import json
from urllib.parse import urlsplit

from odoo.tests import tagged
from odoo.tests.common import ChromeBrowser

from .common import SandboxCase, catalogue_item

# Injected into every page the tab opens (Odoo's and the sandbox's): each page does its part, then the
# RFQ page says "test successful". Tours cannot do this: they stop at Odoo's origin.
PURCHASER_SCRIPT = """
(() => {
    const plan = %(plan)s;
    const when = (find, then) => {
        const timer = setInterval(() => {
            const found = find();
            if (found) { clearInterval(timer); then(found); }
        }, 100);
    };
    // Amazon opens in a new tab; this test drives a single tab, so the new tab opens here.
    window.open = (url) => { window.location.assign(url); return window; };
    const { port, pathname } = window.location;
    if (port === plan.sandboxPort) {
        if (/^\\/shop\\/[^/]+$/.test(pathname)) {
            when(() => document.querySelector("#cart-count"), (count) => {
                if (count.textContent.trim() === "0") {
                    const card = document.querySelector(`.product-card[data-asin="${plan.asin}"]`);
                    card.querySelector("input[name=quantity]").value = String(plan.quantity);
                    card.querySelector("button.add-to-cart").click();
                } else {
                    document.querySelector("#cart-link").click();
                }
            });
        } else if (pathname.endsWith("/cart")) {
            when(() => document.querySelector("#submit-cart"), (button) => button.click());
        }
        return;
    }
    if (/^\\/odoo\\/purchase\\/\\d+/.test(pathname)) {
        when(() => document.querySelector(".o_form_view .o_field_widget[name=order_line] .o_data_row"), () => {
            const text = document.querySelector(".o_form_view").innerText;
            if (text.includes(plan.title)) {
                console.log("test successful");
            } else {
                console.error("the RFQ does not show the item bought on Amazon Business");
            }
        });
        return;
    }
    if (pathname.startsWith("/odoo/action-purchase.purchase_rfq")) {
        when(() => document.querySelector(".o_amazon_business_shop_button"), (button) => button.click());
    }
})();
"""


@tagged("post_install", "-at_install")
class TestPunchoutInBrowser(SandboxCase):

    def test_purchaser_shops_from_the_dashboard_and_lands_on_the_rfq(self):
        item = catalogue_item("CA")
        plan = {"sandboxPort": str(urlsplit(self.sandbox.url).port), "asin": item.asin, "quantity": 3,
                "title": item.title}
        browser = ChromeBrowser(self)
        with self.allow_requests(browser=browser), browser.cleanup:
            self.authenticate(self.purchaser.login, self.purchaser.login, browser=browser)
            browser._websocket_request("Page.addScriptToEvaluateOnNewDocument",
                                       params={"source": PURCHASER_SCRIPT % {"plan": json.dumps(plan)}})
            browser.navigate_to(f"{self.base_url()}/odoo/action-purchase.purchase_rfq")
            browser._wait_code_ok("", timeout=90)

        session = self.env["amazon.punchout.session"].search([("user_id", "=", self.purchaser.id)], limit=1)
        self.assertEqual(session.state, "imported")
        line = session.purchase_order_id.order_line
        self.assertEqual((line.punchout_part_id, line.product_qty), (item.asin, 3))
        self.assertEqual(line.product_uom_id.name, "Case")
        self.assertEqual(self.sandbox_setups()[-1]["email"], self.purchaser.email)
