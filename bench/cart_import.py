#!/usr/bin/env python3
"""Benchmark: a returned Amazon Business cart into an RFQ, against purchase.order.create (issue 5, point 9).

    .venv/bin/python bench/cart_import.py

It builds its own database, neo1_bench: the addon without demo data, then (through `odoo shell`) a
purchaser, a connection, 1,000 products whose Amazon vendor code is their ASIN and one punchout
session per import. It runs Odoo on 127.0.0.1 at a free port and stops it at the end.
For carts of 200 and 1,000 known items it times the import as the purchaser's browser makes it: the
cookie-less POST /punchout/amazon/return plus the GET of its 303 Location, which creates the RFQ.
The floor, on the same server in the same run, is purchase.order.create over JSON-RPC as the same
user with the same vendor, currency and line values. Query counts come from the server's request
log lines (Odoo's werkzeug lines end with: query count, query time, remaining time).

Goals: import time <= 1.25x the floor; queries per extra line no more than the floor's.
A missed goal is printed and the exit status stays 0; a failed set-up exits 2 with one line.
"""
import json
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode, urljoin

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "neo1_amazon_punchout"))
import cxml  # noqa: E402
import dev  # noqa: E402

DATABASE = "neo1_bench"
KNOWN_PRODUCTS = 1000
CART_SIZES = (200, 1000)
ROUNDS = 5
TIME_GOAL = 1.25
PURCHASER_LOGIN = "bench_purchaser"
PURCHASER_PASSWORD = "bench-purchaser-password"
REQUEST_TIMEOUT = 300
SERVER_START_SECONDS = 120
SERVER_LOG = dev.LOCAL / "bench-server.log"
INSTALL_LOG = dev.LOCAL / "bench-install.log"
DATA_LOG = dev.LOCAL / "bench-data.log"
DATA_MARKER = "NEO1-BENCH-DATA "
ANSI_STYLE = re.compile(r"\x1b\[[\d;]*m")       # werkzeug colours 3xx request lines, even into a file
REQUEST_LINE = re.compile(r' werkzeug: .*"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) \S+ '
                          r'(?P<queries>\d+) [\d.]+ [\d.]+$')
AMAZON_HEADER = cxml.Header(from_=(cxml.Credential("DUNS", "128990368"),),
                            to=(cxml.Credential("NetworkId", "NEO1-BENCH"),),
                            sender=(cxml.Credential("DUNS", "128990368"),),
                            user_agent="Amazon LLC eProcurement Application")


class BenchError(Exception):
    """Something the benchmark needs went wrong, told in one line."""


# --------------------------------------------------------------------------- the server

def free_loopback_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def loopback_http():
    """A requests session that ignores *_PROXY variables: every call here stays on 127.0.0.1."""
    http = requests.Session()
    http.trust_env = False
    return http


def install_addon_without_demo(config, env):
    dev.say(f"installing {dev.ADDON} without demo data into {DATABASE} (log: .local/{INSTALL_LOG.name}) ...")
    with open(INSTALL_LOG, "w") as log:
        result = dev.odoo(config, "-d", DATABASE, "-i", dev.ADDON, "--stop-after-init", "--log-level=warn",
                          env=env, stdout=log, stderr=subprocess.STDOUT)
    if result.returncode or dev.ODOO_ERROR_LINE.search(INSTALL_LOG.read_text()):
        raise BenchError(f"installing {dev.ADDON} into {DATABASE} failed: see .local/{INSTALL_LOG.name}")


