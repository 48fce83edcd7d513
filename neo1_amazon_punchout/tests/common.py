from odoo.tests import TransactionCase, new_test_user


class AmazonBusinessCommon(TransactionCase):
    """Two companies, one connection each, and a user of every kind that matters."""

    SECRET = "s3cr3t-Amazon-Shared-Key-0042"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Neo1 Test Co"})
        cls.other_company = cls.env["res.company"].create({"name": "Neo1 Other Co"})
        cls.admin = new_test_user(cls.env, "neo1_admin", groups="base.group_system,purchase.group_purchase_manager",
                                  company_id=cls.company.id, company_ids=[cls.company.id, cls.other_company.id])
        cls.purchase_manager = new_test_user(cls.env, "neo1_manager", groups="purchase.group_purchase_manager",
                                             company_id=cls.company.id, company_ids=[cls.company.id])
        cls.purchaser = new_test_user(cls.env, "neo1_purchaser", groups="purchase.group_purchase_user",
                                      email="neo1.purchaser@example.com",
                                      company_id=cls.company.id, company_ids=[cls.company.id])
        cls.other_purchaser = new_test_user(cls.env, "neo1_other_purchaser", groups="purchase.group_purchase_user",
                                            company_id=cls.other_company.id, company_ids=[cls.other_company.id])
        cls.account = cls.create_account(cls.company)
        cls.other_account = cls.create_account(cls.other_company, from_identity="OTHER-BUYER")

    @classmethod
    def create_account(cls, company, **values):
        return cls.env["amazon.business.account"].with_user(cls.admin).with_company(company).create({
            "name": f"Amazon Business {company.name}",
            "company_id": company.id,
            "from_identity": "NEO1-TEST-BUYER",
            "shared_secret": cls.SECRET,
            "punchout_url": "https://abintegrations.amazon.com/punchout/test",
            "order_url": "https://https-ats.amazonsedi.com/11111111-2222-3333-4444-555555555555",
            **values,
        })


import sys
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import requests
from lxml import html

from odoo.tests import HttpCase

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))   # the sandbox lives beside the addon, not inside it

import amazon_sandbox  # noqa: E402
from amazon_sandbox.catalogue import CATALOGUE  # noqa: E402

from .. import cxml  # noqa: E402


def catalogue_item(uom, index=0):
    return [product for product in CATALOGUE if product.uom == uom][index]


class SandboxCase(HttpCase, AmazonBusinessCommon):
    """The connections talk over real HTTP to the project's Amazon Business sandbox on 127.0.0.1."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sandbox = amazon_sandbox.start_in_thread(accounts={"accounts": [
            {"identity": "NEO1-TEST-BUYER", "shared_secret": cls.SECRET, "currency": "USD",
             "groups": ["Marketing"], "buyer_inbound_url": "http://127.0.0.1:1/unused", "allow_edit": True},
            {"identity": "OTHER-BUYER", "shared_secret": cls.SECRET, "currency": "EUR", "groups": [],
             "buyer_inbound_url": "http://127.0.0.1:1/unused", "form_field": "cxml-base64"},
        ]}, answer_delay=0)
        cls.addClassCleanup(cls.sandbox.stop)
        cls.env.ref("base.EUR").active = True
        for account in (cls.account, cls.other_account):
            account.sudo().write({"punchout_url": f"{cls.sandbox.url}/punchout", "order_url": f"{cls.sandbox.url}/order",
                                  "business_unit": "Marketing" if account == cls.account else False})
            account.sudo().state = "connected"

    def setUp(self):
        super().setUp()
        requests.post(f"{self.sandbox.url}/_sandbox/reset", timeout=10).raise_for_status()

    # -- the purchaser's browser, step by step -------------------------------------------------------

    def start_session(self, user=None, account=None, order=None):
        user = user or self.purchaser
        account = (account or self.account).with_user(user)
        return self.env["amazon.punchout.session"].with_user(user).with_company(account.company_id)._start(
            account, order=order)

    def shop(self, session, items=(), cancel=False):
        """Open the StartPage, put ``(asin, quantity)`` in the cart, submit (or cancel); return the return form."""
        browser = requests.Session()
        storefront = browser.get(session.sudo().start_page_url, timeout=10)
        storefront.raise_for_status()
        shop_url = storefront.url.split("?")[0]
        for asin, quantity in items:
            browser.post(f"{shop_url}/add", data={"asin": asin, "quantity": quantity}, timeout=10).raise_for_status()
        page = browser.post(f"{shop_url}/{'cancel' if cancel else 'submit'}", timeout=10)
        page.raise_for_status()
        form = html.fromstring(page.content).get_element_by_id("punchout-return")
        fields = {field.name: field.value for field in form.inputs if field.name}
        return form.action, fields

    def post_cart(self, fields, action="/punchout/amazon/return"):
        """The cross-site POST from Amazon's page: no Odoo session comes with it."""
        self.authenticate(None, None)
        return self.url_open(urlsplit(action).path, data=fields, allow_redirects=False)

    def import_as(self, user, location):
        self.authenticate(user.login, user.login)
        return self.url_open(location, allow_redirects=False)

    def shop_to_rfq(self, items, user=None, account=None):
        session = self.start_session(user, account)
        self.assertEqual(session.state, "started", session.error_message)
        action, fields = self.shop(session, items)
        returned = self.post_cart(fields, action)
        self.assertEqual(returned.status_code, 303, returned.text[:500])
        landed = self.import_as(user or self.purchaser, returned.headers["Location"])
        self.assertEqual(landed.status_code, 303, landed.text[:500])
        self.assertIn("/odoo/purchase/", landed.headers["Location"])
        session.invalidate_recordset()
        return session, session.sudo().purchase_order_id

    def cart_document(self, session, items, currency="USD", total_currency=None, operation_allowed="create"):
        """A cart written with the project's cXML library, for what the sandbox's storefront cannot send."""
        lines = tuple(cxml.LineItem(quantity=quantity, supplier_part_id=asin, supplier_part_auxiliary_id=f"CART-1,{n}",
                                    unit_price=cxml.Money(price, line_currency or currency), description=f"Item {asin}",
                                    unit_of_measure=uom, classifications={"UNSPSC": "44122000"})
                      for n, (asin, quantity, price, uom, line_currency) in enumerate(items, start=1))
        total = sum((line.quantity * line.unit_price.amount for line in lines), Decimal(0))
        cart = cxml.PunchOutOrderMessage(
            header=cxml.Header(from_=(cxml.Credential("DUNS", "128990368"),), to=(cxml.Credential("NetworkId", "NEO1-TEST-BUYER"),),
                               sender=(cxml.Credential("DUNS", "128990368"),), user_agent="Amazon LLC eProcurement Application"),
            buyer_cookie=session.sudo().buyer_cookie, operation_allowed=operation_allowed,
            total=cxml.Money(total, total_currency or currency), items=lines)
        return cxml.build(cart)

    def sandbox_setups(self):
        return requests.get(f"{self.sandbox.url}/_sandbox/setups", timeout=10).json()
