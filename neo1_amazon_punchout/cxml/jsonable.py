"""``to_jsonable``: a document as plain JSON-able data (Decimals as strings)."""
import dataclasses
from decimal import Decimal

from .documents import Credential, Document, LineItem, Money
from .redact import MASK


def to_jsonable(doc):
    """A dict with ``type`` first, snake_case keys and every secret masked.

    ``type`` names the document; the ``type`` field of OrderRequest and
    ConfirmationRequest (their header's type attribute) becomes ``header_type``.
    """
    values = _fields(doc)
    if "type" in values:
        values["header_type"] = values.pop("type")
    return {"type": doc.document_type, **values}


def _fields(obj):
    return {field.name.rstrip("_"): _value(getattr(obj, field.name)) for field in dataclasses.fields(obj)}


def _value(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Money):
        return {"amount": _value(value.amount), "currency": value.currency}
    if isinstance(value, LineItem):
        return _line_item(value)
    if isinstance(value, Credential):
        secret = None if value.shared_secret is None else MASK
        return {"domain": value.domain, "identity": value.identity, "shared_secret": secret}
    if isinstance(value, Document):
        return to_jsonable(value)
    if dataclasses.is_dataclass(value):
        return _fields(value)
    if isinstance(value, (tuple, list)):
        return [_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _value(item) for key, item in value.items()}
    return value


def _line_item(item):
    # The cart shape of issue 3: unit price flat, with its currency beside it.
    values = _fields(item)
    values["unit_price"] = _value(item.unit_price.amount)
    values["currency"] = item.unit_price.currency
    return values
