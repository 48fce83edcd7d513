"""``parse``: bytes in, a typed document out, or ``CXMLError``."""
from . import documents as d
from .errors import CXMLError
from .reader import MAX_SIZE, XML_LANG, Node, load


def parse(data, *, max_size=MAX_SIZE):
    """Parse a cXML document into one of the ``documents`` dataclasses."""
    root = load(data, max_size=max_size)
    if not isinstance(root.tag, str) or root.tag.lower() != "cxml":
        raise CXMLError(f"root element is {root.tag!r}, not cXML")
    cxml = Node(root, name="cXML")
    common = {
        "payload_id": cxml.attr("payloadID"),
        "timestamp": cxml.attr("timestamp"),
    }
    for envelope in ("Request", "Message", "Response"):
        holder = cxml.child(envelope)
        if holder is not None:
            break
    else:
        raise CXMLError("cXML has no Request, Message or Response")
    common["deployment_mode"] = holder.attr("deploymentMode")
    if envelope == "Response":
        return _response(holder, common)
    body = holder.first_child(f"document inside {envelope}")
    reader = _READERS.get(body.el.tag)
    if reader is None:
        raise CXMLError(f"{envelope}/{body.el.tag} is not a supported cXML document")
    return reader(body, _header(cxml.child("Header", required=True)), common)


# --- shared parts -----------------------------------------------------------

def _header(node):
    sender = node.child("Sender", required=True)
    return d.Header(
        from_=_credentials(node.child("From", required=True)),
        to=_credentials(node.child("To", required=True)),
        sender=_credentials(sender),
        user_agent=sender.text("UserAgent") or "",
    )


def _credentials(node):
    return tuple(
        d.Credential(
            domain=cred.attr("domain", default=""),
            identity=cred.text("Identity", required=True),
            shared_secret=cred.text("SharedSecret"),
        )
        for cred in node.children("Credential")
    )


def _status(node):
    return d.Status(
        code=node.int_attr("code", required=True),
        text=node.attr("text", default=""),
        message=node.text(),
    )


def _extrinsics(*nodes):
    values = {}
    for node in nodes:
        if node is not None:
            for extrinsic in node.children("Extrinsic"):
                values[extrinsic.attr("name", default="")] = extrinsic.text()
    return values


def _contact(node):
    return d.Contact(name=node.text("Name") or "", email=node.text("Email"), role=node.attr("role"))


def _address(holder):
    """The Address inside ShipTo/BillTo (or a Contact-like element itself)."""
    if holder is None:
        return None
    node = holder.child("Address", required=True)
    postal = node.child("PostalAddress")
    return d.Address(
        name=node.text("Name") or "",
        street=_texts(postal, "Street"),
        city=_optional_text(postal, "City"),
        state=_optional_text(postal, "State"),
        postal_code=_optional_text(postal, "PostalCode"),
        country_code=_country_code(postal),
        deliver_to=_texts(postal, "DeliverTo"),
        email=node.text("Email"),
        phone=_phone(node.child("Phone")),
        address_id=node.attr("addressID"),
    )


def _texts(node, tag):
    if node is None:
        return ()
    return tuple(text for text in (child.text() for child in node.children(tag)) if text)


def _optional_text(node, tag):
    return (node.text(tag) or "") if node is not None else ""


def _country_code(postal):
    country = postal.child("Country") if postal is not None else None
    if country is None:
        return ""
    return country.attr("isoCountryCode") or country.text()


def _phone(node):
    if node is None:
        return None
    number = node.child("TelephoneNumber")
    if number is None:
        return None
    parts = (number.text(tag) for tag in ("CountryCode", "AreaOrCityCode", "Number", "Extension"))
    return " ".join(part for part in parts if part) or None


def _order_reference(node):
    document = node.child("DocumentReference")
    return d.OrderReference(
        order_id=node.attr("orderID", default=""),
        payload_id=(document.attr("payloadID") or None) if document is not None else None,
        order_date=node.attr("orderDate"),
    )


def _description(node):
    """Description text without its ShortName; returns (text, short_name, lang)."""
    if node is None:
        return "", None, "en"
    el = node.el
    parts = [el.text or ""]
    parts.extend(child.tail or "" for child in el)
    return "".join(parts).strip(), node.text("ShortName"), el.get(XML_LANG, "en")


# --- line items -------------------------------------------------------------

