from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import AmazonBusinessCommon


@tagged("post_install", "-at_install")
class TestAmazonBusinessAccount(AmazonBusinessCommon):

    def run_precommit(self):
        """Tracking values are written when a transaction commits; tests never commit."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_pasted_values_are_trimmed(self):
        account = self.create_account(self.company, from_identity="  PADDED-ID\n", shared_secret="\tpadded-secret  ",
                                      punchout_url=" https://abintegrations.amazon.com/punchout \n")
        self.assertEqual(account.from_identity, "PADDED-ID")
        self.assertEqual(account.sudo().shared_secret, "padded-secret")
        self.assertEqual(account.punchout_url, "https://abintegrations.amazon.com/punchout")
        account.with_user(self.admin).write({"shared_secret": "  rotated \n"})
        self.assertEqual(account.sudo().shared_secret, "rotated")

    def test_urls_must_be_https_except_loopback(self):
        for url in ("http://abintegrations.amazon.com/punchout", "http://10.0.0.5/punchout"):
            with self.subTest(url=url), self.assertRaisesRegex(ValidationError, r"Punchout URL must use https://"):
                self.create_account(self.company, punchout_url=url)
        for url in ("abintegrations.amazon.com/punchout", "ftp://amazon.com/x", "https://"):
            with self.subTest(url=url), self.assertRaisesRegex(ValidationError, r"Punchout Order Request URL is not a web address"):
                self.create_account(self.company, order_url=url)
        for url in ("http://127.0.0.1:8070/punchout", "http://localhost:8070/punchout", "http://[::1]:8070/x",
                    "https://abintegrations.amazon.com/punchout"):
            with self.subTest(url=url):
                self.assertEqual(self.create_account(self.company, punchout_url=url).punchout_url, url)

    def test_identity_and_secret_required_without_inner_whitespace(self):
        cases = [
            ({"from_identity": "   "}, r"From Identity is required"),
            ({"shared_secret": ""}, r"Shared Secret is required"),
            ({"shared_secret": False}, r"Shared Secret is required"),
            ({"from_identity": "NEO1 BUYER"}, r"From Identity contains a space or a line break"),
            ({"shared_secret": "abc\ndef"}, r"Shared Secret contains a space or a line break"),
            ({"credential_domain": "Network Id"}, r"Credential Domain contains a space"),
        ]
        for values, message in cases:
            with self.subTest(values=values), self.assertRaisesRegex(ValidationError, message):
                self.create_account(self.company, **values)
        with self.assertRaisesRegex(ValidationError, r"Shared Secret contains a space"):
            self.account.with_user(self.admin).write({"shared_secret": "new secret"})

    def test_vendor_is_created_once_then_reused(self):
        vendor = self.account.partner_id
        self.assertEqual(vendor.name, "Amazon Business")
        self.assertTrue(vendor.is_company)
        self.assertGreater(vendor.supplier_rank, 0)
        second = self.create_account(self.company, name="Second connection")
        self.assertEqual(second.partner_id, vendor)

    def test_changing_credentials_requires_a_new_test(self):
        self.account.sudo().write({"state": "connected"})
        self.account.with_user(self.admin).write({"business_unit": "Marketing"})
        self.assertEqual(self.account.state, "connected")
        self.account.with_user(self.admin).write({"order_url": "https://https-ats.amazonsedi.com/other"})
        self.assertEqual(self.account.state, "draft")

    def test_secret_is_readable_by_settings_admins_only(self):
        self.assertEqual(self.account.with_user(self.admin).shared_secret, self.SECRET)
        for user in (self.purchaser, self.purchase_manager):
            account = self.account.with_user(user)
            with self.subTest(user=user.login):
                self.assertEqual(account.from_identity, "NEO1-TEST-BUYER")   # the account itself is usable
                with self.assertRaises(AccessError):
                    account.read(["shared_secret"])
                with self.assertRaises(AccessError):
                    account.write({"shared_secret": "stolen"})
                with self.assertRaises(AccessError):
                    account.write({"from_identity": "HIJACKED"})
                with self.assertRaises(AccessError):
                    account.search_read([], ["shared_secret"])
                with self.assertRaises(AccessError):
                    self.env["amazon.business.account"].with_user(user).create({
                        "from_identity": "X", "punchout_url": "https://a.example.com",
                        "order_url": "https://b.example.com"})
        self.assertNotIn("shared_secret", self.account.with_user(self.purchaser).fields_get())

    def test_secret_is_never_tracked_exported_or_logged(self):
        rotated = "Rotated-Secret-9000"
        self.run_precommit()   # the creation's transaction ends: later writes are tracked
        with self.assertLogs("odoo", level="DEBUG") as captured:
            self.account.with_user(self.admin).write({"shared_secret": rotated, "from_identity": "ROTATED-ID"})
            self.run_precommit()
            self.create_account(self.company, shared_secret="Another-Fresh-Secret")
        logged = "\n".join(captured.output)
        self.assertIn("shared_secret changed by user", logged, "the change itself is logged")
        self.assertIn("query touching amazon_business_account.shared_secret (not logged)", logged,
                      "Odoo's SQL debug log saw the queries, masked")
        for secret in (rotated, self.SECRET, "Another-Fresh-Secret"):
            self.assertNotIn(secret, logged)
        tracked = self.env["mail.tracking.value"].sudo().search([("mail_message_id.model", "=", self.account._name),
                                                                 ("mail_message_id.res_id", "=", self.account.id)])
        self.assertIn("ROTATED-ID", tracked.mapped("new_value_char"), "tracking itself works")
        for value in tracked.mapped("new_value_char") + tracked.mapped("old_value_char"):
            self.assertNotIn(rotated, value or "")
            self.assertNotIn(self.SECRET, value or "")
        bodies = self.account.message_ids.mapped("body")
        self.assertFalse([body for body in bodies if rotated in str(body)])
        self.assertFalse(self.account.with_user(self.admin).fields_get(["shared_secret"])["shared_secret"]["exportable"])

    def test_companies_are_isolated(self):
        accounts = self.env["amazon.business.account"].with_user(self.other_purchaser).search([])
        self.assertEqual(accounts, self.other_account)
        with self.assertRaises(AccessError):
            self.account.with_user(self.other_purchaser).read(["from_identity"])
        # An admin of both companies sees the one of the company in which they work.
        admin_env = self.env["amazon.business.account"].with_user(self.admin)
        self.assertIn(self.account, admin_env.with_company(self.company).search([]))
        self.assertNotIn(self.account, admin_env.with_context(allowed_company_ids=[self.other_company.id]).search([]))

    def test_shoppable_accounts_follow_the_shopper_group(self):
        model = self.env["amazon.business.account"].with_user(self.purchaser).with_company(self.company)
        self.assertFalse(model._shoppable_accounts(), "not tested yet: not offered")
        self.account.sudo().state = "connected"
        self.assertEqual(model._shoppable_accounts(), self.account)
        self.account.sudo().shopper_group_id = self.env.ref("purchase.group_purchase_manager")
        self.assertFalse(model._shoppable_accounts())

    def test_settings_block_shows_status_and_opens_the_connect_form(self):
        settings = self.env["res.config.settings"].with_user(self.admin).with_company(self.company).create({})
        self.assertEqual(settings.amazon_account_id, self.account)
        self.assertEqual(settings.amazon_account_state, "draft")
        self.assertEqual(settings.amazon_account_count, 1)
        action = settings.action_connect_amazon_business()
        self.assertEqual((action["res_model"], action["res_id"], action["target"]),
                         ("amazon.business.account", self.account.id, "new"))
        connect_view = self.env.ref("neo1_amazon_punchout.amazon_business_account_view_form_connect")
        self.assertEqual(action["views"], [(connect_view.id, "form")])

        empty_company = self.env["res.company"].create({"name": "No Amazon Yet"})
        self.admin.company_ids |= empty_company
        settings = self.env["res.config.settings"].with_user(self.admin).with_company(empty_company).create({})
        self.assertFalse(settings.amazon_account_id)
        self.assertEqual(settings.action_connect_amazon_business()["context"]["default_company_id"], empty_company.id)

        self.create_account(self.company, name="Second")
        settings = self.env["res.config.settings"].with_user(self.admin).with_company(self.company).create({})
        self.assertEqual(settings.amazon_account_count, 2)
        self.assertEqual(settings.action_open_amazon_business_accounts()["domain"], [("company_id", "=", self.company.id)])


@tagged("post_install", "-at_install")
class TestDemoData(AmazonBusinessCommon):

    def test_demo_data_is_loaded(self):
        account = self.env.ref("neo1_amazon_punchout.amazon_business_account_demo")
        self.assertEqual(account.from_identity, "NEO1-DEMO-BUYER")
        self.assertEqual(account.punchout_url, "http://127.0.0.1:8070/punchout")
        self.assertEqual(account.partner_id.name, "Amazon Business")
        purchaser = self.env.ref("neo1_amazon_punchout.user_demo_purchaser")
        approver = self.env.ref("neo1_amazon_punchout.user_demo_approver")
        self.assertEqual((purchaser.login, approver.login), ("purchaser", "approver"))
        self.assertTrue(purchaser.has_group("purchase.group_purchase_user"))
        self.assertFalse(purchaser.has_group("purchase.group_purchase_manager"))
        self.assertTrue(approver.has_group("purchase.group_purchase_manager"))
        company = self.env.ref("base.main_company")
        self.assertEqual((company.po_double_validation, company.po_double_validation_amount), ("two_step", 500))
