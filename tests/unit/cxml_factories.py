"""Documents of every type, built from dataclasses, for round trips and benchmarks."""
import dataclasses
from decimal import Decimal

import cxml

BUYER = cxml.Header(
    from_=(cxml.Credential("NetworkId", "neo1-buyer"),),
    to=(cxml.Credential("NetworkId", "Amazon"),),
    sender=(cxml.Credential("NetworkId", "neo1-buyer", "s3cret-value"),),
    user_agent="Neo1 Odoo punchout 19.0",
)
AMAZON = cxml.Header(
    from_=(cxml.Credential("DUNS", "128990368"), cxml.Credential("NetworkId", "Amazon")),
    to=(cxml.Credential("NetworkId", "neo1-buyer"),),
    sender=(cxml.Credential("NetworkId", "Amazon", "amazon-secret"),),
    user_agent="Amazon LLC eProcurement Application",
)
ADDRESS = cxml.Address(
    name="Neo1 GmbH", street=("Hauptstr. 1", "Hof 2"), city="Berlin", state="BE", postal_code="10115",
    country_code="DE", deliver_to=("Anna Buyer",), email="anna@neo1.example", phone="+49 30 1234",
    address_id="WH-1",
)


def usd(amount):
    return cxml.Money(Decimal(amount), "USD")


def line(n, **overrides):
    values = dict(
        quantity=Decimal(n % 7 + 1), supplier_part_id=f"B0{n:08d}",
        supplier_part_auxiliary_id=f"111-2223334-5556667,{n} ", unit_price=usd(f"{n}.99"),
        description=f"Item number {n}", unit_of_measure="EA", classifications={"UNSPSC": "44121615"},
        manufacturer_part_id=f"MPN-{n}", manufacturer_name="Neo1 Maker",
        extrinsics={"soldBy": "Amazon", "fulfilledBy": "Amazon"},
        shipping=usd("0.00"), tax=usd("0.50"),
        tax_details=(cxml.TaxDetail("vat", Decimal("19.00"), "subtotalTax", usd("0.50"), usd(f"{n}.99")),),
    )
    values.update(overrides)
    return cxml.LineItem(**values)


def cart(lines=3):
    items = tuple(line(n) for n in range(1, lines + 1))
    total = sum((item.unit_price.amount * item.quantity for item in items), Decimal(0))
    return cxml.PunchOutOrderMessage(
        header=AMAZON, buyer_cookie="neo1-session-1", operation_allowed="create",
        total=usd(total), shipping=usd("5.99"), tax=usd("1.50"), items=items)


def setup_request(operation="create"):
    return cxml.PunchOutSetupRequest(
        header=BUYER, buyer_cookie="neo1-7-9f1c", browser_form_post_url="https://odoo.example/punchout/amazon/return",
        operation=operation,
        extrinsics={"UserEmail": "anna@neo1.example", "UniqueName": "anna", "UserBusinessUnit": "Purchasing"},
        contacts=(cxml.Contact("Anna Buyer", "anna@neo1.example", "endUser"),),
        ship_to=ADDRESS,
        items_out=(line(1, line_number=1),) if operation in ("edit", "inspect") else (),
        deployment_mode="test",
    )


def order_request(lines=2):
    items = tuple(line(n, line_number=n) for n in range(1, lines + 1))
    return cxml.OrderRequest(
        header=BUYER, order_id="P00042", order_date="2024-12-04T10:00:00+01:00", total=usd("99.00"),
        ship_to=ADDRESS, bill_to=ADDRESS, items=items, shipping=usd("5.99"), tax=usd("3.00"),
        contacts=(cxml.Contact("Anna Buyer", "anna@neo1.example", "purchasingAgent"),),
        comments="Deliver to gate 2", extrinsics={"email": "anna@neo1.example"}, deployment_mode="production",
    )


