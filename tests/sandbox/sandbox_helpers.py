"""Helpers for the sandbox tests: a buyer that speaks cXML to the sandbox over real
HTTP, a fake clock, and a tiny receiving server standing in for the buyer's
inbound URL and BrowserFormPost URL."""
import dataclasses
import html
import re
import threading
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

import amazon_sandbox  # puts the addon folder on sys.path for cxml
import cxml

DEMO_IDENTITY = "NEO1-DEMO-BUYER"
DEMO_SECRET = "neo1-demo-shared-secret"
OPTIONS_IDENTITY = "NEO1-OPTIONS-BUYER"
OPTIONS_SECRET = "options-secret"
PEN, PAPER, SHREDDER = "B07QXV6N1B", "B08CRTQ4PL", "B0872RXQ4J"


class FakeClock:
    def __init__(self):
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


class Receiver:
    """Records every POST; answers with a cXML 200 Response."""

    def __init__(self):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received.append({"path": self.path, "content_type": self.headers.get("Content-Type"), "body": body})
                reply = cxml.build(cxml.Response(status=cxml.Status(200, "OK")))
                self.send_response(200)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    def documents(self):
        return [cxml.parse(entry["body"]) for entry in self.received]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def accounts_data(inbound_url):
    return {"accounts": [
        {"identity": DEMO_IDENTITY, "shared_secret": DEMO_SECRET, "currency": "USD",
         "groups": ["Marketing", "Operations"], "buyer_inbound_url": f"{inbound_url}/punchout/amazon/cxml"},
        {"identity": OPTIONS_IDENTITY, "shared_secret": OPTIONS_SECRET, "currency": "USD", "groups": ["Finance"],
         "buyer_inbound_url": f"{inbound_url}/options", "form_field": "cxml-base64", "allow_edit": True,
         "split_confirmations": True},
    ]}


def address(**overrides):
    values = dict(name="Neo1 HQ", street=("1 Market Street",), city="San Francisco", state="CA",
                  postal_code="94105", country_code="US", deliver_to=("Jane Buyer",), email="jane@example.com")
    values.update(overrides)
    return cxml.Address(**values)


def header(identity=DEMO_IDENTITY, secret=DEMO_SECRET, sender_identity=None):
    return cxml.Header(
        from_=(cxml.Credential("NetworkId", identity),), to=(cxml.Credential("NetworkId", "Amazon"),),
        sender=(cxml.Credential("NetworkId", sender_identity or identity, secret),), user_agent="neo1 tests")


def form_fields(page):
    """(action, {name: value}) of the auto-submitting return form, as a browser would post it."""
    action = html.unescape(re.search(r'<form id="punchout-return" method="post" action="([^"]*)"', page).group(1))
    fields = {html.unescape(name): html.unescape(value)
              for name, value in re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)"', page)}
    return action, fields


class Buyer:
    """Plays Odoo's part: setup requests, shopping in the storefront, orders."""

    def __init__(self, sandbox, receiver):
        self.sandbox = sandbox
        self.receiver = receiver
        self.cookie_number = 0

    def setup_request(self, identity=DEMO_IDENTITY, secret=DEMO_SECRET, **overrides):
        self.cookie_number += 1
        values = dict(header=header(identity, secret), buyer_cookie=f"cookie-{self.cookie_number}",
                      browser_form_post_url=f"{self.receiver.url}/punchout/amazon/return",
                      extrinsics={"UserEmail": "jane@example.com", "UserBusinessUnit": "Marketing"})
        values.update(overrides)
        return cxml.PunchOutSetupRequest(**values)

    def post(self, path, body, **kwargs):
        return requests.post(self.sandbox.url + path, data=body, timeout=kwargs.pop("timeout", 10),
                             headers={"Content-Type": "text/xml; charset=utf-8"}, **kwargs)

    def punchout(self, request=None, **overrides):
        reply = self.post("/punchout", cxml.build(request or self.setup_request(**overrides)))
        assert reply.status_code == 200, reply.text
        return cxml.parse(reply.content).start_page_url

    def shop(self, start_page_url):
        """A browser session opened on the StartPage: (requests session, shop URL)."""
        browser = requests.Session()
        page = browser.get(start_page_url, timeout=10)
        assert page.status_code == 200, page.text
        return browser, page.url

    def add(self, browser, shop_url, asin, quantity=1):
        page = browser.post(f"{shop_url}/add", data={"asin": asin, "quantity": str(quantity)}, timeout=10)
        assert page.status_code == 200, page.text
        return page

    def submit(self, browser, shop_url, action="submit"):
        """The return form's action and decoded cart bytes."""
        page = browser.post(f"{shop_url}/{action}", timeout=10)
        assert page.status_code == 200, page.text
        return self.submit_page_fields(page.text)

    @staticmethod
    def submit_page_fields(page):
        action_url, fields = form_fields(page)
        return action_url, fields, cxml.decode_form_post(fields)

    def cart(self, lines=((PEN, 2), (SHREDDER, 1)), **setup_overrides):
        """A returned cart (PunchOutOrderMessage) after shopping ``lines``."""
        browser, shop_url = self.shop(self.punchout(**setup_overrides))
        for asin, quantity in lines:
            self.add(browser, shop_url, asin, quantity)
        return cxml.parse(self.submit(browser, shop_url)[2])

    def order_request(self, cart, order_id="P00042", identity=DEMO_IDENTITY, secret=DEMO_SECRET, **overrides):
        items = tuple(dataclasses.replace(item, line_number=number) for number, item in enumerate(cart.items, 1))
        total = sum((item.quantity * item.unit_price.amount for item in items), Decimal(0))
        values = dict(header=header(identity, secret), order_id=order_id, order_date="2025-03-01T10:00:00+00:00",
                      total=cxml.Money(total, "USD"), ship_to=address(), bill_to=address(name="Neo1 Accounts"),
                      items=items)
        values.update(overrides)
        return cxml.OrderRequest(**values)

    def order(self, cart=None, auth=None, **overrides):
        """Place an order; returns (reply, the OrderRequest bytes)."""
        body = cxml.build(self.order_request(cart or self.cart(), **overrides))
        return self.post("/order", body, auth=auth), body

    def admin(self, method, path, **kwargs):
        return requests.request(method, f"{self.sandbox.url}/_sandbox/{path}", timeout=10, **kwargs)


def status_of(reply):
    """The cXML Status of a sandbox reply, checked to be a Response."""
    document = cxml.parse(reply.content)
    assert isinstance(document, (cxml.Response, cxml.PunchOutSetupResponse))
    return document.status
