"""Typed cXML documents: frozen dataclasses, ``Decimal`` for every amount.

``parse`` returns these classes and ``build`` serialises them, so a document
survives ``parse(build(doc)) == doc`` (payload_id/timestamp aside).
"""
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class Credential:
    domain: str
    identity: str
    shared_secret: str | None = None


@dataclass(frozen=True)
class Header:
    from_: tuple[Credential, ...]
    to: tuple[Credential, ...]
    sender: tuple[Credential, ...]
    user_agent: str = ""


@dataclass(frozen=True)
class Status:
    code: int
    text: str = ""
    message: str = ""


@dataclass(frozen=True)
class Contact:
    name: str
    email: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Address:
    name: str
    street: tuple[str, ...] = ()
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country_code: str = ""
    deliver_to: tuple[str, ...] = ()
    email: str | None = None
    phone: str | None = None
    address_id: str | None = None


@dataclass(frozen=True)
class TaxDetail:
    category: str
    percentage_rate: Decimal | None = None
    purpose: str | None = None
    tax_amount: Money | None = None
    taxable_amount: Money | None = None
    description: str = ""


@dataclass(frozen=True)
class LineItem:
    """An ItemIn (cart line) or an ItemOut (order line, edit punchout)."""

    quantity: Decimal
    supplier_part_id: str
    supplier_part_auxiliary_id: str | None
    unit_price: Money
    description: str
    unit_of_measure: str
    classifications: dict[str, str] = field(default_factory=dict)
    manufacturer_part_id: str | None = None
    manufacturer_name: str | None = None
    extrinsics: dict[str, str] = field(default_factory=dict)
    shipping: Money | None = None
    tax: Money | None = None
    tax_details: tuple[TaxDetail, ...] = ()
    line_number: int | None = None
    # Added to the agreed contract (all defaulted):
    short_name: str | None = None
    description_lang: str = "en"


@dataclass(frozen=True)
class OrderReference:
    order_id: str
    payload_id: str | None = None
    order_date: str | None = None


DocumentReference = OrderReference


@dataclass(frozen=True, kw_only=True)
class Document:
    """Fields every cXML document carries on its root element.

    ``document_type`` names the cXML document on every class. ``type`` does too,
    except on OrderRequest and ConfirmationRequest where the agreed contract
    made ``type`` a field (the header's type attribute).
    """

    document_type = "cXML"
    payload_id: str | None = None
    timestamp: str | None = None
    deployment_mode: str | None = None


@dataclass(frozen=True)
class PunchOutSetupRequest(Document):
    document_type = type = "PunchOutSetupRequest"
    header: Header
    buyer_cookie: str
    browser_form_post_url: str | None
    operation: str = "create"
    extrinsics: dict[str, str] = field(default_factory=dict)
    contacts: tuple[Contact, ...] = ()
    ship_to: Address | None = None
    items_out: tuple[LineItem, ...] = ()


@dataclass(frozen=True)
class PunchOutSetupResponse(Document):
    document_type = type = "PunchOutSetupResponse"
    status: Status
    start_page_url: str | None = None


@dataclass(frozen=True)
class Response(Document):
    document_type = type = "Response"
    status: Status


@dataclass(frozen=True)
class PunchOutOrderMessage(Document):
    document_type = type = "PunchOutOrderMessage"
    header: Header
    buyer_cookie: str
    operation_allowed: str = "create"
    total: Money | None = None
    shipping: Money | None = None
    tax: Money | None = None
    items: tuple[LineItem, ...] = ()


@dataclass(frozen=True)
class OrderRequest(Document):
    document_type = "OrderRequest"
    header: Header
    order_id: str
    order_date: str
    total: Money
    ship_to: Address | None
    bill_to: Address
    items: tuple[LineItem, ...]
    type: str = "new"  # OrderRequestHeader@type; only "new" is ever built
    order_type: str = "regular"
    shipping: Money | None = None
    tax: Money | None = None
    contacts: tuple[Contact, ...] = ()
    comments: str | None = None
    extrinsics: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ConfirmationStatus:
    type: str  # accept | reject | detail | backordered | allDetail | unknown | requestToPay
    quantity: Decimal
    unit_of_measure: str
    unit_price: Money | None = None
    comments: str | None = None
    shipment_date: str | None = None
    delivery_date: str | None = None


@dataclass(frozen=True)
class ConfirmationItem:
    line_number: int
    quantity: Decimal
    unit_of_measure: str
    statuses: tuple[ConfirmationStatus, ...]


@dataclass(frozen=True)
class ConfirmationRequest(Document):
    document_type = "ConfirmationRequest"
    header: Header
    confirm_id: str
    operation: str
    type: str  # ConfirmationHeader@type: accept | reject | detail | ...
    notice_date: str
    order_reference: OrderReference
    items: tuple[ConfirmationItem, ...]
    total: Money | None = None
    shipping: Money | None = None
    tax: Money | None = None
    comments: str | None = None


@dataclass(frozen=True)
class ShipNoticeItem:
    line_number: int
    quantity: Decimal
    unit_of_measure: str


@dataclass(frozen=True)
class ShipNoticePortion:
    order_reference: OrderReference
    items: tuple[ShipNoticeItem, ...]


@dataclass(frozen=True)
class ShipNoticeRequest(Document):
    document_type = type = "ShipNoticeRequest"
    header: Header
    shipment_id: str
    operation: str
    notice_date: str
    shipment_date: str | None
    delivery_date: str | None
    shipment_type: str | None
    carrier: str | None
    tracking_number: str | None
    portions: tuple[ShipNoticePortion, ...]


@dataclass(frozen=True)
class InvoiceItem:
    line_number: int
    quantity: Decimal
    unit_of_measure: str
    unit_price: Money
    subtotal: Money | None
    description: str = ""
    supplier_part_id: str | None = None


@dataclass(frozen=True)
class InvoiceOrder:
    """One InvoiceDetailOrder: the order it invoices and that order's own lines."""

    order_reference: OrderReference
    items: tuple[InvoiceItem, ...]


@dataclass(frozen=True)
class InvoiceDetailRequest(Document):
    """An invoice; ``orders`` holds one entry per InvoiceDetailOrder.

    ``order_reference`` (the first order's) and ``items`` (every order's lines)
    predate ``orders`` and stay filled by ``parse``. ``build`` writes ``orders``
    when given, else one InvoiceDetailOrder from ``order_reference`` and ``items``.
    """

    document_type = type = "InvoiceDetailRequest"
    header: Header
    invoice_id: str
    purpose: str
    operation: str
    invoice_date: str
    order_reference: OrderReference
    items: tuple[InvoiceItem, ...]
    subtotal: Money | None
    tax: Money | None
    shipping: Money | None
    gross_amount: Money | None
    net_amount: Money | None
    due_amount: Money | None
    orders: tuple[InvoiceOrder, ...] = ()


@dataclass(frozen=True)
class StatusUpdateRequest(Document):
    document_type = type = "StatusUpdateRequest"
    header: Header
    document_payload_id: str
    status: Status


DOCUMENT_CLASSES = (
    PunchOutSetupRequest, PunchOutSetupResponse, Response, PunchOutOrderMessage, OrderRequest,
    ConfirmationRequest, ShipNoticeRequest, InvoiceDetailRequest, StatusUpdateRequest,
)
