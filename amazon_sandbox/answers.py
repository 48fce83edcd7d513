"""Amazon's answers to an order: confirmations, ship notices and invoices.

``plan`` writes them; ``deliver`` posts them to the account's buyer_inbound_url
(loopback only: the sandbox never talks to the outside world) and records each
reply. ``schedule`` does both after the configured delay.
"""
import dataclasses
import threading
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import cxml
import requests

from . import documents
from .state import iso

ANSWER_TYPES = ("ConfirmationRequest", "ShipNoticeRequest", "InvoiceDetailRequest")
DELIVERY_TIMEOUT = 10
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
TRANSIT_TIME = timedelta(days=2)


class AnswerOptionError(ValueError):
    """Options that do not fit the order, such as rejecting a line it does not have."""


def numbered_lines(order):
    """The order's lines, numbered by position where the buyer left lineNumber out."""
    return [item if item.line_number is not None else dataclasses.replace(item, line_number=position)
            for position, item in enumerate(order.request.items, start=1)]


def amazon_orders(accepted, split):
    """Accepted lines grouped into Amazon orders: one, or two when ``split`` and possible."""
    if split and len(accepted) > 1:
        middle = (len(accepted) + 1) // 2
        return [accepted[:middle], accepted[middle:]]
    return [accepted] if accepted else []


def plan(state, order, *, reject_lines=None, split=None, types=ANSWER_TYPES):
    """[{"type", "payload_id", "xml"}]: every confirmation first, then ship notices, then invoices.

    As Amazon does, rejected lines get a confirmation of their own, and each Amazon
    order (several when the order is split between merchants) its own documents.
    """
    lines = numbered_lines(order)
    reject = set(order.reject_lines if reject_lines is None else reject_lines)
    unknown = reject - {item.line_number for item in lines}
    if unknown:
        raise AnswerOptionError(f"the order has no line {sorted(unknown)}")
    unknown_types = set(types) - set(ANSWER_TYPES)
    if unknown_types:
        raise AnswerOptionError(f"unknown answer types {sorted(unknown_types)}; use {list(ANSWER_TYPES)}")
    accepted = [item for item in lines if item.line_number not in reject]
    rejected = [item for item in lines if item.line_number in reject]
    groups = amazon_orders(accepted, order.split if split is None else split)
    now = state.now()
    written = {answer_type: [] for answer_type in ANSWER_TYPES}
    for index, group in enumerate(groups):
        number = documents.amazon_order_number(order, index)
        carrier, tracking = _carrier(number, index)
        written["ConfirmationRequest"].append(documents.confirmation(order, number, group, [], now))
        written["ShipNoticeRequest"].append(documents.ship_notice(
            order, f"{number}-1", group, carrier, tracking, now, now + TRANSIT_TIME))
        written["InvoiceDetailRequest"].append(documents.invoice(
            order, f"INV-{number}", group, _shipping(state, group), now))
    if rejected:
        number = documents.amazon_order_number(order, len(groups))
        written["ConfirmationRequest"].append(documents.confirmation(order, number, [], rejected, now))
    return [_describe(xml) for answer_type in ANSWER_TYPES if answer_type in types
            for xml in written[answer_type]]


def _carrier(amazon_order_number, index):
    digits = amazon_order_number.replace("-", "")[3:]
    if index == 0:
        return "Amazon Logistics", f"TBA{digits[:12]}"
    return "UPS", f"1Z999AA1{digits[:10]}"


def _shipping(state, items):
    """Third-party sellers' shipping charges of the cart lines these order lines came from."""
    total = Decimal(0)
    for item in items:
        issued = state.issued_aux_ids.get(item.supplier_part_auxiliary_id)
        if issued is not None:
            total += issued[2].product.shipping
    return total


def _describe(xml):
    document = cxml.parse(xml)
    return {"type": document.document_type, "payload_id": document.payload_id, "xml": xml.decode("utf-8")}


def is_loopback_url(url):
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and parts.hostname in LOOPBACK_HOSTS


def record(state, order, answer, **outcome):
    """Remember an answer on its order, sent or only handed to the admin API's caller."""
    entry = {**answer, "url": order.account.buyer_inbound_url, "delivered": False, "status": None,
             "cxml_status": None, "error": None, **outcome, "at": iso(state.now())}
    with state.lock:
        order.answers.append(entry)
    return entry


def deliver(state, order, answers):
    """Post each answer in turn; record the HTTP status and the buyer's cXML Status code."""
    url = order.account.buyer_inbound_url
    return [record(state, order, answer, **_post(url, answer["xml"])) for answer in answers]


def _post(url, xml):
    if not is_loopback_url(url):
        return {"error": f"not sent: buyer_inbound_url {url!r} is not a loopback http(s) URL"}
    try:
        reply = requests.post(url, data=xml.encode("utf-8"), timeout=DELIVERY_TIMEOUT,
                              headers={"Content-Type": "text/xml; charset=utf-8"})
    except requests.RequestException as error:
        return {"error": f"{type(error).__name__}: {error}"}
    return {"delivered": True, "status": reply.status_code, "cxml_status": _reply_code(reply.content)}


def _reply_code(body):
    try:
        return cxml.parse(body).status.code
    except (cxml.CXMLError, AttributeError):
        return None


def schedule(state, order):
    """Answer by itself after ``state.answer_delay`` seconds; 0 means only on demand."""
    if not state.answer_delay:
        return
    timer = threading.Timer(state.answer_delay, lambda: deliver(state, order, plan(state, order)))
    timer.daemon = True
    state.add_timer(timer)
    timer.start()
