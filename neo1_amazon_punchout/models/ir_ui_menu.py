from odoo import api, models


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    def _load_menus_blacklist(self):
        """Hide "Shop on Amazon Business" from users with no connected account they may shop with."""
        hidden = super()._load_menus_blacklist()
        menu = self.env.ref("neo1_amazon_punchout.menu_shop_amazon_business", raise_if_not_found=False)
        accounts = self.env["amazon.business.account"]
        # Menus are cached per user, not per company: any of the user's companies counts.
        if menu and not accounts.sudo().search_count(accounts._shoppable_domain(self.env.user.company_ids), limit=1):
            hidden.append(menu.id)
        return hidden