def all_documents():
    """One fully populated document of every buildable type."""
    reference = ORDER_REFERENCE
    return [
        setup_request("create"),
        setup_request("edit"),
        setup_request("inspect"),
        dataclasses.replace(setup_request("create"), ship_to=None, contacts=(), extrinsics={"UserEmail": "a@b.c"}),
        cxml.PunchOutSetupResponse(status=cxml.Status(200, "OK"), start_page_url="https://127.0.0.1/start?s=1"),
        cxml.Response(status=cxml.Status(400, "Bad Request", "ItemOut[2] has no SupplierPartID")),
        cart(3),
        order_request(2),
        dataclasses.replace(order_request(1), shipping=None, tax=None, contacts=(), comments=None, extrinsics={}),
        cxml.StatusUpdateRequest(header=AMAZON, document_payload_id="1733300000.1.abc@neo1.local",
                                 status=cxml.Status(200, "OK", "Forwarded")),
        cxml.ConfirmationRequest(
            header=AMAZON, confirm_id="105-5528563-5618617", operation="new", type="detail",
            notice_date="2024-12-05T09:00:00+00:00", order_reference=reference,
            items=(
                cxml.ConfirmationItem(1, Decimal(2), "EA", (cxml.ConfirmationStatus(
                    "accept", Decimal(2), "EA", usd("9.99"), "confirmed", "2024-12-06T00:00:00+00:00"),)),
                cxml.ConfirmationItem(2, Decimal(1), "EA", (cxml.ConfirmationStatus("reject", Decimal(1), "EA"),)),
            ),
            total=usd("19.98"), shipping=usd("0.00"), tax=usd("1.20"), comments="Two merchants"),
        cxml.ShipNoticeRequest(
            header=AMAZON, shipment_id="S-1", operation="new", notice_date="2024-12-06T08:00:00+00:00",
            shipment_date="2024-12-06T07:00:00+00:00", delivery_date="2024-12-08T12:00:00+00:00",
            shipment_type="actual", carrier="UPS", tracking_number="1Z999",
            portions=(cxml.ShipNoticePortion(reference, (cxml.ShipNoticeItem(1, Decimal(2), "EA"),
                                                         cxml.ShipNoticeItem(2, Decimal(1), "EA"))),)),
        with_orders_filled(single_order_invoice()),
        invoice_for_orders(invoice_order(reference, 1, 2), invoice_order(SECOND_ORDER, 1)),
    ]


ORDER_REFERENCE = cxml.OrderReference("P00042", "1733300000.1.abc@neo1.local", "2024-12-04T10:00:00+01:00")
SECOND_ORDER = cxml.OrderReference("P00043", "1733300000.2.def@neo1.local", "2024-12-05T11:00:00+01:00")


def invoice_item(line_number):
    price = usd(f"{line_number}.99")
    return cxml.InvoiceItem(line_number, Decimal(2), "EA", price, cxml.Money(price.amount * 2, "USD"),
                            f"Stapler {line_number}", f"B0000000{line_number}")


def invoice_order(reference, *line_numbers):
    return cxml.InvoiceOrder(reference, tuple(invoice_item(n) for n in line_numbers))


def single_order_invoice(**overrides):
    """A one-order invoice as callers wrote it before ``orders`` existed (``orders`` left empty)."""
    values = dict(
        header=AMAZON, invoice_id="INV-1", purpose="standard", operation="new",
        invoice_date="2024-12-09T08:00:00+00:00", order_reference=ORDER_REFERENCE,
        items=(cxml.InvoiceItem(1, Decimal(2), "EA", usd("9.99"), usd("19.98"), "Stapler", "B00000001"),),
        subtotal=usd("19.98"), tax=usd("1.20"), shipping=usd("0.00"), gross_amount=usd("21.18"),
        net_amount=usd("21.18"), due_amount=usd("21.18"))
    values.update(overrides)
    return cxml.InvoiceDetailRequest(**values)


def with_orders_filled(invoice):
    """A one-order invoice with ``orders`` filled from its reference and items, as ``parse`` returns it."""
    return dataclasses.replace(invoice, orders=(cxml.InvoiceOrder(invoice.order_reference, invoice.items),))


def invoice_for_orders(*orders):
    """An invoice over several orders, its compatibility fields filled as ``parse`` fills them."""
    return single_order_invoice(
        invoice_id="INV-2", order_reference=orders[0].order_reference,
        items=tuple(item for order in orders for item in order.items), orders=orders)