class OdooServer:
    """Odoo serving HTTP on 127.0.0.1; its log file gives each request's SQL query count."""

    def __init__(self, config, env, port):
        self.config, self.env = config, env
        self.url = f"http://127.0.0.1:{port}"
        self.process = None

    def __enter__(self):
        # No cron thread: nothing but the measured requests runs in the server.
        with open(SERVER_LOG, "w") as log:
            self.process = subprocess.Popen(
                [str(dev.venv_python()), "-m", "odoo", "server", "-c", str(self.config), "-d", DATABASE,
                 "--log-level=info", "--max-cron-threads=0"],
                env=self.env, stdout=log, stderr=subprocess.STDOUT)
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def _wait_until_ready(self):
        deadline = time.monotonic() + SERVER_START_SECONDS
        http = loopback_http()
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"Odoo stopped while starting: see .local/{SERVER_LOG.name}")
            try:
                if http.get(f"{self.url}/web/health", timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.25)
        raise BenchError(f"Odoo did not answer on {self.url} within {SERVER_START_SECONDS} s: "
                         f"see .local/{SERVER_LOG.name}")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_mark(self):
        return SERVER_LOG.stat().st_size

    def query_counts(self, mark, expected_paths):
        """The query counts of the requests logged after ``mark``, one per expected path prefix, in order."""
        deadline = time.monotonic() + 10    # the line is written before the response body: normally there
        while True:
            with open(SERVER_LOG, "rb") as log:
                log.seek(mark)
                text = ANSI_STYLE.sub("", log.read().decode("utf-8", "replace"))
            logged = [match for line in text.splitlines() if (match := REQUEST_LINE.search(line))]
            if len(logged) >= len(expected_paths) or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        paths = [match["path"] for match in logged]
        if len(logged) != len(expected_paths) or not all(
                path.startswith(prefix) for path, prefix in zip(paths, expected_paths)):
            raise BenchError(f"the server logged {paths} where {list(expected_paths)} were expected")
        return [int(match["queries"]) for match in logged]


class OdooClient:
    """JSON-RPC as one user, with that user's own Odoo session cookie."""

    def __init__(self, url, login, password):
        self.url = url
        self.http = loopback_http()
        self.uid = self._post(f"{url}/web/session/authenticate",
                              {"db": DATABASE, "login": login, "password": password})["uid"]
        if not self.uid:
            raise BenchError(f"{login} could not log in to {DATABASE}")

    def prepared_call(self, model, method, *args, **kwargs):
        """The URL and JSON body of one call_kw, serialised ahead so that a timed call times the server."""
        return (f"{self.url}/web/dataset/call_kw/{model}.{method}",
                jsonrpc_body({"model": model, "method": method, "args": list(args), "kwargs": kwargs}))

    def send(self, prepared):
        url, body = prepared
        reply = self.http.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=REQUEST_TIMEOUT)
        if reply.status_code != 200:
            raise BenchError(f"{url} answered {reply.status_code}")
        answer = reply.json()
        if "error" in answer:
            raise BenchError(f"{url}: {answer['error'].get('data', {}).get('message') or answer['error']}")
        return answer["result"]

    def call(self, model, method, *args, **kwargs):
        return self.send(self.prepared_call(model, method, *args, **kwargs))

    def _post(self, url, params):
        return self.send((url, jsonrpc_body(params)))


def jsonrpc_body(params):
    return json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}).encode()


# --------------------------------------------------------------------------- the data

def asin(number):
    return f"B0BENCH{number:05d}"


@dataclass(frozen=True)
class Shop:
    """What the carts and the floor orders refer to."""

    company_id: int
    currency_id: int
    unit_id: int
    purchaser_id: int
    vendor_id: int
    product_by_asin: dict
    buyer_cookies: list     # one open punchout session per import