def _line_item(node):
    item_id = node.child("ItemID", required=True)
    detail = node.child("ItemDetail", required=True)
    aux = item_id.child("SupplierPartAuxiliaryID")
    description, short_name, lang = _description(detail.child("Description"))
    tax = node.child("Tax")
    return d.LineItem(
        quantity=node.decimal_attr("quantity", required=True),
        supplier_part_id=item_id.text("SupplierPartID", required=True),
        # Amazon wants the auxiliary ID back byte for byte: never strip it.
        supplier_part_auxiliary_id=aux.text(strip=False) if aux is not None else None,
        unit_price=detail.money("UnitPrice", required=True),
        description=description,
        unit_of_measure=detail.text("UnitOfMeasure") or "",
        classifications=_classifications(detail),
        manufacturer_part_id=detail.text("ManufacturerPartID"),
        manufacturer_name=detail.text("ManufacturerName"),
        extrinsics=_extrinsics(detail, node),
        shipping=node.money("Shipping"),
        tax=tax.money() if tax is not None else None,
        tax_details=tuple(_tax_detail(t) for t in tax.children("TaxDetail")) if tax is not None else (),
        line_number=node.int_attr("lineNumber"),
        short_name=short_name,
        description_lang=lang,
    )


def _classifications(detail):
    # An empty code carries no information (and is what build emits when none is known).
    values = {}
    for classification in detail.children("Classification"):
        code = classification.text()
        if code:
            values[classification.attr("domain", default="")] = code
    return values


def _tax_detail(node):
    return d.TaxDetail(
        category=node.attr("category", default=""),
        percentage_rate=node.decimal_attr("percentageRate"),
        purpose=node.attr("purpose"),
        tax_amount=node.money("TaxAmount"),
        taxable_amount=node.money("TaxableAmount"),
        description=node.text("Description") or "",
    )


# --- documents --------------------------------------------------------------

def _response(node, common):
    status = _status(node.child("Status", required=True))
    setup = node.child("PunchOutSetupResponse")
    if setup is None:
        return d.Response(status=status, **common)
    return d.PunchOutSetupResponse(
        status=status,
        start_page_url=setup.child("StartPage", required=True).text("URL", required=True),
        **common,
    )


def _punch_out_setup_request(node, header, common):
    form_post = node.child("BrowserFormPost")
    return d.PunchOutSetupRequest(
        header=header,
        buyer_cookie=node.text("BuyerCookie", required=True),
        browser_form_post_url=form_post.text("URL") if form_post is not None else None,
        operation=node.attr("operation", default="create"),
        extrinsics=_extrinsics(node),
        contacts=tuple(_contact(c) for c in node.children("Contact")),
        ship_to=_address(node.child("ShipTo")),
        items_out=tuple(_line_item(i) for i in node.children("ItemOut")),
        **common,
    )


def _punch_out_order_message(node, header, common):
    order_header = node.child("PunchOutOrderMessageHeader", required=True)
    return d.PunchOutOrderMessage(
        header=header,
        buyer_cookie=node.text("BuyerCookie", required=True),
        operation_allowed=order_header.attr("operationAllowed", default="create"),
        total=order_header.money("Total"),
        shipping=order_header.money("Shipping"),
        tax=order_header.money("Tax"),
        items=tuple(_line_item(i) for i in node.children("ItemIn")),
        **common,
    )


def _order_request(node, header, common):
    order_header = node.child("OrderRequestHeader", required=True)
    items = node.children("ItemOut")
    if not items:
        raise CXMLError(f"{node.path}/ItemOut is missing")
    return d.OrderRequest(
        header=header,
        order_id=order_header.attr("orderID", required=True),
        order_date=order_header.attr("orderDate", default=""),
        total=order_header.money("Total", required=True),
        ship_to=_address(order_header.child("ShipTo")),
        bill_to=_address(order_header.child("BillTo", required=True)),
        items=tuple(_line_item(i) for i in items),
        type=order_header.attr("type", default="new"),
        order_type=order_header.attr("orderType", default="regular"),
        shipping=order_header.money("Shipping"),
        tax=order_header.money("Tax"),
        contacts=tuple(_contact(c) for c in order_header.children("Contact")),
        comments=order_header.text("Comments"),
        extrinsics=_extrinsics(order_header),
        **common,
    )


def _status_update_request(node, header, common):
    return d.StatusUpdateRequest(
        header=header,
        document_payload_id=node.child("DocumentReference", required=True).attr("payloadID", required=True),
        status=_status(node.child("Status", required=True)),
        **common,
    )


def _confirmation_request(node, header, common):
    confirmation = node.child("ConfirmationHeader", required=True)
    return d.ConfirmationRequest(
        header=header,
        confirm_id=confirmation.attr("confirmID", default=""),
        operation=confirmation.attr("operation", default="new"),
        type=confirmation.attr("type", required=True),
        notice_date=confirmation.attr("noticeDate", default=""),
        order_reference=_order_reference(node.child("OrderReference", required=True)),
        items=tuple(_confirmation_item(i) for i in node.children("ConfirmationItem")),
        total=confirmation.money("Total"),
        shipping=confirmation.money("Shipping"),
        tax=confirmation.money("Tax"),
        comments=confirmation.text("Comments"),
        **common,
    )


