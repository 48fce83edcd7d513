import base64
import hashlib
import logging
import secrets
from datetime import timedelta
from xml.sax.saxutils import escape

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

from .. import cxml
from ..const import BUYER_COOKIE_BYTES, SESSION_LIFETIME_HOURS
from .amazon_business_account import AmazonBusinessError

_logger = logging.getLogger(__name__)

RETURN_ROUTE = "/punchout/amazon/return"


class PunchoutRefusal(Exception):
    """A returned cart that is refused: the message is shown to the user and logged; nothing is created."""

    def __init__(self, message, http_status=400):
        super().__init__(message)
        self.message = message
        self.http_status = http_status


class AmazonPunchoutSession(models.Model):
    _name = "amazon.punchout.session"
    _description = "Amazon Business Punchout Session"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _mail_post_access = "read"   # purchasers comment on their own (read-only) sessions

    name = fields.Char(required=True, readonly=True, copy=False, default=lambda self: self.env._("New"))
    user_id = fields.Many2one("res.users", "Purchaser", required=True, readonly=True, index=True,
                              default=lambda self: self.env.user)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True,
                                 default=lambda self: self.env.company)
    account_id = fields.Many2one("amazon.business.account", "Connection", required=True, readonly=True,
                                 ondelete="restrict", check_company=True)
    buyer_cookie = fields.Char(required=True, readonly=True, copy=False, groups="base.group_system")
    operation = fields.Selection([("create", "New cart"), ("edit", "Edit cart")], required=True,
                                 default="create", readonly=True)
    state = fields.Selection([
        ("started", "Started"),
        ("cart_received", "Cart received"),
        ("imported", "Imported"),
        ("cancelled", "Cancelled"),
        ("error", "Error"),
        ("expired", "Expired"),
    ], required=True, default="started", readonly=True, index=True, tracking=True)
    expires_at = fields.Datetime("Expires", required=True, readonly=True,
                                 default=lambda self: fields.Datetime.now() + timedelta(hours=SESSION_LIFETIME_HOURS))
    start_page_url = fields.Char("StartPage", readonly=True, copy=False, groups="base.group_system")
    purchase_order_id = fields.Many2one("purchase.order", "RFQ", readonly=True, index="btree_not_null",
                                        check_company=True)
    error_message = fields.Text(readonly=True)
    cart_received_at = fields.Datetime(readonly=True)
    cart_line_count = fields.Integer("Cart Lines", readonly=True)
    cart_digest = fields.Char(readonly=True, copy=False)
    # The documents as exchanged, for people to read: the shared secret, the BuyerCookie and the
    # StartPage (a sign-in link) are masked while the session is open.
    setup_request = fields.Text(readonly=True)
    setup_response = fields.Text(readonly=True)
    cart_document = fields.Text("Cart", readonly=True)
    # The cart's bytes exactly as posted: what is imported (and imported again), whatever its encoding.
    cart_raw = fields.Binary("Cart File", readonly=True, attachment=True, copy=False)

    _buyer_cookie_unique = models.UniqueIndex("(buyer_cookie)")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["name"] = self.env["ir.sequence"].next_by_code("amazon.punchout.session") or vals.get("name")
            vals.setdefault("buyer_cookie", secrets.token_urlsafe(BUYER_COOKIE_BYTES))
        return super().create(vals_list)

    # ------------------------------------------------------------------ start

    @api.model
    def _setup_request(self, account, user, buyer_cookie, email=None, operation="create", order=None):
        """The PunchOutSetupRequest of PROTOCOL.md for this user (and, for edit, the order's lines)."""
        extrinsics = {"UserEmail": email or user.email, "UniqueName": user.login}
        if account.business_unit:
            extrinsics["UserBusinessUnit"] = account.business_unit
        return cxml.PunchOutSetupRequest(
            header=account._cxml_header(),
            buyer_cookie=buyer_cookie,
            browser_form_post_url=f"{account.get_base_url().rstrip('/')}{RETURN_ROUTE}",
            operation=operation,
            extrinsics=extrinsics,
            contacts=(cxml.Contact(name=user.name, email=email or user.email, role="endUser"),),
            ship_to=self._ship_to_address(user, account.company_id),
            items_out=order._amazon_items_out() if order else (),
            deployment_mode=account._deployment_mode(),
        )

    @api.model
    def _ship_to_address(self, user, company):
        """The user's delivery address, or else the company's."""
        delivery = user.partner_id.browse(user.partner_id.address_get(["delivery"])["delivery"])
        partner = delivery if delivery.street and delivery.city else company.partner_id
        return cxml.Address(
            name=partner.commercial_partner_id.name or company.name,
            deliver_to=(user.name,),
            street=tuple(line for line in (partner.street, partner.street2) if line),
            city=partner.city or "",
            state=partner.state_id.code or "",
            postal_code=partner.zip or "",
            country_code=partner.country_id.code or "",
            email=partner.email or None,
            address_id=str(partner.id),
        )

    @api.model
    def _start(self, account, order=None):
        """Open a punchout for the current user; the session says how it went (state ``error`` and why)."""
        user = self.env.user
        account = account.with_company(account.company_id)
        if account.shopper_group_id not in user.all_group_ids:
            raise AccessError(self.env._("You are not among the users allowed to shop with %(name)s.",
                                         name=account.name))
        if not user.email:
            raise UserError(self.env._("Amazon Business signs you in by your e-mail address, and your user has "
                                       "none: set it in your preferences, then try again."))
        operation = "edit" if order else "create"
        session = self.sudo().create({"account_id": account.id, "user_id": user.id, "company_id": account.company_id.id,
                                      "operation": operation, "purchase_order_id": order.id if order else False})
        request = self._setup_request(account, user, session.buyer_cookie, operation=operation, order=order)
        try:
            request_body, reply_body, answer = account._exchange(account.punchout_url, request,
                                                                 account._punchout_url_label())
            if not getattr(answer, "start_page_url", None):
                raise AmazonBusinessError(account._no_start_page_message(), request_body, reply_body,
                                          configuration=True)
        except AmazonBusinessError as error:
            session.write({"state": "error", "error_message": error.message,
                           **session._documents(error.request_body, error.reply_body)})
            account._record_failure(error)
            _logger.warning("Amazon Business punchout %s failed: %s", session.name, error.message)
            return session
        session.write({"start_page_url": answer.start_page_url,
                       **session._documents(request_body, reply_body, answer.start_page_url)})
        if account.state != "connected":
            account._mark_connected()
        return session

    def _documents(self, request_body, reply_body, start_page_url=None):
        """The setup documents, fit to show: no secret, no BuyerCookie, no StartPage sign-in link."""
        values = [value for value in (self.sudo().buyer_cookie, start_page_url) if value]
        # As written in the XML too: a URL's "&" is stored as "&amp;".
        values += [escape(value) for value in values]

        def masked(data):
            text = _text(cxml.redact(data)) if data else False
            for value in values:
                text = text and text.replace(value, "***")
            return text
        return {"setup_request": masked(request_body), "setup_response": masked(reply_body)}

    def _start_action(self):
        """Open the StartPage in a new tab (Amazon refuses iframes), or say why it cannot be opened."""
        self.ensure_one()
        if self.state == "error":
            return self.account_id._notification(self.env._("Amazon Business is not available"),
                                                 self.error_message, "danger")
        return {"type": "ir.actions.act_url", "url": self.sudo().start_page_url, "target": "new"}

    @api.model
    def action_shop(self, account_id=None):
        """The "Shop on Amazon Business" entry point: start with the one connection, or let the user choose."""
        accounts = self.env["amazon.business.account"]._shoppable_accounts()
        if account_id:
            accounts = accounts.filtered(lambda account: account.id == account_id)
        if not accounts:
            raise UserError(self.env._("Your company has no connected Amazon Business account you may shop with: "
                                       "ask an administrator (Settings > Purchase > Amazon Business)."))
        if len(accounts) == 1:
            return self._start(accounts)._start_action()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Shop on Amazon Business"),
            "res_model": "amazon.punchout.start",
            "view_mode": "form",
            "target": "new",
            "context": {"default_account_id": accounts[0].id},
        }

    # ------------------------------------------------------------------ return

    @api.model
    def _receive_cart(self, data):
        """Store a returned cart on its session, found by BuyerCookie; refuse anything else.

        Runs as superuser from the public return route: the cart arrives without the user's Odoo
        session (cross-site POST), so the BuyerCookie is the only key.
        """
        try:
            cart = cxml.parse(data)
        except cxml.CXMLError as error:
            raise PunchoutRefusal(self.env._("The cart sent back by Amazon Business could not be read: %(error)s",
                                             error=error)) from None
        if not isinstance(cart, cxml.PunchOutOrderMessage):
            raise PunchoutRefusal(self.env._("Amazon Business sent a %(kind)s instead of a cart.",
                                             kind=cart.document_type))
        session = self.search([("buyer_cookie", "=", cart.buyer_cookie.strip())], limit=1)
        if not session:
            raise PunchoutRefusal(self.env._("This cart belongs to no punchout session started from Odoo. Start "
                                             "again from Purchase > Shop on Amazon Business."), 404)
        if not session.try_lock_for_update():
            raise PunchoutRefusal(self.env._("This cart is already being received."), 409)
        digest = hashlib.sha256(data).hexdigest()
        cart_values = {"cart_raw": base64.b64encode(data), "cart_document": _text(data), "cart_digest": digest,
                       "cart_received_at": fields.Datetime.now(), "cart_line_count": len(cart.items)}
        if (session.state in ("started", "expired") and session.expires_at < fields.Datetime.now()
                and not session.cart_raw):
            session.write({**cart_values, "state": "expired"})   # kept for the record, never imported
        if session.state == "expired":
            raise PunchoutRefusal(self.env._("This punchout session has expired. Start again from Purchase > "
                                             "Shop on Amazon Business; your Amazon cart is still there."), 410)
        if session.state != "started":
            if session.cart_digest == digest:
                raise PunchoutRefusal(self.env._("This cart was already received (the same form was sent twice)."),
                                      409)
            raise PunchoutRefusal(self.env._("This punchout session was already used. Start again from "
                                             "Purchase > Shop on Amazon Business."), 409)
        session.write({**cart_values, "state": "cart_received"})
        return session

    # ------------------------------------------------------------------ import

    def _import_cart(self):
        """Turn the received cart into an RFQ (or the edited RFQ's new lines), as the session's user."""
        self.ensure_one()
        owner = self.sudo().user_id
        if self.env.user != owner:
            _logger.warning("Punchout session %s: user %s tried to import the cart of user %s",
                            self.sudo().name, self.env.user.id, owner.id)
            raise PunchoutRefusal(self.env._("This cart belongs to another user: log in as the user who started "
                                             "the punchout to import it."), 403)
        if self.state == "imported":
            return self.purchase_order_id     # a reloaded page: nothing to do twice
        if self.state == "cancelled":
            raise PunchoutRefusal(self.env._("The punchout was cancelled on Amazon Business: no RFQ was created."),
                                  200)
        if self.state == "expired":
            raise PunchoutRefusal(self.env._("This punchout session expired before its cart came back: start again "
                                             "from Purchase > Shop on Amazon Business."), 410)
        if self.state not in ("cart_received", "error") or not self.cart_raw:
            raise PunchoutRefusal(self.env._("No cart has been received for this punchout session."), 409)
        if not self.sudo().try_lock_for_update():
            raise PunchoutRefusal(self.env._("This cart is already being imported."), 409)
        cart = cxml.parse(base64.b64decode(self.cart_raw))
        if not cart.items:
            self.sudo().write({"state": "cancelled", "error_message": False})
            self.sudo().message_post(body=self.env._("Amazon Business returned an empty cart: nothing was created."))
            raise PunchoutRefusal(self.env._("Your Amazon Business cart was empty (or the punchout was cancelled): "
                                             "no RFQ was created."), 200)
        try:
            with self.env.cr.savepoint():
                order = self._apply_cart(cart)
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            raise   # Odoo retries the whole request
        except (PunchoutRefusal, UserError, ValidationError, psycopg2.Error) as error:
            message = getattr(error, "message", None) or str(error.args[0] if error.args else error)
            if isinstance(error, psycopg2.Error):
                _logger.exception("Punchout session %s: the database refused the RFQ", self.name)
                message = self.env._("The cart could not be turned into an RFQ. It is kept: an administrator can "
                                     "find the cause in the server log, then use Import Again on %(session)s.",
                                     session=self.name)
            self.sudo().write({"state": "error", "error_message": message})
            _logger.warning("Punchout session %s: cart not imported: %s", self.name, message)
            raise PunchoutRefusal(message, getattr(error, "http_status", 422)) from None
        self.sudo().write({"state": "imported", "error_message": False, "purchase_order_id": order.id})
        return order

    def _cart_currency(self, cart):
        codes = {item.unit_price.currency.strip().upper() for item in cart.items}
        if cart.total:
            codes.add(cart.total.currency.strip().upper())
        if len(codes) > 1:
            raise PunchoutRefusal(self.env._("The cart mixes currencies (%(codes)s); Odoo needs one currency per RFQ. "
                                             "Split the cart on Amazon Business.", codes=", ".join(sorted(codes))), 422)
        code = codes.pop()
        currency = self.env["res.currency"].with_context(active_test=False).search([("name", "=", code)], limit=1)
        if not currency.active:
            raise PunchoutRefusal(self.env._("The cart is in %(code)s, a currency %(company)s cannot use: an "
                                             "administrator should activate it (Accounting > Currencies).",
                                             code=code, company=self.company_id.name), 422)
        return currency

    def _apply_cart(self, cart):
        currency = self._cart_currency(cart)
        account = self.account_id
        company = self.company_id
        order_model = self.env["purchase.order"].with_company(company)
        units = order_model._amazon_units(cart.items)
        products = order_model._amazon_products_for(account, cart.items, currency, units)
        lines = [Command.create(order_model._amazon_line_values(item, products[item.supplier_part_id], units))
                 for item in cart.items]
        header = {
            "amazon_cart_total": _amount(cart.total),
            "amazon_shipping": _amount(cart.shipping),
            "amazon_tax": _amount(cart.tax),
            "amazon_operation_allowed": cart.operation_allowed or "create",
        }
        if self.operation == "edit" and self.purchase_order_id:
            order = self.purchase_order_id
            if order.state not in ("draft", "sent"):
                raise PunchoutRefusal(self.env._("%(order)s was confirmed meanwhile: its lines can no longer be "
                                                 "replaced by the edited cart.", order=order.name), 409)
            if order.currency_id != currency:
                raise PunchoutRefusal(self.env._("The edited cart is in %(cart)s but %(order)s is in %(currency)s.",
                                                 cart=currency.name, order=order.name, currency=order.currency_id.name))
            replaced = [Command.unlink(line.id) for line in order.order_line.filtered("punchout_part_id")]
            order.write({**header, "punchout_session_id": self.id, "order_line": [*replaced, *lines]})
            order.message_post(body=self.env._("Lines replaced by the cart edited on Amazon Business (%(session)s).",
                                               session=self.name))
            return order
        order = order_model.create({
            **header,
            "partner_id": account.partner_id.id,
            "company_id": company.id,
            "currency_id": currency.id,
            "user_id": self.user_id.id,
            "origin": self.name,
            "amazon_account_id": account.id,
            "punchout_session_id": self.id,
            "order_line": lines,
        })
        order.message_post(body=self.env._("Created from the Amazon Business cart of %(session)s (%(count)s lines).",
                                           session=self.name, count=len(cart.items)))
        return order

    def action_import_again(self):
        """Retry a cart that could not be imported, once its cause is fixed."""
        self.ensure_one()
        try:
            order = self._import_cart()
        except PunchoutRefusal as error:
            # A notification, not an exception: the session's new state and message must be kept.
            return self.account_id._notification(self.env._("Cart not imported"), error.message, "danger")
        return order.get_formview_action()

    # ------------------------------------------------------------------ housekeeping

    @api.model
    def _cron_expire_sessions(self):
        stale = self.search([("state", "=", "started"), ("expires_at", "<", fields.Datetime.now())])
        stale.write({"state": "expired"})
        return len(stale)


def _text(data):
    """Bytes as readable text (UTF-8, else Latin-1, which decodes anything)."""
    if not data:
        return False
    if not isinstance(data, bytes):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _amount(money):
    return float(money.amount) if money else 0.0
