"""JSON views of the state for the admin API, and parsing of its requests."""
from .state import FAULT_ENDPOINTS, FAULT_KINDS, Fault, iso


class AdminRequestError(ValueError):
    """A malformed admin request; answered 400 with the message."""


def session_json(session):
    return {
        "id": session.id, "identity": session.account.identity, "payload_id": session.payload_id,
        "buyer_cookie": session.buyer_cookie, "browser_form_post_url": session.browser_form_post_url,
        "email": session.email, "business_unit": session.business_unit,
        "requested_business_unit": session.requested_business_unit, "operation": session.operation,
        "cart_id": session.cart_id, "status": session.status, "received_at": iso(session.received_at),
        "lines": [{"asin": line.product.asin, "quantity": line.quantity} for line in session.lines],
        "raw": session.raw, "returns": session.returns,
    }


def order_json(order, attempts):
    request = order.request
    return {
        "id": order.id, "identity": order.account.identity, "order_id": order.order_id,
        "payload_id": order.payload_id, "received_at": iso(order.received_at),
        "total": {"amount": str(request.total.amount), "currency": request.total.currency},
        "lines": [{"line_number": item.line_number, "asin": item.supplier_part_id,
                   "aux_id": item.supplier_part_auxiliary_id, "quantity": str(item.quantity),
                   "unit_price": str(item.unit_price.amount)} for item in request.items],
        "reject_lines": list(order.reject_lines), "split": order.split, "raw": order.raw,
        "attempts": [attempt for attempt in attempts if attempt.get("order") == order.id],
        "answers": order.answers,
    }


def fault_json(fault):
    return {"endpoint": fault.endpoint, "kind": fault.kind, "remaining": fault.remaining,
            "seconds": fault.seconds, "text": fault.text}


def _count(body):
    count = body.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise AdminRequestError("count must be a positive integer")
    return count


def line_numbers(value, name="reject_lines"):
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(n, int) and not isinstance(n, bool) for n in value):
        raise AdminRequestError(f"{name} must be a list of line numbers")
    return tuple(value)


def json_object(body):
    if not isinstance(body, dict):
        raise AdminRequestError("expected a JSON object")
    return body


def parse_next_order_options(body):
    """``{"kind": "reject_lines", "lines": [2], "split": true, "count": 1}`` -> (count, options)."""
    options = {"reject_lines": line_numbers(body.get("lines", body.get("reject_lines")), "lines") or ()}
    if "split" in body:
        options["split"] = bool(body["split"])
    return _count(body), options


def parse_fault(body):
    kind = body.get("kind")
    if kind not in FAULT_KINDS:
        raise AdminRequestError(f"kind must be one of {list(FAULT_KINDS) + ['reject_lines']}")
    endpoint = body.get("endpoint")
    if endpoint not in FAULT_ENDPOINTS:
        raise AdminRequestError(f"endpoint must be one of {list(FAULT_ENDPOINTS)}")
    seconds = body.get("seconds", 0)
    if not isinstance(seconds, (int, float)) or seconds < 0 or (kind == "delay" and not seconds):
        raise AdminRequestError("seconds must be a positive number (required for delay)")
    return Fault(endpoint=endpoint, kind=kind, remaining=_count(body), seconds=float(seconds),
                 text=str(body.get("text") or ""))