# Run by `odoo shell` as superuser, which is how the addon itself creates punchout sessions (no group
# may create them over RPC). Reads PARAMS; prints the Shop's fields as JSON after DATA_MARKER.
DATA_SCRIPT = """
from odoo.fields import Command

company = env.ref("base.main_company")
usd = env.ref("base.USD")
usd.active = True
purchaser = env["res.users"].create({
    "name": "Bench Purchaser", "login": PARAMS["login"], "password": PARAMS["password"],
    "email": "bench.purchaser@example.com", "company_id": company.id, "company_ids": [Command.set(company.ids)],
    "group_ids": [Command.link(env.ref("purchase.group_purchase_user").id)]})
account = env["amazon.business.account"].create({
    "name": "Amazon Business (bench)", "company_id": company.id, "from_identity": "NEO1-BENCH",
    "shared_secret": "bench-secret", "punchout_url": "http://127.0.0.1:9/x", "order_url": "http://127.0.0.1:9/x"})
products = env["product.product"].create([
    {"name": f"Bench item {asin}", "type": "consu", "purchase_ok": True,
     "seller_ids": [Command.create({"partner_id": account.partner_id.id, "product_code": asin, "price": 1.0,
                                    "currency_id": usd.id})]}
    for asin in PARAMS["asins"]])
# Sessions as _start leaves them once Amazon has answered (no punchout is made); one dict each,
# because create() fills in every dict's BuyerCookie.
sessions = env["amazon.punchout.session"].create([
    {"account_id": account.id, "user_id": purchaser.id, "company_id": company.id}
    for _ in range(PARAMS["sessions"])])
env.cr.commit()
print(PARAMS["marker"] + json.dumps({
    "company_id": company.id, "currency_id": usd.id, "unit_id": env.ref("uom.product_uom_unit").id,
    "purchaser_id": purchaser.id, "vendor_id": account.partner_id.id,
    "product_by_asin": dict(zip(PARAMS["asins"], products.ids)), "buyer_cookies": sessions.mapped("buyer_cookie")}))
"""


def create_shop(config, env):
    """A purchaser, a connection, 1,000 products known by their ASIN and the punchout sessions to import into."""
    params = {"login": PURCHASER_LOGIN, "password": PURCHASER_PASSWORD, "marker": DATA_MARKER,
              "asins": [asin(number) for number in range(1, KNOWN_PRODUCTS + 1)],
              "sessions": len(CART_SIZES) * (ROUNDS + 1)}
    script = f"import json\nPARAMS = json.loads({json.dumps(params)!r})\n{DATA_SCRIPT}"
    with open(DATA_LOG, "w") as log:
        result = subprocess.run([str(dev.venv_python()), "-m", "odoo", "shell", "-c", str(config), "-d", DATABASE,
                                 "--log-level=warn"], input=script, stdout=subprocess.PIPE, stderr=log, text=True,
                                env=env)
    printed = [line[len(DATA_MARKER):] for line in result.stdout.splitlines() if line.startswith(DATA_MARKER)]
    if result.returncode or not printed:
        raise BenchError(f"creating the bench data in {DATABASE} failed: see .local/{DATA_LOG.name}")
    return Shop(**json.loads(printed[-1]))


def cart_lines(size):
    return tuple(
        cxml.LineItem(quantity=Decimal(number % 5 + 1), supplier_part_id=asin(number),
                      supplier_part_auxiliary_id=f"BENCH-CART,{number}",
                      unit_price=cxml.Money(Decimal(f"{number % 90 + 1}.99"), "USD"),
                      description=f"Bench item {asin(number)}", unit_of_measure="EA",
                      classifications={"UNSPSC": "44121615"}, extrinsics={"soldBy": "Amazon"}, line_number=number)
        for number in range(1, size + 1))


def cart_form(buyer_cookie, lines):
    """The urlencoded return form, encoded ahead so that the timed POST times the server."""
    total = sum((line.quantity * line.unit_price.amount for line in lines), Decimal(0))
    document = cxml.build(cxml.PunchOutOrderMessage(header=AMAZON_HEADER, buyer_cookie=buyer_cookie,
                                                    total=cxml.Money(total, "USD"), items=lines))
    return urlencode({"cxml-urlencoded": document.decode()})


