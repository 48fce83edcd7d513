"""The cXML documents the sandbox writes, as ``cxml`` dataclasses, built to bytes by ``cxml.build``."""
import hashlib
from decimal import Decimal

import cxml

from .pricing import cart_totals, cents, line_tax
from .state import iso

AMAZON_DUNS = "128990368"
AMAZON_NETWORK_ID = "Amazon"
USER_AGENT = "Amazon LLC eProcurement Application"
PAYLOAD_DOMAIN = "sandbox.amazon.local"
def money(amount, account):
    return cxml.Money(cents(amount), account.currency)


def serialise(document):
    return cxml.build(document, payload_id=cxml.new_payload_id(PAYLOAD_DOMAIN))


def amazon_header(buyer_identity, shared_secret=None):
    """From/Sender are Amazon (DUNS + NetworkId); the secret only on answers, never on carts."""
    amazon = (cxml.Credential("DUNS", AMAZON_DUNS), cxml.Credential("NetworkId", AMAZON_NETWORK_ID))
    sender = (amazon[0], cxml.Credential("NetworkId", AMAZON_NETWORK_ID, shared_secret))
    return cxml.Header(from_=amazon, to=(cxml.Credential("NetworkId", buyer_identity),),
                       sender=sender, user_agent=USER_AGENT)


def response(code, text, message=""):
    return serialise(cxml.Response(status=cxml.Status(code, text, message)))


def setup_response(start_page_url):
    return serialise(cxml.PunchOutSetupResponse(status=cxml.Status(200, "OK"), start_page_url=start_page_url))


# -- the cart (PunchOutOrderMessage) --------------------------------------------------

def cart_line_item(aux_id, line, account):
    product = line.product
    tax = line_tax(line, account)
    return cxml.LineItem(
        quantity=Decimal(line.quantity),
        supplier_part_id=product.asin,
        supplier_part_auxiliary_id=aux_id,
        unit_price=money(product.price, account),
        description=f"{product.title} ({product.pack})" if product.pack else product.title,
        unit_of_measure=product.uom,
        classifications={"UNSPSC": product.unspsc},
        manufacturer_part_id=product.manufacturer_part_id,
        manufacturer_name=product.manufacturer,
        extrinsics={
            "soldBy": product.seller,
            "fulfilledBy": product.fulfilled_by,
            "category": product.category,
            "subCategory": product.sub_category,
            "itemCondition": "New",
            "qualifiedOffer": "true",
        },
        shipping=money(product.shipping, account),
        tax=money(tax, account),
        tax_details=(cxml.TaxDetail(category="sales", percentage_rate=cents(account.tax_rate * 100),
                                    purpose="subtotalTax", tax_amount=money(tax, account)),),
    )


def cart(session, keyed_lines, operation_allowed):
    """Total is the items only; Shipping and Tax are separate, as in Amazon's carts."""
    account = session.account
    items = tuple(cart_line_item(aux_id, line, account) for aux_id, line in keyed_lines)
    totals = cart_totals([line for _, line in keyed_lines], account)
    return serialise(cxml.PunchOutOrderMessage(
        header=amazon_header(account.identity), buyer_cookie=session.buyer_cookie,
        operation_allowed=operation_allowed, total=money(totals.subtotal, account),
        shipping=money(totals.shipping, account) if items else None,
        tax=money(totals.tax, account) if items else None, items=items))


# -- answers to an order ----------------------------------------------------------------

def amazon_order_number(order, index):
    """Stable ``113-1234567-1234567`` numbers, so that a re-sent answer names the same order."""
    digest = hashlib.sha256(f"{order.id}/{order.order_id}/{index}".encode()).hexdigest()
    digits = str(int(digest, 16))
    return f"113-{digits[:7]}-{digits[7:14]}"


def order_reference(order):
    return cxml.OrderReference(order_id=order.order_id, payload_id=order.payload_id,
                               order_date=order.request.order_date)


def _line_amount(item):
    return item.quantity * item.unit_price.amount


def confirmation(order, confirm_id, accepted, rejected, notice_date):
    account = order.account
    statuses = [(item, "accept") for item in accepted] + [(item, "reject") for item in rejected]
    statuses.sort(key=lambda pair: pair[0].line_number)
    items = tuple(
        cxml.ConfirmationItem(
            line_number=item.line_number, quantity=item.quantity, unit_of_measure=item.unit_of_measure,
            statuses=(cxml.ConfirmationStatus(
                type=status, quantity=item.quantity, unit_of_measure=item.unit_of_measure,
                unit_price=item.unit_price if status == "accept" else None,
                comments=confirm_id if status == "accept" else "Item is no longer available from this seller."),))
        for item, status in statuses)
    total = sum((_line_amount(item) for item in accepted), Decimal(0))
    return serialise(cxml.ConfirmationRequest(
        header=amazon_header(account.identity, account.shared_secret), confirm_id=confirm_id,
        operation="new", type="detail", notice_date=iso(notice_date), order_reference=order_reference(order),
        items=items, total=money(total, account)))


def ship_notice(order, shipment, items, carrier, tracking_number, shipped_at, delivered_at):
    account = order.account
    return serialise(cxml.ShipNoticeRequest(
        header=amazon_header(account.identity, account.shared_secret), shipment_id=shipment,
        operation="new", notice_date=iso(shipped_at), shipment_date=iso(shipped_at),
        delivery_date=iso(delivered_at), shipment_type="actual", carrier=carrier,
        tracking_number=tracking_number,
        portions=(cxml.ShipNoticePortion(order_reference=order_reference(order), items=tuple(
            cxml.ShipNoticeItem(item.line_number, item.quantity, item.unit_of_measure) for item in items)),)))


def invoice(order, invoice_id, items, shipping, invoiced_at):
    account = order.account
    subtotal = sum((_line_amount(item) for item in items), Decimal(0))
    tax = cents(subtotal * account.tax_rate)
    gross = subtotal + tax + shipping
    return serialise(cxml.InvoiceDetailRequest(
        header=amazon_header(account.identity, account.shared_secret), invoice_id=invoice_id,
        purpose="standard", operation="new", invoice_date=iso(invoiced_at),
        order_reference=order_reference(order),
        items=tuple(cxml.InvoiceItem(
            line_number=item.line_number, quantity=item.quantity, unit_of_measure=item.unit_of_measure,
            unit_price=item.unit_price, subtotal=money(_line_amount(item), account), description=item.description,
            supplier_part_id=item.supplier_part_id) for item in items),
        subtotal=money(subtotal, account), tax=money(tax, account), shipping=money(shipping, account),
        gross_amount=money(gross, account), net_amount=money(gross, account), due_amount=money(gross, account)))
