import json

from odoo.tests import HttpCase, tagged

from .common import AmazonBusinessCommon


@tagged("post_install", "-at_install")
class TestAccountOverHttp(HttpCase, AmazonBusinessCommon):

    def call_kw(self, model, method, args, kwargs=None):
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                             "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}}),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def test_rpc_read_of_the_secret_is_refused_to_purchase_users(self):
        self.authenticate("neo1_purchaser", "neo1_purchaser")
        refused = self.call_kw("amazon.business.account", "read", [[self.account.id], ["shared_secret"]])
        self.assertEqual(refused["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertNotIn(self.SECRET, json.dumps(refused))
        allowed = self.call_kw("amazon.business.account", "read", [[self.account.id], ["from_identity"]])
        self.assertEqual(allowed["result"][0]["from_identity"], "NEO1-TEST-BUYER")

    def test_export_does_not_offer_the_secret(self):
        self.authenticate("neo1_admin", "neo1_admin")
        response = self.url_open("/web/export/get_fields", data=json.dumps({
            "jsonrpc": "2.0", "method": "call", "id": 1,
            "params": {"model": "amazon.business.account", "import_compat": False, "domain": []}}),
            headers={"Content-Type": "application/json"})
        exported = {field["id"] for field in response.json()["result"]}
        self.assertIn("from_identity", exported)
        self.assertNotIn("shared_secret", exported)

    def test_admin_connects_from_settings_in_the_browser(self):
        """Settings > Purchase > Amazon Business > Connect: paste the four credentials, Done, saved and masked."""
        self.start_tour("/odoo/settings#purchase", "neo1_amazon_settings_connect", login="neo1_admin", timeout=120)
        self.account.invalidate_recordset()
        self.assertEqual(self.account.from_identity, "TOUR-IDENTITY")
        self.assertEqual(self.account.sudo().shared_secret, "tour-pasted-secret")
        self.assertEqual(self.account.punchout_url, "https://abintegrations.amazon.com/punchout")
        self.assertEqual(self.account.order_url, "https://https-ats.amazonsedi.com/tour-uuid")
        self.assertEqual(self.account.state, "draft")