def floor_order_values(shop, lines):
    """What the import gives purchase.order.create, less its own fields: vendor, currency, line values."""
    return {"partner_id": shop.vendor_id, "currency_id": shop.currency_id, "order_line": [
        (0, 0, {"product_id": shop.product_by_asin[line.supplier_part_id], "name": line.description,
                "product_qty": float(line.quantity), "product_uom_id": shop.unit_id,
                "price_unit": float(line.unit_price.amount)})
        for line in lines]}


# --------------------------------------------------------------------------- the measurements

@dataclass
class Measurement:
    seconds: float
    queries: list        # per request, in the order they were made
    order_id: int


def import_cart(server, purchaser, form):
    """The browser's two requests: the cross-site POST (no Odoo cookie), then the GET that makes the RFQ."""
    mark = server.log_mark()
    started = time.perf_counter()
    posted = loopback_http().post(f"{server.url}/punchout/amazon/return", data=form, allow_redirects=False,
                                  headers={"Content-Type": "application/x-www-form-urlencoded"},
                                  timeout=REQUEST_TIMEOUT)
    if posted.status_code != 303:
        raise BenchError(f"the cart return POST answered {posted.status_code}, not 303: {posted.text[:200]!r}")
    landed = purchaser.http.get(urljoin(server.url, posted.headers["Location"]), allow_redirects=False,
                                timeout=REQUEST_TIMEOUT)
    seconds = time.perf_counter() - started
    rfq = landed.headers.get("Location", "")
    if landed.status_code != 303 or "/odoo/purchase/" not in rfq:
        raise BenchError(f"the cart import GET answered {landed.status_code} to {rfq!r}, not 303 to the RFQ")
    queries = server.query_counts(mark, ["/punchout/amazon/return", "/punchout/amazon/import/"])
    return Measurement(seconds, queries, int(rfq.rstrip("/").rsplit("/", 1)[1]))


def create_floor_order(server, purchaser, prepared_create):
    mark = server.log_mark()
    started = time.perf_counter()
    order_id = purchaser.send(prepared_create)
    seconds = time.perf_counter() - started
    return Measurement(seconds, server.query_counts(mark, ["/web/dataset/call_kw/purchase.order.create"]), order_id)


def check_same_orders(purchaser, size, imported, floor, product_count):
    """The warm-up round's RFQ and floor order hold the same lines, and the cart created no product."""
    line_fields = ["product_id", "product_qty", "product_uom_id", "price_unit"]
    many2ones = {"product_id", "product_uom_id"}
    orders = {}
    for kind, measurement in (("import", imported), ("floor", floor)):
        line_ids = purchaser.call("purchase.order", "read", [measurement.order_id], ["order_line"])[0]["order_line"]
        lines = purchaser.call("purchase.order.line", "read", line_ids, line_fields)
        orders[kind] = sorted(tuple(line[name][0] if name in many2ones else line[name] for name in line_fields)
                              for line in lines)
    if len(orders["import"]) != size or orders["import"] != orders["floor"]:
        raise BenchError(f"the {size}-line RFQ and the floor order differ ({len(orders['import'])} and "
                         f"{len(orders['floor'])} lines)")
    if purchaser.call("product.product", "search_count", []) != product_count:
        raise BenchError("the import created products although every item of the cart is known")


class Series(list):
    """The rounds of one measurement."""

    @property
    def best(self):
        return min(measurement.seconds for measurement in self)

    @property
    def median(self):
        return statistics.median(measurement.seconds for measurement in self)

    @property
    def queries(self):
        """Per request, the median count over the rounds (they hardly ever differ)."""
        return [statistics.median_low(counts) for counts in zip(*(measurement.queries for measurement in self))]


@dataclass
class Figures:
    lines: int
    imports: Series = field(default_factory=Series)
    floors: Series = field(default_factory=Series)


