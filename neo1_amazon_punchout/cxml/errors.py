"""The one exception raised for refused cXML input."""


class CXMLError(ValueError):
    """Input that is malformed, hostile, too large or missing a required part.

    The message names the element (as a path such as
    ``PunchOutOrderMessage/ItemIn[2]/ItemID/SupplierPartID``) and what is wrong.
    It never contains a SharedSecret.
    """
