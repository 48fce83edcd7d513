from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    amazon_account_id = fields.Many2one("amazon.business.account", compute="_compute_amazon_accounts")
    amazon_account_count = fields.Integer(compute="_compute_amazon_accounts")
    amazon_account_state = fields.Selection(related="amazon_account_id.state", string="Amazon Business Status")
    amazon_account_error = fields.Text(related="amazon_account_id.last_error")

    @api.depends("company_id")
    def _compute_amazon_accounts(self):
        for settings in self:
            accounts = self.env["amazon.business.account"].search([("company_id", "=", settings.company_id.id)])
            settings.amazon_account_id = accounts[:1]
            settings.amazon_account_count = len(accounts)

    def action_connect_amazon_business(self):
        """Open the company's connection (a new one when it has none) in the paste-your-credentials dialog."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Connect to Amazon Business"),
            "res_model": "amazon.business.account",
            "res_id": self.amazon_account_id.id,
            "view_mode": "form",
            "views": [(self.env.ref("neo1_amazon_punchout.amazon_business_account_view_form_connect").id, "form")],
            "target": "new",
            "context": {"default_company_id": self.company_id.id},
        }

    def action_test_amazon_business(self):
        self.ensure_one()
        return self.amazon_account_id.action_test_connection()

    def action_open_amazon_business_accounts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("neo1_amazon_punchout.amazon_business_account_action")
        action["domain"] = [("company_id", "=", self.company_id.id)]
        return action
