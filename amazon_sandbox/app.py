"""The WSGI application: routing and thin handlers over ``state``, ``rules`` and ``documents``."""
import base64
import json
import socket
import time
from datetime import timedelta

import cxml
from werkzeug.exceptions import HTTPException, abort
from werkzeug.routing import Map, Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from . import admin, answers, documents, rules, storefront
from .catalogue import find_product, search
from .rules import Refusal
from .state import TokenRefused

MAX_BODY = 10 * 1024 * 1024
LOOPBACK_ADDRESSES = {"127.0.0.1", "::1"}
MALFORMED_BODY = b'<?xml version="1.0"?>\n<cXML payloadID="broken"><Response><Status code="200" text="OK">'
TOKEN_PAGES = {
    "unknown": (404, "Unknown punchout link", "This punchout link is not valid. Start again from your "
                "procurement system."),
    "used": (410, "Punchout link already used", "This punchout link has already been used; each link "
             "works once. Start a new punchout from your procurement system."),
    "expired": (410, "Punchout link expired", "This punchout link has expired (links are valid for "
                "30 minutes). Start a new punchout from your procurement system."),
}

URL_MAP = Map([
    Rule("/", endpoint="home", methods=["GET"]),
    Rule("/punchout", endpoint="punchout", methods=["POST"]),
    Rule("/order", endpoint="order", methods=["POST"]),
    Rule("/start/<token>", endpoint="start", methods=["GET"]),
    Rule("/shop/<shop_key>", endpoint="shop", methods=["GET"]),
    Rule("/shop/<shop_key>/add", endpoint="add_to_cart", methods=["POST"]),
    Rule("/shop/<shop_key>/cart", endpoint="cart", methods=["GET", "POST"]),
    Rule("/shop/<shop_key>/submit", endpoint="submit", methods=["POST"]),
    Rule("/shop/<shop_key>/cancel", endpoint="cancel", methods=["POST"]),
    Rule("/_sandbox/", endpoint="admin_summary", methods=["GET"]),
    Rule("/_sandbox/setups", endpoint="admin_setups", methods=["GET"]),
    Rule("/_sandbox/carts", endpoint="admin_carts", methods=["GET"]),
    Rule("/_sandbox/orders", endpoint="admin_orders", methods=["GET"]),
    Rule("/_sandbox/orders/<reference>", endpoint="admin_order", methods=["GET"]),
    Rule("/_sandbox/orders/<reference>/answers", endpoint="admin_answers", methods=["POST"]),
    Rule("/_sandbox/attempts", endpoint="admin_attempts", methods=["GET"]),
    Rule("/_sandbox/faults", endpoint="admin_faults", methods=["GET", "POST"]),
    Rule("/_sandbox/reset", endpoint="admin_reset", methods=["POST"]),
    Rule("/_sandbox/clock", endpoint="admin_clock", methods=["POST"]),
])


def cxml_reply(code, text, message="", document=None):
    """cXML Response; the HTTP status mirrors the cXML status code."""
    body = document if document is not None else documents.response(code, text, message)
    return Response(body, status=code, content_type="text/xml; charset=utf-8")


def html(text, status=200):
    return Response(text, status=status, content_type="text/html; charset=utf-8")


def json_reply(data, status=200):
    return Response(json.dumps(data, indent=1, default=str), status=status, content_type="application/json")


def parse_document(body, document_class):
    try:
        document = cxml.parse(body)
    except cxml.CXMLError as error:
        raise Refusal(400, rules.BAD_REQUEST, f"malformed cXML: {error}") from error
    if not isinstance(document, document_class):
        raise Refusal(400, rules.BAD_REQUEST, f"expected a {document_class.__name__}, "
                      f"got a {document.document_type}")
    return document


def redacted_text(body):
    return cxml.redact(body).decode("utf-8", "replace")


