"""``build``: a document dataclass in, DTD-valid UTF-8 cXML bytes out.

Each document is first turned into a plain node dict (``{"@attr": ..., "#text":
..., "Child": node | [node, ...] | "text"}``), then ``render`` writes it with
the child order from ``templates.CHILD_ORDER``. Building never decides order.
"""
import os
import re
import secrets
import time
from datetime import datetime, timezone
from decimal import Decimal

from lxml import etree

from . import documents as d
from .errors import CXMLError
from .reader import XML_LANG
from .templates import CHILD_ORDER, DEFAULT_DTD, DTD_FOR_TYPE, SYSTEM_ID

_ALLOWED_CHILDREN = {tag: frozenset(order) for tag, order in CHILD_ORDER.items()}
_ZONED_TIMESTAMP = re.compile(r".*T.*(Z|[+-]\d\d:?\d\d)")
_EMPTY_MONEY = {"Money": {"@currency": "", "#text": ""}}  # DTD-valid "amount unknown"


def new_payload_id(domain="neo1.local"):
    """A unique payloadID: ``<epoch>.<pid>.<random>@domain``."""
    return f"{int(time.time())}.{os.getpid()}.{secrets.token_hex(8)}@{domain}"


def now_timestamp():
    """The current time, ISO-8601 with its zone."""
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def build(doc, *, payload_id=None, timestamp=None):
    """Serialise ``doc`` to UTF-8 cXML with the 1.2.069 DOCTYPE."""
    body = _BODIES.get(type(doc))
    if body is None:
        raise CXMLError(f"cannot build a {type(doc).__name__}")
    holder, make = body
    stamp = _when(timestamp or doc.timestamp or now_timestamp(), "cXML@timestamp")
    if not _ZONED_TIMESTAMP.fullmatch(stamp):
        raise CXMLError(f"cXML@timestamp {stamp!r} is not ISO-8601 with a time zone")
    node = {
        "@payloadID": payload_id or doc.payload_id or new_payload_id(),
        "@timestamp": stamp,
        "@xml:lang": "en-US",
    }
    if holder == "Response":
        node["Response"] = make(doc)
    else:
        node["Header"] = _header(doc.header)
        node[holder] = {"@deploymentMode": doc.deployment_mode, doc.document_type: make(doc)}
    return serialise(node, DTD_FOR_TYPE.get(doc.document_type, DEFAULT_DTD))


def serialise(node, dtd_name=DEFAULT_DTD):
    """Render a ``cXML`` node dict to bytes with declaration and DOCTYPE."""
    root = etree.Element("cXML")
    try:
        _fill(root, "cXML", node)
        body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    except (TypeError, ValueError) as exc:  # e.g. a control character in a value
        raise CXMLError(f"cannot serialise cXML: {exc}") from None
    prolog = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE cXML SYSTEM "{SYSTEM_ID.format(dtd_name)}">\n'
    )
    return prolog.encode("ascii") + body


def _render(parent, tag, value):
    if value is None:
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            _render(parent, tag, item)
        return
    el = etree.SubElement(parent, tag)
    if isinstance(value, str):
        el.text = value
    else:
        _fill(el, tag, value)


def _fill(el, tag, node):
    allowed = _ALLOWED_CHILDREN.get(tag, frozenset())
    for key, value in node.items():
        if key[0] == "@":
            if value is not None:
                el.set(XML_LANG if key == "@xml:lang" else key[1:], value)
        elif key == "#text":
            el.text = value
        elif key not in allowed:
            raise CXMLError(f"the {tag} template has no child {key}")
    for child in CHILD_ORDER.get(tag, ()):
        value = node.get(child)
        if value is not None:
            _render(el, child, value)


# --- values -----------------------------------------------------------------

def _amount(value):
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise CXMLError(f"amount {value!r} must be a Decimal, not {type(value).__name__}")
    value = Decimal(value)
    if not value.is_finite():
        raise CXMLError(f"amount {value!r} is not finite")
    return format(value, "f")


def _when(value, where):
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise CXMLError(f"{where} {value.isoformat()} has no time zone")
        return value.isoformat(timespec="seconds")
    return value


def _optional_str(value):
    return None if value is None else str(value)