def _confirmation_item(node):
    return d.ConfirmationItem(
        line_number=node.int_attr("lineNumber", required=True),
        quantity=node.decimal_attr("quantity", required=True),
        unit_of_measure=node.text("UnitOfMeasure") or "",
        statuses=tuple(
            d.ConfirmationStatus(
                type=status.attr("type", required=True),
                quantity=status.decimal_attr("quantity", required=True),
                unit_of_measure=status.text("UnitOfMeasure") or "",
                unit_price=status.money("UnitPrice"),
                comments=status.text("Comments") or None,
                shipment_date=status.attr("shipmentDate"),
                delivery_date=status.attr("deliveryDate"),
            )
            for status in node.children("ConfirmationStatus")
        ),
    )


def _ship_notice_request(node, header, common):
    notice = node.child("ShipNoticeHeader", required=True)
    control = node.child("ShipControl")
    return d.ShipNoticeRequest(
        header=header,
        shipment_id=notice.attr("shipmentID", required=True),
        operation=notice.attr("operation", default="new"),
        notice_date=notice.attr("noticeDate", default=""),
        shipment_date=notice.attr("shipmentDate"),
        delivery_date=notice.attr("deliveryDate"),
        shipment_type=notice.attr("shipmentType"),
        carrier=_carrier(control),
        tracking_number=(control.text("ShipmentIdentifier") or None) if control is not None else None,
        portions=tuple(
            d.ShipNoticePortion(
                order_reference=_order_reference(portion.child("OrderReference", required=True)),
                items=tuple(
                    d.ShipNoticeItem(
                        line_number=item.int_attr("lineNumber", required=True),
                        quantity=item.decimal_attr("quantity", required=True),
                        unit_of_measure=item.text("UnitOfMeasure") or "",
                    )
                    for item in portion.children("ShipNoticeItem")
                ),
            )
            for portion in node.children("ShipNoticePortion")
        ),
        **common,
    )


def _carrier(control):
    """The carrier's company name, else the first carrier identifier."""
    if control is None:
        return None
    carriers = control.children("CarrierIdentifier")
    for carrier in carriers:
        if carrier.attr("domain") == "companyName":
            return carrier.text() or None
    return (carriers[0].text() or None) if carriers else None


def _invoice_detail_request(node, header, common):
    invoice = node.child("InvoiceDetailRequestHeader", required=True)
    order_nodes = node.children("InvoiceDetailOrder")
    if not order_nodes:
        raise CXMLError(f"{node.path}/InvoiceDetailOrder is missing")
    orders = tuple(_invoice_order(order) for order in order_nodes)
    summary = node.child("InvoiceDetailSummary", required=True)
    return d.InvoiceDetailRequest(
        header=header,
        invoice_id=invoice.attr("invoiceID", required=True),
        purpose=invoice.attr("purpose", default="standard"),
        operation=invoice.attr("operation", default="new"),
        invoice_date=invoice.attr("invoiceDate", default=""),
        order_reference=orders[0].order_reference,
        items=tuple(item for order in orders for item in order.items),
        subtotal=summary.money("SubtotalAmount"),
        tax=summary.money("Tax"),
        shipping=summary.money("ShippingAmount"),
        gross_amount=summary.money("GrossAmount"),
        net_amount=summary.money("NetAmount"),
        due_amount=summary.money("DueAmount"),
        orders=orders,
        **common,
    )


def _invoice_order(node):
    # InvoiceDetailOrderInfo may name the order by a master agreement or
    # OrderIDInfo instead; such an order gets an empty reference.
    reference = node.child("InvoiceDetailOrderInfo", required=True).child("OrderReference")
    return d.InvoiceOrder(
        order_reference=_order_reference(reference) if reference is not None else d.OrderReference(""),
        items=tuple(_invoice_item(item) for item in node.children("InvoiceDetailItem")),
    )


def _invoice_item(node):
    reference = node.child("InvoiceDetailItemReference", required=True)
    item_id = reference.child("ItemID")
    return d.InvoiceItem(
        line_number=node.int_attr("invoiceLineNumber", required=True),
        quantity=node.decimal_attr("quantity", required=True),
        unit_of_measure=node.text("UnitOfMeasure") or "",
        unit_price=node.money("UnitPrice", required=True),
        subtotal=node.money("SubtotalAmount"),
        description=_description(reference.child("Description"))[0],
        supplier_part_id=item_id.text("SupplierPartID") if item_id is not None else None,
    )


_READERS = {
    "PunchOutSetupRequest": _punch_out_setup_request,
    "PunchOutOrderMessage": _punch_out_order_message,
    "OrderRequest": _order_request,
    "StatusUpdateRequest": _status_update_request,
    "ConfirmationRequest": _confirmation_request,
    "ShipNoticeRequest": _ship_notice_request,
    "InvoiceDetailRequest": _invoice_detail_request,
}