class SandboxApp:
    def __init__(self, state):
        self.state = state

    def __call__(self, environ, start_response):
        request = Request(environ)
        request.max_content_length = MAX_BODY
        try:
            endpoint, arguments = URL_MAP.bind_to_environ(environ).match()
            if endpoint.startswith("admin_") and request.remote_addr not in LOOPBACK_ADDRESSES:
                return json_reply({"error": "the admin API answers loopback clients only"}, 403)(
                    environ, start_response)
            response = getattr(self, endpoint)(request, **arguments)
        except admin.AdminRequestError as error:
            response = json_reply({"error": str(error)}, 400)
        except HTTPException as error:
            response = error.get_response(environ)
        return response(environ, start_response)

    def home(self, request):
        return html(storefront.home_page(self.state.accounts))

    # -- cXML endpoints --------------------------------------------------------------

    def punchout(self, request):
        return self._cxml_call(request, "punchout", cxml.PunchOutSetupRequest, self._setup)

    def order(self, request):
        return self._cxml_call(request, "order", cxml.OrderRequest, self._order)

    def _cxml_call(self, request, endpoint, document_class, handle):
        """Faults first, then parse, authenticate and the endpoint's rules; every call is recorded."""
        body = request.get_data()
        attempt = {"raw": redacted_text(body), "payload_id": None, "fault": None}
        fault = self.state.take_fault(endpoint)
        if fault is not None:
            attempt["fault"] = fault.kind
            injected = self._inject(fault, request, endpoint, attempt)
            if injected is not None:
                return injected
        try:
            document = parse_document(body, document_class)
            attempt["payload_id"] = document.payload_id
            reply, details = handle(request, document)
        except Refusal as refusal:
            reply, details = cxml_reply(refusal.code, refusal.text, refusal.message), {"text": refusal.message}
        self.state.record_attempt(endpoint, status=reply.status_code, **attempt, **details)
        return reply

    def _inject(self, fault, request, endpoint, attempt):
        """The fault's response, or None when the call then proceeds (a delay)."""
        if fault.kind == "delay":
            time.sleep(fault.seconds)
            return None
        if fault.kind == "close":
            self.state.record_attempt(endpoint, status=None, **attempt)
            connection = request.environ.get("werkzeug.socket")
            if connection is not None:
                connection.shutdown(socket.SHUT_RDWR)
            raise ConnectionAbortedError("injected fault: connection closed")
        injected = {
            "http_500": lambda: Response("Internal Server Error (injected)", 500, content_type="text/plain"),
            "http_503": lambda: Response("Service Unavailable (injected)", 503, content_type="text/plain",
                                         headers={"Retry-After": "1"}),
            "malformed": lambda: Response(MALFORMED_BODY, 200, content_type="text/xml; charset=utf-8"),
            "unauthorized": lambda: cxml_reply(401, rules.UNAUTHORIZED, "credentials not recognised"),
            "cxml_400": lambda: cxml_reply(400, rules.BAD_REQUEST, fault.text or "Bad Request (injected)"),
        }[fault.kind]()
        self.state.record_attempt(endpoint, status=injected.status_code, **attempt)
        return injected

    def _setup(self, request, document):
        account = rules.authenticate(document.header, self.state.accounts)
        rules.check_setup_request(document)
        requested_unit = rules.requested_business_unit(document)
        session = self.state.open_session(
            account=account, payload_id=document.payload_id or "", buyer_cookie=document.buyer_cookie,
            browser_form_post_url=document.browser_form_post_url.strip(), email=rules.user_email(document),
            business_unit=account.business_unit(requested_unit), requested_business_unit=requested_unit,
            operation=document.operation, raw=redacted_text(request.get_data()))
        if document.operation in ("edit", "inspect"):
            for item in document.items_out:
                product = find_product(item.supplier_part_id.strip())
                if product is not None:  # Amazon knows only its own ASINs
                    session.add(product, max(1, int(item.quantity)))
        start_page = f"{request.host_url.rstrip('/')}/start/{session.token}"
        return cxml_reply(200, "OK", document=documents.setup_response(start_page)), \
            {"identity": account.identity, "session": session.id}

    def _order(self, request, document):
        account = rules.authenticate(document.header, self.state.accounts)
        rules.check_basic_auth(request.authorization, account)
        with self.state.lock:  # the duplicate check and the insert are one step
            duplicate = self.state.find_duplicate_order(account.identity, document.payload_id, document.order_id)
            if duplicate is not None:
                return cxml_reply(200, "OK", f"duplicate of order {duplicate.order_id}; nothing created"), \
                    {"identity": account.identity, "order": duplicate.id, "duplicate": True}
            rules.check_order_request(document, account, self.state.aux_id_issued)
            order = self.state.add_order(account=account, order_id=document.order_id,
                                         payload_id=document.payload_id, request=document,
                                         raw=redacted_text(request.get_data()))
        answers.schedule(self.state, order)
        return cxml_reply(200, "OK", "order received"), {"identity": account.identity, "order": order.id}

    # -- storefront ----------------------------------------------------------------

    def start(self, request, token):
        try:
            session = self.state.redeem_token(token)
        except TokenRefused as refused:
            status, title, text = TOKEN_PAGES[refused.reason]
            return html(storefront.message_page(title, text), status)
        return redirect(f"/shop/{session.shop_key}", 303)

    def _shopping_session(self, shop_key, *, writable=False):
        session = self.state.session_by_shop_key(shop_key)
        if session is None:
            abort(html(storefront.message_page("Unknown session", "This shopping session does not exist."), 404))
        if not session.open:
            abort(html(storefront.message_page("Punchout session ended", "This cart has already been "
                                               f"returned ({session.status}). Start a new punchout."), 410))
        if writable and session.read_only:
            abort(html(storefront.message_page("Read-only cart", "This punchout is an inspect: the cart "
                                               "cannot be changed."), 403))
        return session

    def shop(self, request, shop_key):
        session = self._shopping_session(shop_key)
        query = request.args.get("q", "").strip()
        added = find_product(request.args.get("added", ""))
        notice = f"Added to cart: {added.title}" if added else ""
        return html(storefront.catalogue_page(session, search(query), query, notice))

    def add_to_cart(self, request, shop_key):
        session = self._shopping_session(shop_key, writable=True)
        product = find_product(request.form.get("asin", ""))
        quantity = _quantity(request.form.get("quantity", "1"))
        if product is None or not quantity:
            return html(storefront.message_page("Cannot add", "Unknown item or quantity."), 400)
        session.add(product, quantity)
        return redirect(f"/shop/{shop_key}?added={product.asin}", 303)

    def cart(self, request, shop_key):
        session = self._shopping_session(shop_key, writable=request.method == "POST")
        if request.method == "GET":
            return html(storefront.cart_page(session))
        for field, value in request.form.items():
            quantity = _quantity(value)
            if field.startswith("qty-") and quantity is not None:
                session.set_quantity(field[4:], quantity)
        return redirect(f"/shop/{shop_key}/cart", 303)

    def submit(self, request, shop_key):
        return self._return_cart(self._shopping_session(shop_key), cancelled=False)

    def cancel(self, request, shop_key):
        return self._return_cart(self._shopping_session(shop_key), cancelled=True)

    def _return_cart(self, session, *, cancelled):
        """Cancel returns an empty cart (no ItemIn, Total 0), as Amazon does."""
        account = session.account
        with self.state.lock:
            if not session.open:
                abort(html(storefront.message_page("Punchout session ended", "This cart was already returned."), 410))
            session.status = "cancelled" if cancelled else "submitted"
        keyed_lines = [] if cancelled else self.state.issue_aux_ids(session)
        document = documents.cart(session, keyed_lines, "edit" if account.allow_edit else "create")
        value = base64.b64encode(document).decode("ascii") if account.form_field == "cxml-base64" \
            else document.decode("utf-8")
        session.returns.append({"session": session.id, "cart_id": session.cart_id, "cancelled": cancelled,
                                "url": session.browser_form_post_url, "field": account.form_field,
                                "raw": document.decode("utf-8"), "at": self.state.now().isoformat()})
        return html(storefront.return_page(session.browser_form_post_url, account.form_field, value, cancelled))

    # -- admin API (loopback only) ---------------------------------------------------

    def admin_summary(self, request):
        state = self.state
        return json_reply({
            "accounts": sorted(state.accounts), "answer_delay": state.answer_delay, "now": state.now().isoformat(),
            "setups": len(state.sessions), "orders": len(state.orders), "attempts": len(state.attempts),
            "faults": [admin.fault_json(fault) for fault in state.faults],
            "next_order_options": state.next_order_options,
        })

    def admin_setups(self, request):
        return json_reply([admin.session_json(session) for session in self.state.sessions.values()])

    def admin_carts(self, request):
        return json_reply([cart for session in self.state.sessions.values() for cart in session.returns])

    def admin_orders(self, request):
        return json_reply([admin.order_json(order, self.state.attempts) for order in self.state.orders.values()])

    def _order_or_404(self, reference):
        order = self.state.find_order(reference)
        if order is None:
            abort(json_reply({"error": f"no order {reference!r}"}, 404))
        return order

    def admin_order(self, request, reference):
        return json_reply(admin.order_json(self._order_or_404(reference), self.state.attempts))

    def admin_answers(self, request, reference):
        """Write the order's answers; post them to the buyer unless ``deliver`` is false."""
        order = self._order_or_404(reference)
        body = admin.json_object(request.get_json(force=True, silent=True) or {})
        try:
            written = answers.plan(self.state, order, reject_lines=admin.line_numbers(body.get("reject_lines")),
                                   split=body.get("split"), types=tuple(body.get("types", answers.ANSWER_TYPES)))
        except answers.AnswerOptionError as error:
            raise admin.AdminRequestError(str(error)) from error
        if body.get("deliver", True):
            return json_reply({"documents": answers.deliver(self.state, order, written)})
        return json_reply({"documents": [answers.record(self.state, order, answer) for answer in written]})

    def admin_attempts(self, request):
        endpoint = request.args.get("endpoint")
        return json_reply([attempt for attempt in self.state.attempts
                           if endpoint is None or attempt["endpoint"] == endpoint])

    def admin_faults(self, request):
        if request.method == "POST":
            body = admin.json_object(request.get_json(force=True, silent=True))
            if body.get("kind") == "reject_lines":
                count, options = admin.parse_next_order_options(body)
                self.state.add_next_order_options(options, count)
            else:
                self.state.add_fault(admin.parse_fault(body))
        return json_reply({"faults": [admin.fault_json(fault) for fault in self.state.faults],
                           "next_order_options": self.state.next_order_options})

    def admin_reset(self, request):
        self.state.reset()
        return json_reply({"reset": True})

    def admin_clock(self, request):
        """``{"advance_seconds": N}`` moves the sandbox's clock, e.g. past a token's lifetime."""
        body = admin.json_object(request.get_json(force=True, silent=True))
        seconds = body.get("advance_seconds")
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool):
            raise admin.AdminRequestError("advance_seconds must be a number")
        with self.state.lock:
            self.state.clock_offset += timedelta(seconds=seconds)
        return json_reply({"now": self.state.now().isoformat()})


def _quantity(value):
    """A whole quantity from 0 to 999, or None."""
    try:
        quantity = int(str(value).strip())
    except ValueError:
        return None
    return quantity if 0 <= quantity <= 999 else None
