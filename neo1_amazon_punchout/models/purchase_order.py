from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import float_repr

from .. import cxml
from ..const import UNECE_TO_UOM_XMLID


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    amazon_account_id = fields.Many2one("amazon.business.account", "Amazon Business Connection", readonly=True,
                                        copy=False, index="btree_not_null", check_company=True)
    punchout_session_id = fields.Many2one("amazon.punchout.session", "Punchout Session", readonly=True, copy=False)
    amazon_operation_allowed = fields.Char("Cart Operations Allowed", readonly=True, copy=False)
    amazon_cart_total = fields.Monetary("Amazon Cart Total", readonly=True, copy=False,
                                        help="The cart's Total as Amazon Business sent it (shipping and tax excluded).")
    amazon_shipping = fields.Monetary("Amazon Shipping", readonly=True, copy=False,
                                      help="Amazon's shipping cost for the cart, not including shipping tax.")
    amazon_tax = fields.Monetary("Amazon Estimated Tax", readonly=True, copy=False,
                                 help="Amazon's estimated tax for the cart, shipping tax included.")
    amazon_total_mismatch = fields.Boolean("Cart Total Differs", compute="_compute_amazon_total_mismatch")
    amazon_can_edit_cart = fields.Boolean(compute="_compute_amazon_can_edit_cart")

    @api.depends("amazon_account_id", "amazon_cart_total", "amount_untaxed", "currency_id")
    def _compute_amazon_total_mismatch(self):
        for order in self:
            order.amazon_total_mismatch = bool(order.amazon_account_id) and order.currency_id.compare_amounts(
                order.amount_untaxed, order.amazon_cart_total) != 0

    @api.depends("amazon_account_id", "amazon_operation_allowed", "state")
    def _compute_amazon_can_edit_cart(self):
        for order in self:
            order.amazon_can_edit_cart = (bool(order.amazon_account_id) and order.state in ("draft", "sent")
                                          and order.amazon_operation_allowed == "edit")

    @api.model
    def retrieve_dashboard(self):
        values = super().retrieve_dashboard()
        accounts = self.env["amazon.business.account"]._shoppable_accounts()
        values["amazon_business_accounts"] = [{"id": account.id, "name": account.name} for account in accounts]
        return values

    # ------------------------------------------------------------------ from a cart

    @api.model
    def _amazon_units(self, items):
        """The cart's unit codes -> Odoo units, resolved once per cart (absent: no Odoo equivalent)."""
        codes = {_code(item) for item in items}
        xmlids = {code: UNECE_TO_UOM_XMLID[code] for code in codes if code in UNECE_TO_UOM_XMLID}
        ids = {xmlid: self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False)
               for xmlid in set(xmlids.values())}
        units = self.env["uom.uom"].browse(filter(None, ids.values())).exists()
        return {code: units.browse(ids[xmlid]) for code, xmlid in xmlids.items() if ids[xmlid] in units.ids}

    @api.model
    def _amazon_products_for(self, account, items, currency, units):
        """ASIN -> product for the cart's items: matched by vendor code, else created (or the generic one)."""
        asins = {item.supplier_part_id for item in items}
        if account.use_generic_product:
            return dict.fromkeys(asins, account.generic_product_id)
        vendor = account.partner_id
        supplier_infos = self.env["product.supplierinfo"].sudo().search([
            ("partner_id", "=", vendor.id), ("product_code", "in", list(asins)),
            ("company_id", "in", [False, account.company_id.id]),
        ])
        products = {}
        for info in supplier_infos:
            products.setdefault(info.product_code, info.product_id or info.product_tmpl_id.product_variant_id)
        unknown = {}
        for item in items:
            if item.supplier_part_id not in products:
                unknown.setdefault(item.supplier_part_id, item)
        if unknown:
            # Purchase users cannot create products; the cart's own items are the only ones made here.
            fallback = self.env.ref("uom.product_uom_unit")
            created = self.env["product.product"].sudo().create([
                self._amazon_product_values(item, vendor, currency, account.company_id,
                                            units.get(_code(item), fallback))
                for item in unknown.values()])
            products.update(zip(unknown, created))
        return products

    @api.model
    def _amazon_product_values(self, item, vendor, currency, company, uom):
        return {
            "name": (item.short_name or item.description or item.supplier_part_id)[:200],
            "company_id": company.id,
            "type": "consu",
            "purchase_ok": True,
            "uom_id": uom.id,
            "seller_ids": [Command.create({
                "partner_id": vendor.id,
                "product_code": item.supplier_part_id,
                "product_name": (item.description or "")[:200] or False,
                "price": float(item.unit_price.amount),
                "currency_id": currency.id,
                "product_uom_id": uom.id,
                "company_id": company.id,
            })],
        }

    @api.model
    def _amazon_line_values(self, item, product, units):
        """One RFQ line for a cart item; ``units`` comes from ``_amazon_units``."""
        mapped = units.get(_code(item))
        uom = mapped if mapped and mapped._has_common_reference(product.uom_id) else product.uom_id
        notes = []
        if not mapped:
            notes.append(self.env._("Amazon unit of measure %(code)s has no Odoo equivalent: ordered as %(unit)s.",
                                    code=item.unit_of_measure or "?", unit=uom.name))
        elif uom != mapped:
            notes.append(self.env._("Amazon sells this by the %(amazon)s (%(code)s), which does not convert to the "
                                    "product's unit: ordered as %(unit)s.", amazon=mapped.name,
                                    code=item.unit_of_measure, unit=uom.name))
        if not item.supplier_part_auxiliary_id:
            # Amazon needs the line key back in the order; without it the line cannot be ordered as is.
            notes.append(self.env._("Amazon Business sent no line key (SupplierPartAuxiliaryID) for this item: "
                                    "add it to the cart again on Amazon Business before ordering."))
        extrinsics = {key: value for key, value in item.extrinsics.items() if key.lower() != "soldby"}
        seller = next((value for key, value in item.extrinsics.items() if key.lower() == "soldby"), "")
        description = item.description or item.supplier_part_id
        return {
            "product_id": product.id,
            "name": "\n".join([description, *notes]),
            "product_qty": float(item.quantity),
            "product_uom_id": uom.id,
            "price_unit": float(item.unit_price.amount),
            "punchout_part_id": item.supplier_part_id,
            "punchout_aux_id": item.supplier_part_auxiliary_id,
            "amazon_unit_code": item.unit_of_measure,
            "amazon_unspsc": item.classifications.get("UNSPSC") or False,
            "amazon_manufacturer_part_id": item.manufacturer_part_id or False,
            "amazon_manufacturer_name": item.manufacturer_name or False,
            "amazon_seller": seller or False,
            "amazon_extrinsics": extrinsics or False,
        }

    # ------------------------------------------------------------------ to a cart (edit)

    def _amazon_items_out(self):
        """The order's Amazon lines as ItemOut, for an edit punchout."""
        self.ensure_one()
        price_digits = self.env["decimal.precision"].precision_get("Product Price")
        quantity_digits = self.env["decimal.precision"].precision_get("Product Unit")
        return tuple(
            cxml.LineItem(
                quantity=Decimal(float_repr(line.product_qty, quantity_digits)),
                supplier_part_id=line.punchout_part_id,
                supplier_part_auxiliary_id=line.punchout_aux_id,
                unit_price=cxml.Money(Decimal(float_repr(line.price_unit, price_digits)), self.currency_id.name),
                description=line.name,
                unit_of_measure=line.amazon_unit_code or "EA",
                classifications={"UNSPSC": line.amazon_unspsc} if line.amazon_unspsc else {},
                line_number=number,
            )
            for number, line in enumerate(self.order_line.filtered("punchout_part_id"), start=1)
        )

    def action_amazon_edit_cart(self):
        """Reopen the cart on Amazon Business; the cart that comes back replaces this RFQ's lines."""
        self.ensure_one()
        if not self.amazon_can_edit_cart:
            raise UserError(self.env._("Only an RFQ not yet confirmed, made from an Amazon Business cart that "
                                       "allowed edits, can be edited on Amazon Business."))
        session = self.env["amazon.punchout.session"]._start(self.amazon_account_id, order=self)
        return session._start_action()


def _code(item):
    return (item.unit_of_measure or "").strip().upper()


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    punchout_part_id = fields.Char("Amazon Item (ASIN)", readonly=True, copy=False,
                                   help="SupplierPartID of the cart line.")
    punchout_aux_id = fields.Char("Amazon Line Key", readonly=True, copy=False,
                                  help="SupplierPartAuxiliaryID, kept byte for byte: Amazon wants it back in the order.")
    amazon_unit_code = fields.Char("Amazon Unit", readonly=True, copy=False)
    amazon_unspsc = fields.Char("UNSPSC", readonly=True, copy=False)
    amazon_manufacturer_part_id = fields.Char("Manufacturer Part", readonly=True, copy=False)
    amazon_manufacturer_name = fields.Char("Manufacturer", readonly=True, copy=False)
    amazon_seller = fields.Char("Sold By", readonly=True, copy=False)
    amazon_extrinsics = fields.Json("Amazon Details", readonly=True, copy=False)