def _lang_text(text, lang="en"):
    return {"@xml:lang": lang, "#text": text}


def _money(money, required=False):
    if money is None:
        return _EMPTY_MONEY if required else None
    return {"Money": {"@currency": money.currency, "#text": _amount(money.amount)}}


def _shipping(money):
    if money is None:
        return None
    return {**_money(money), "Description": _lang_text("")}


def _tax(money, details=()):
    if money is None and not details:
        return None
    return {
        **_money(money, required=True),
        "Description": _lang_text(""),
        "TaxDetail": [_tax_detail(detail) for detail in details],
    }


def _tax_detail(detail):
    return {
        "@category": detail.category,
        "@percentageRate": _amount(detail.percentage_rate) if detail.percentage_rate is not None else None,
        "@purpose": detail.purpose,
        "TaxableAmount": _money(detail.taxable_amount),
        "TaxAmount": _money(detail.tax_amount, required=True),
        "Description": _lang_text(detail.description) if detail.description else None,
    }


def _extrinsics(values):
    return [{"@name": name, "#text": text} for name, text in values.items()]


def _credential(credential):
    # Stray whitespace in a credential makes Amazon refuse it (OCA's padded template).
    secret = credential.shared_secret
    return {
        "@domain": credential.domain.strip(),
        "Identity": credential.identity.strip(),
        "SharedSecret": secret.strip() if secret is not None else None,
    }


def _header(header):
    return {
        "From": {"Credential": [_credential(c) for c in header.from_]},
        "To": {"Credential": [_credential(c) for c in header.to]},
        "Sender": {"Credential": [_credential(c) for c in header.sender], "UserAgent": header.user_agent},
    }


def _contact(contact):
    return {"@role": contact.role, "Name": _lang_text(contact.name), "Email": contact.email}


def _address(address):
    if address is None:
        return None
    postal = {
        "DeliverTo": list(address.deliver_to),
        "Street": list(address.street) or [""],  # the DTD needs at least one Street
        "City": address.city,
        "State": address.state or None,
        "PostalCode": address.postal_code or None,
        "Country": {"@isoCountryCode": address.country_code, "#text": address.country_code},
    }
    return {"Address": {
        "@addressID": address.address_id,
        "Name": _lang_text(address.name),
        "PostalAddress": postal,
        "Email": address.email,
        "Phone": _phone(address.phone, address.country_code),
    }}


def _phone(number, country_code):
    if not number:
        return None
    return {"TelephoneNumber": {
        "CountryCode": {"@isoCountryCode": country_code, "#text": ""},
        "AreaOrCityCode": "",
        "Number": number,
    }}


def _order_reference(reference):
    return {
        "@orderID": reference.order_id,
        "@orderDate": _when(reference.order_date, "OrderReference@orderDate"),
        "DocumentReference": {"@payloadID": reference.payload_id or ""},
    }


def _status(status):
    return {"@code": str(status.code), "@text": status.text, "#text": status.message or None}


def _line_item(item, line_number=None):
    classifications = [{"@domain": domain, "#text": code} for domain, code in item.classifications.items()]
    # ItemDetail needs a Classification; an empty UNSPSC one says "unknown".
    description = _lang_text(item.description, item.description_lang)
    description["ShortName"] = item.short_name
    number = item.line_number if item.line_number is not None else line_number
    return {
        "@quantity": _amount(item.quantity),
        "@lineNumber": _optional_str(number),
        "ItemID": {
            "SupplierPartID": item.supplier_part_id,
            "SupplierPartAuxiliaryID": item.supplier_part_auxiliary_id,  # byte for byte
        },
        "ItemDetail": {
            "UnitPrice": _money(item.unit_price, required=True),
            "Description": description,
            "UnitOfMeasure": item.unit_of_measure,
            "Classification": classifications or [{"@domain": "UNSPSC", "#text": ""}],
            "ManufacturerPartID": item.manufacturer_part_id,
            "ManufacturerName": item.manufacturer_name,
            "Extrinsic": _extrinsics(item.extrinsics),
        },
        "Shipping": _shipping(item.shipping),
        "Tax": _tax(item.tax, item.tax_details),
    }


# --- documents --------------------------------------------------------------

