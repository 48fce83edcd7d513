"""Everything the sandbox remembers, behind one lock.

Handlers in ``app.py`` stay thin: they parse, call ``rules`` and then one of the
methods here. The clock is an attribute so that tests can move time forward.
"""
import itertools
import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

TOKEN_LIFETIME = timedelta(minutes=30)
FAULT_KINDS = ("http_500", "http_503", "delay", "close", "malformed", "unauthorized", "cxml_400")
FAULT_ENDPOINTS = ("punchout", "order")


def utc_now():
    return datetime.now(timezone.utc)


def iso(moment):
    return moment.isoformat(timespec="seconds")


class TokenRefused(Exception):
    """A StartPage token that cannot be used; ``reason`` is unknown, used or expired."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass
class CartLine:
    product: object  # catalogue.Product
    quantity: int


@dataclass
class PunchoutSession:
    """One PunchOutSetupRequest and the shopping that follows it."""
    id: str
    account: object  # accounts.Account
    payload_id: str
    buyer_cookie: str
    browser_form_post_url: str
    email: str
    business_unit: str
    requested_business_unit: str
    operation: str
    cart_id: str
    raw: str
    received_at: datetime
    token: str
    lines: list = field(default_factory=list)  # CartLine, in the order the shopper added them
    status: str = "issued"  # issued -> shopping -> submitted | cancelled
    shop_key: str = ""
    returns: list = field(default_factory=list)  # every cart document sent back to the buyer

    def add(self, product, quantity):
        for line in self.lines:
            if line.product.asin == product.asin:
                line.quantity += quantity
                return
        self.lines.append(CartLine(product, quantity))

    def set_quantity(self, asin, quantity):
        """0 removes the line."""
        for line in list(self.lines):
            if line.product.asin == asin:
                if quantity > 0:
                    line.quantity = quantity
                else:
                    self.lines.remove(line)

    @property
    def read_only(self):
        return self.operation == "inspect"

    @property
    def open(self):
        return self.status == "shopping"


@dataclass
class Order:
    id: str
    account: object
    order_id: str
    payload_id: str
    request: object  # cxml.OrderRequest
    raw: str
    received_at: datetime
    reject_lines: tuple = ()
    split: bool = False
    answers: list = field(default_factory=list)  # generated or delivered answer documents


@dataclass
class Fault:
    endpoint: str
    kind: str
    remaining: int
    seconds: float = 0.0
    text: str = ""


class SandboxState:
    def __init__(self, accounts, *, clock=utc_now, answer_delay=2.0):
        self.accounts = dict(accounts)
        self.clock = clock
        self.answer_delay = answer_delay
        self.lock = threading.RLock()
        self.timers = []
        self.reset()

    def reset(self):
        with self.lock:
            for timer in self.timers:
                timer.cancel()
            self.timers = []
            self.sessions = {}
            self.sessions_by_token = {}
            self.sessions_by_shop_key = {}
            self.issued_aux_ids = {}  # SupplierPartAuxiliaryID -> (account identity, session id, CartLine)
            self.orders = {}
            self.attempts = []  # every call to /punchout and /order, faults and refusals included
            self.faults = []
            self.next_order_options = []  # dicts applied to the next orders, one each
            self.clock_offset = timedelta(0)  # moved by the admin API, for tests that run the CLI
            self._sequence = itertools.count(1)

    def now(self):
        return self.clock() + self.clock_offset

    def next_number(self):
        with self.lock:
            return next(self._sequence)

    # -- punchout sessions and tokens ------------------------------------------------

    def open_session(self, **details):
        with self.lock:
            number = self.next_number()
            session = PunchoutSession(
                id=f"S{number}", cart_id=f"{2793745580000 + number:013d}",
                token=secrets.token_urlsafe(24), received_at=self.now(), **details)
            self.sessions[session.id] = session
            self.sessions_by_token[session.token] = session
            return session

    def redeem_token(self, token):
        """The StartPage token works once, within TOKEN_LIFETIME; it opens the shop."""
        with self.lock:
            session = self.sessions_by_token.get(token)
            if session is None:
                raise TokenRefused("unknown")
            if session.status != "issued":
                raise TokenRefused("used")
            if self.now() - session.received_at > TOKEN_LIFETIME:
                raise TokenRefused("expired")
            session.status = "shopping"
            session.shop_key = secrets.token_urlsafe(24)
            self.sessions_by_shop_key[session.shop_key] = session
            return session

    def session_by_shop_key(self, shop_key):
        return self.sessions_by_shop_key.get(shop_key)

    def issue_aux_ids(self, session):
        """Number the cart lines and remember each "<cart id>,<line>" key for /order."""
        with self.lock:
            keyed = []
            for number, line in enumerate(session.lines, start=1):
                aux_id = f"{session.cart_id},{number}"
                self.issued_aux_ids[aux_id] = (session.account.identity, session.id, line)
                keyed.append((aux_id, line))
            return keyed

    def aux_id_issued(self, aux_id, identity):
        issued = self.issued_aux_ids.get(aux_id)
        return issued is not None and issued[0] == identity

    # -- orders ------------------------------------------------------------------

    def find_duplicate_order(self, identity, payload_id, order_id):
        with self.lock:
            for order in self.orders.values():
                if order.account.identity == identity and (
                        order.payload_id == payload_id or order.order_id == order_id):
                    return order
            return None

    def add_order(self, **details):
        with self.lock:
            options = self.next_order_options.pop(0) if self.next_order_options else {}
            account = details["account"]
            order = Order(id=f"O{self.next_number()}", received_at=self.now(),
                          reject_lines=tuple(options.get("reject_lines", ())),
                          split=options.get("split", account.split_confirmations), **details)
            self.orders[order.id] = order
            return order

    def find_order(self, reference):
        """By the sandbox's id (``O3``) or by the buyer's orderID."""
        with self.lock:
            if reference in self.orders:
                return self.orders[reference]
            return next((order for order in self.orders.values() if order.order_id == reference), None)

    def record_attempt(self, endpoint, **details):
        with self.lock:
            attempt = {"endpoint": endpoint, "at": iso(self.now()), **details}
            self.attempts.append(attempt)
            return attempt

    # -- faults ------------------------------------------------------------------

    def add_fault(self, fault):
        with self.lock:
            self.faults.append(fault)

    def take_fault(self, endpoint):
        """The first pending fault for this endpoint, counted down by one call."""
        with self.lock:
            for fault in self.faults:
                if fault.endpoint == endpoint and fault.remaining > 0:
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self.faults.remove(fault)
                    return fault
            return None

    def add_next_order_options(self, options, count=1):
        with self.lock:
            self.next_order_options.extend(dict(options) for _ in range(count))

    def add_timer(self, timer):
        with self.lock:
            self.timers = [pending for pending in self.timers if pending.is_alive()]
            self.timers.append(timer)