def measure(server, purchaser, shop, buyer_cookies, size):
    lines = cart_lines(size)
    prepared_create = purchaser.prepared_call("purchase.order", "create", floor_order_values(shop, lines))
    product_count = purchaser.call("product.product", "search_count", [])
    figures = Figures(size)
    for round_number in range(ROUNDS + 1):      # round 0 warms the server up and checks the orders
        imported = import_cart(server, purchaser, cart_form(next(buyer_cookies), lines))
        floor = create_floor_order(server, purchaser, prepared_create)
        if round_number == 0:
            check_same_orders(purchaser, size, imported, floor, product_count)
        else:
            figures.imports.append(imported)
            figures.floors.append(floor)
    return figures


# --------------------------------------------------------------------------- the report

def verdict(ok):
    return "ok" if ok else "MISSED"


def print_report(all_figures, setup_seconds, measure_seconds):
    print(f"\nCart import (POST /punchout/amazon/return + GET /punchout/amazon/import/<id>) against its floor "
          f"(purchase.order.create over JSON-RPC), best and (median) of {ROUNDS} rounds; the goal is judged on best:")
    print(f"{'lines':>6} {'import ms':>17} {'floor ms':>17} {'ratio':>12} {'<=' + str(TIME_GOAL) + 'x':>7}"
          f" {'import queries (POST + GET)':>28} {'floor queries':>14}")
    for figures in all_figures:
        imports, floors = figures.imports, figures.floors
        ratio = imports.best / floors.best
        post_queries, get_queries = imports.queries
        print(f"{figures.lines:>6,} {imports.best * 1e3:8.0f} ({imports.median * 1e3:6.0f})"
              f" {floors.best * 1e3:8.0f} ({floors.median * 1e3:6.0f})"
              f" {ratio:5.2f} ({imports.median / floors.median:4.2f}) {verdict(ratio <= TIME_GOAL):>7}"
              f" {post_queries + get_queries:>12,} ({post_queries:>3} + {get_queries:>6,}) {floors.queries[0]:>14,}")
    small, large = all_figures[0], all_figures[-1]
    extra_lines = large.lines - small.lines
    import_growth = (sum(large.imports.queries) - sum(small.imports.queries)) / extra_lines
    floor_growth = (sum(large.floors.queries) - sum(small.floors.queries)) / extra_lines
    print(f"Queries per extra line ({small.lines:,} -> {large.lines:,} lines): import {import_growth:.2f}, "
          f"floor {floor_growth:.2f}: {verdict(import_growth <= floor_growth)} (goal: no more than the floor's)")
    print(f"Time taken: set-up {setup_seconds:.0f} s (database, addon, {KNOWN_PRODUCTS:,} products), "
          f"measurements {measure_seconds:.0f} s")


def fail(error):
    print("[bench] error: " + " ".join(str(error).split()), file=sys.stderr)   # one line, even for Odoo's messages
    return 2


def main():
    started = time.monotonic()
    try:
        _src, env = dev.setup()
        port = free_loopback_port()
        config = dev.write_config("bench", env, db_name=DATABASE, dbfilter=f"^{DATABASE}$", http_port=port)
        dev.drop_database(DATABASE, env)
        install_addon_without_demo(config, env)
        dev.say(f"creating {KNOWN_PRODUCTS:,} products known by ASIN (log: .local/{DATA_LOG.name}) ...")
        shop = create_shop(config, env)
        with OdooServer(config, env, port) as server:
            dev.say(f"measuring on {server.url} ...")
            purchaser = OdooClient(server.url, PURCHASER_LOGIN, PURCHASER_PASSWORD)
            buyer_cookies = iter(shop.buyer_cookies)
            measuring = time.monotonic()
            all_figures = [measure(server, purchaser, shop, buyer_cookies, size) for size in CART_SIZES]
            measured = time.monotonic()
    except (dev.SetupError, BenchError) as error:
        return fail(error)
    except (requests.RequestException, subprocess.CalledProcessError, OSError) as error:
        return fail(f"{error.__class__.__name__}: {error}")
    print_report(all_figures, measuring - started, measured - measuring)
    return 0


if __name__ == "__main__":
    sys.exit(main())