def _punch_out_setup_request(doc):
    if doc.operation not in ("create", "edit", "inspect"):
        raise CXMLError(f"PunchOutSetupRequest@operation {doc.operation!r} is not create, edit or inspect")
    form_post = doc.browser_form_post_url
    return {
        "@operation": doc.operation,
        "BuyerCookie": doc.buyer_cookie,
        "Extrinsic": _extrinsics(doc.extrinsics),
        "BrowserFormPost": {"URL": form_post} if form_post is not None else None,
        "Contact": [_contact(c) for c in doc.contacts],
        "ShipTo": _address(doc.ship_to),
        "ItemOut": [_line_item(item, n) for n, item in enumerate(doc.items_out, 1)],
    }


def _punch_out_setup_response(doc):
    url = doc.start_page_url
    return {
        "Status": _status(doc.status),
        "PunchOutSetupResponse": {"StartPage": {"URL": url}} if url is not None else None,
    }


def _response(doc):
    return {"Status": _status(doc.status)}


def _punch_out_order_message(doc):
    return {
        "BuyerCookie": doc.buyer_cookie,
        "PunchOutOrderMessageHeader": {
            "@operationAllowed": doc.operation_allowed,
            "Total": _money(doc.total, required=True),
            "Shipping": _shipping(doc.shipping),
            "Tax": _tax(doc.tax),
        },
        "ItemIn": [_line_item(item) for item in doc.items],
    }


def _order_request(doc):
    if doc.type != "new":
        raise CXMLError(f"OrderRequestHeader@type {doc.type!r} is refused: Amazon accepts only 'new'")
    if doc.ship_to is None:
        raise CXMLError("OrderRequestHeader/ShipTo is missing: Amazon rejects an order without it")
    if not doc.items:
        raise CXMLError("OrderRequest/ItemOut is missing: an order needs at least one line")
    return {
        "OrderRequestHeader": {
            "@orderID": doc.order_id,
            "@orderDate": _when(doc.order_date, "OrderRequestHeader@orderDate"),
            "@type": "new",
            "@orderType": doc.order_type,
            "Total": _money(doc.total, required=True),
            "ShipTo": _address(doc.ship_to),
            "BillTo": _address(doc.bill_to),
            "Shipping": _shipping(doc.shipping),
            "Tax": _tax(doc.tax),
            "Contact": [_contact(c) for c in doc.contacts],
            "Comments": doc.comments,
            "Extrinsic": _extrinsics(doc.extrinsics),
        },
        "ItemOut": [_line_item(item, n) for n, item in enumerate(doc.items, 1)],
    }


def _status_update_request(doc):
    return {
        "DocumentReference": {"@payloadID": doc.document_payload_id},
        "Status": _status(doc.status),
    }


def _confirmation_request(doc):
    return {
        "ConfirmationHeader": {
            "@confirmID": doc.confirm_id,
            "@operation": doc.operation,
            "@type": doc.type,
            "@noticeDate": _when(doc.notice_date, "ConfirmationHeader@noticeDate"),
            "Total": _money(doc.total),
            "Shipping": _shipping(doc.shipping),
            "Tax": _tax(doc.tax),
            "Comments": doc.comments,
        },
        "OrderReference": _order_reference(doc.order_reference),
        "ConfirmationItem": [
            {
                "@quantity": _amount(item.quantity),
                "@lineNumber": str(item.line_number),
                "UnitOfMeasure": item.unit_of_measure,
                "ConfirmationStatus": [
                    {
                        "@quantity": _amount(status.quantity),
                        "@type": status.type,
                        "@shipmentDate": status.shipment_date,
                        "@deliveryDate": status.delivery_date,
                        "UnitOfMeasure": status.unit_of_measure,
                        "UnitPrice": _money(status.unit_price),
                        "Comments": status.comments,
                    }
                    for status in item.statuses
                ],
            }
            for item in doc.items
        ],
    }


