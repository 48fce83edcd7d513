from odoo import api, fields, models


class AmazonPunchoutStart(models.TransientModel):
    _name = "amazon.punchout.start"
    _description = "Choose an Amazon Business Connection"

    account_ids = fields.Many2many("amazon.business.account", compute="_compute_account_ids")
    account_id = fields.Many2one("amazon.business.account", "Shop with", required=True,
                                 domain="[('id', 'in', account_ids)]")

    @api.depends_context("company", "uid")
    def _compute_account_ids(self):
        for wizard in self:
            wizard.account_ids = self.env["amazon.business.account"]._shoppable_accounts()

    def action_start(self):
        self.ensure_one()
        return self.env["amazon.punchout.session"].action_shop(self.account_id.id)
