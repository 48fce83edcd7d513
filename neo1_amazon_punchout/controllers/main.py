import logging

from werkzeug.exceptions import BadRequest

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from .. import cxml
from ..const import MAX_CART_POST_BYTES
from ..models.amazon_punchout_session import RETURN_ROUTE, PunchoutRefusal

_logger = logging.getLogger(__name__)


class AmazonPunchoutController(http.Controller):
    """Thin HTTP edges of the punchout; the session model owns every rule."""

    @http.route("/punchout/amazon/start", type="http", auth="user", methods=["GET"])
    def start(self, account=None, **kwargs):
        is_id = bool(account) and account.isascii() and account.isdecimal() and len(account) < 10
        account_record = request.env["amazon.business.account"].browse(int(account) if is_id else 0).exists()
        try:
            if not account_record:
                raise UserError(request.env._("Unknown Amazon Business connection."))
            session = request.env["amazon.punchout.session"]._start(account_record)
        except (UserError, AccessError) as error:
            return self._page(request.env._("Amazon Business"), _message(error), 400)
        if session.state == "error":
            return self._page(request.env._("Amazon Business is not available"), session.error_message, 502)
        return request.redirect(session.sudo().start_page_url, code=303, local=False)

    @http.route(RETURN_ROUTE, type="http", auth="public", methods=["POST"], csrf=False, save_session=False,
                readonly=False, max_content_length=MAX_CART_POST_BYTES)
    def receive_cart(self, **kwargs):
        """The cart, posted by the browser from Amazon's site without Odoo's session cookie."""
        # Larger posts are refused with a 413 by Odoo itself, before the form is read (max_content_length).
        try:
            data = cxml.decode_form_post(request.httprequest.form)
        except (cxml.CXMLError, BadRequest) as error:
            return self._refuse(PunchoutRefusal(request.env._("The form sent back by Amazon Business holds no "
                                                              "readable cart: %(error)s", error=error)))
        try:
            session = request.env["amazon.punchout.session"].sudo()._receive_cart(data)
        except PunchoutRefusal as refusal:
            return self._refuse(refusal)
        # The cart is stored: now continue in the purchaser's own (same-site) Odoo session.
        return request.redirect(f"/punchout/amazon/import/{session.id}", code=303)

    @http.route("/punchout/amazon/import/<int:session_id>", type="http", auth="user", methods=["GET"])
    def import_cart(self, session_id, **kwargs):
        session = request.env["amazon.punchout.session"].sudo().browse(session_id).exists()
        if not session:
            return self._page(request.env._("Cart refused"), request.env._("Unknown punchout session."), 404)
        try:
            order = session.with_user(request.env.user).with_company(session.company_id)._import_cart()
        except PunchoutRefusal as refusal:
            return self._refuse(refusal, session)
        return request.redirect(f"/odoo/purchase/{order.id}", code=303)

    def _refuse(self, refusal, session=None):
        _logger.warning("Punchout cart refused (%s): %s", refusal.http_status, refusal.message)
        title = request.env._("Amazon Business cart") if refusal.http_status == 200 else request.env._("Cart refused")
        return self._page(title, refusal.message, refusal.http_status, session)

    def _page(self, title, message, status, session=None):
        values = {"title": title, "message": message, "session": session,
                  "back_url": "/odoo/action-purchase.purchase_rfq"}
        return request.render("neo1_amazon_punchout.punchout_message_page", values, status=status)


def _message(error):
    return error.args[0] if error.args else str(error)
