from odoo import api, models


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    def _load_menus_blacklist(self):
        """Hide "Shop on Amazon Business" from users with no connected account they may shop with."""
        hidden = super()._load_menus_blacklist()
        menu = self.env.ref("neo1_amazon_punchout.menu_shop_amazon_business", raise_if_not_found=False)
        if menu and not self.env["amazon.business.account"].sudo().search_count([
            ("state", "=", "connected"),
            ("company_id", "in", self.env.user.company_ids.ids),
            ("shopper_group_id", "in", self.env.user.all_group_ids.ids),
        ], limit=1):
            hidden.append(menu.id)
        return hidden
