"""Child order of every element the builder writes, copied from the 1.2.069 DTDs.

Node order is data: ``builder.render`` emits children in the order listed
here and refuses a child that is not listed, so no builder function can put
an element in the wrong place. Elements absent from this table hold text only.
"""

_MONEY = ("Money",)

CHILD_ORDER = {
    "cXML": ("Header", "Message", "Request", "Response"),
    "Header": ("From", "To", "Sender"),
    "From": ("Credential",),
    "To": ("Credential",),
    "Sender": ("Credential", "UserAgent"),
    "Credential": ("Identity", "SharedSecret"),
    "Request": ("PunchOutSetupRequest", "OrderRequest", "StatusUpdateRequest",
                "ConfirmationRequest", "ShipNoticeRequest", "InvoiceDetailRequest"),
    "Message": ("PunchOutOrderMessage",),
    "Response": ("Status", "PunchOutSetupResponse"),
    "PunchOutSetupResponse": ("StartPage",),
    "StartPage": ("URL",),
    # cXML.dtd: BuyerCookie, Extrinsic*, BrowserFormPost?, Contact*, SupplierSetup?,
    # ShipTo?, SelectedItem?, ItemOut*
    "PunchOutSetupRequest": ("BuyerCookie", "Extrinsic", "BrowserFormPost", "Contact", "ShipTo", "ItemOut"),
    "BrowserFormPost": ("URL",),
    "Contact": ("Name", "PostalAddress", "Email", "Phone"),
    "ShipTo": ("Address",),
    "BillTo": ("Address",),
    "Address": ("Name", "PostalAddress", "Email", "Phone"),
    "PostalAddress": ("DeliverTo", "Street", "City", "State", "PostalCode", "Country"),
    "Phone": ("TelephoneNumber",),
    "TelephoneNumber": ("CountryCode", "AreaOrCityCode", "Number"),
    "PunchOutOrderMessage": ("BuyerCookie", "PunchOutOrderMessageHeader", "ItemIn"),
    "PunchOutOrderMessageHeader": ("Total", "ShipTo", "Shipping", "Tax"),
    "ItemIn": ("ItemID", "ItemDetail", "ShipTo", "Shipping", "Tax"),
    "ItemOut": ("ItemID", "ItemDetail", "ShipTo", "Shipping", "Tax"),
    "ItemID": ("SupplierPartID", "SupplierPartAuxiliaryID"),
    "ItemDetail": ("UnitPrice", "Description", "UnitOfMeasure", "Classification",
                   "ManufacturerPartID", "ManufacturerName", "Extrinsic"),
    "Description": ("ShortName",),
    "UnitPrice": _MONEY,
    "Total": _MONEY,
    "TaxAmount": _MONEY,
    "TaxableAmount": _MONEY,
    "SubtotalAmount": _MONEY,
    "ShippingAmount": _MONEY,
    "GrossAmount": _MONEY,
    "NetAmount": _MONEY,
    "DueAmount": _MONEY,
    "Shipping": ("Money", "Description"),
    "Tax": ("Money", "Description", "TaxDetail"),
    "TaxDetail": ("TaxableAmount", "TaxAmount", "Description"),
    "OrderRequest": ("OrderRequestHeader", "ItemOut"),
    # No Payment: Amazon refuses payment data on an OrderRequest.
    "OrderRequestHeader": ("Total", "ShipTo", "BillTo", "Shipping", "Tax", "Contact", "Comments", "Extrinsic"),
    "StatusUpdateRequest": ("DocumentReference", "Status"),
    # Fulfill.dtd
    "ConfirmationRequest": ("ConfirmationHeader", "OrderReference", "ConfirmationItem"),
    "ConfirmationHeader": ("Total", "Shipping", "Tax", "Comments"),
    "OrderReference": ("DocumentReference",),
    "ConfirmationItem": ("UnitOfMeasure", "ConfirmationStatus"),
    "ConfirmationStatus": ("UnitOfMeasure", "UnitPrice", "Comments"),
    "ShipNoticeRequest": ("ShipNoticeHeader", "ShipControl", "ShipNoticePortion"),
    "ShipNoticeHeader": (),
    "ShipControl": ("CarrierIdentifier", "ShipmentIdentifier"),
    "ShipNoticePortion": ("OrderReference", "ShipNoticeItem"),
    "ShipNoticeItem": ("UnitOfMeasure",),
    # InvoiceDetail.dtd
    "InvoiceDetailRequest": ("InvoiceDetailRequestHeader", "InvoiceDetailOrder", "InvoiceDetailSummary"),
    "InvoiceDetailRequestHeader": ("InvoiceDetailHeaderIndicator", "InvoiceDetailLineIndicator"),
    "InvoiceDetailOrder": ("InvoiceDetailOrderInfo", "InvoiceDetailItem"),
    "InvoiceDetailOrderInfo": ("OrderReference",),
    "InvoiceDetailItem": ("UnitOfMeasure", "UnitPrice", "InvoiceDetailItemReference", "SubtotalAmount"),
    "InvoiceDetailItemReference": ("ItemID", "Description"),
    "InvoiceDetailSummary": ("SubtotalAmount", "Tax", "ShippingAmount", "GrossAmount", "NetAmount", "DueAmount"),
}

# The DTD each document type is written against and validated with.
DTD_FOR_TYPE = {
    "ConfirmationRequest": "Fulfill.dtd",
    "ShipNoticeRequest": "Fulfill.dtd",
    "InvoiceDetailRequest": "InvoiceDetail.dtd",
}
DEFAULT_DTD = "cXML.dtd"
SYSTEM_ID = "http://xml.cxml.org/schemas/cXML/1.2.069/{}"