def _ship_notice_request(doc):
    has_control = doc.carrier is not None or doc.tracking_number is not None
    return {
        "ShipNoticeHeader": {
            "@shipmentID": doc.shipment_id,
            "@operation": doc.operation,
            "@noticeDate": _when(doc.notice_date, "ShipNoticeHeader@noticeDate"),
            "@shipmentDate": _when(doc.shipment_date, "ShipNoticeHeader@shipmentDate"),
            "@deliveryDate": _when(doc.delivery_date, "ShipNoticeHeader@deliveryDate"),
            "@shipmentType": doc.shipment_type,
        },
        "ShipControl": {
            "CarrierIdentifier": {"@domain": "companyName", "#text": doc.carrier or ""},
            "ShipmentIdentifier": doc.tracking_number or "",
        } if has_control else None,
        "ShipNoticePortion": [
            {
                "OrderReference": _order_reference(portion.order_reference),
                "ShipNoticeItem": [
                    {"@quantity": _amount(item.quantity), "@lineNumber": str(item.line_number),
                     "UnitOfMeasure": item.unit_of_measure}
                    for item in portion.items
                ],
            }
            for portion in doc.portions
        ],
    }


def _invoice_detail_request(doc):
    return {
        "InvoiceDetailRequestHeader": {
            "@invoiceID": doc.invoice_id,
            "@purpose": doc.purpose,
            "@operation": doc.operation,
            "@invoiceDate": _when(doc.invoice_date, "InvoiceDetailRequestHeader@invoiceDate"),
            "InvoiceDetailHeaderIndicator": {},
            "InvoiceDetailLineIndicator": {},
        },
        "InvoiceDetailOrder": [_invoice_order(order, n) for n, order in enumerate(_invoice_orders(doc), 1)],
        "InvoiceDetailSummary": {
            "SubtotalAmount": _money(doc.subtotal, required=True),
            "Tax": _tax(doc.tax) or {**_EMPTY_MONEY, "Description": _lang_text("")},
            "ShippingAmount": _money(doc.shipping),
            "GrossAmount": _money(doc.gross_amount),
            "NetAmount": _money(doc.net_amount, required=True),
            "DueAmount": _money(doc.due_amount),
        },
    }


def _invoice_orders(doc):
    """``doc.orders``, or the one order that ``order_reference`` and ``items`` describe.

    When ``orders`` is given, ``order_reference`` and ``items`` must say the same
    as it does (the first order's reference; every order's lines, in order),
    as they do in a parsed invoice: otherwise they would be silently ignored.
    """
    if not doc.orders:
        return (d.InvoiceOrder(doc.order_reference, doc.items),)
    if doc.order_reference != doc.orders[0].order_reference:
        raise CXMLError("InvoiceDetailRequest.order_reference differs from the first entry of orders")
    if doc.items != tuple(item for order in doc.orders for item in order.items):
        raise CXMLError("InvoiceDetailRequest.items are not the items of its orders, in order")
    return doc.orders


def _invoice_order(order, position):
    if not order.items:  # InvoiceDetail.dtd: (InvoiceDetailItem | InvoiceDetailServiceItem)+
        raise CXMLError(f"InvoiceDetailRequest/InvoiceDetailOrder[{position}] has no InvoiceDetailItem")
    return {
        "InvoiceDetailOrderInfo": {"OrderReference": _order_reference(order.order_reference)},
        "InvoiceDetailItem": [_invoice_item(item) for item in order.items],
    }


def _invoice_item(item):
    return {
        "@invoiceLineNumber": str(item.line_number),
        "@quantity": _amount(item.quantity),
        "UnitOfMeasure": item.unit_of_measure,
        "UnitPrice": _money(item.unit_price, required=True),
        "InvoiceDetailItemReference": {
            "@lineNumber": str(item.line_number),
            "ItemID": {"SupplierPartID": item.supplier_part_id} if item.supplier_part_id else None,
            "Description": _lang_text(item.description) if item.description else None,
        },
        "SubtotalAmount": _money(item.subtotal),
    }


_BODIES = {
    d.PunchOutSetupRequest: ("Request", _punch_out_setup_request),
    d.PunchOutSetupResponse: ("Response", _punch_out_setup_response),
    d.Response: ("Response", _response),
    d.PunchOutOrderMessage: ("Message", _punch_out_order_message),
    d.OrderRequest: ("Request", _order_request),
    d.StatusUpdateRequest: ("Request", _status_update_request),
    d.ConfirmationRequest: ("Request", _confirmation_request),
    d.ShipNoticeRequest: ("Request", _ship_notice_request),
    d.InvoiceDetailRequest: ("Request", _invoice_detail_request),
}
