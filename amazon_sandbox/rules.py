"""Amazon's rules for what a buyer sends, as pure functions over parsed cXML.

Each rule raises ``Refusal`` with the cXML status code and a text a buyer's
developer can act on; ``app.py`` turns it into a cXML Response.
"""
import hmac
from decimal import Decimal


class Refusal(Exception):
    def __init__(self, code, text, message=""):
        super().__init__(f"{code} {text}: {message}" if message else f"{code} {text}")
        self.code = code
        self.text = text
        self.message = message


UNAUTHORIZED = "Unauthorized"
BAD_REQUEST = "Bad Request"


def _network_identities(credentials):
    return [credential.identity.strip() for credential in credentials
            if credential.domain.strip().lower() == "networkid"]


def authenticate(header, accounts):
    """The account whose identity is the From NetworkId and the Sender, with its secret.

    Fails closed: any missing part is a 401, and the reply never says which part
    was wrong, as a real service would not.
    """
    refusal = Refusal(401, UNAUTHORIZED, "credentials not recognised")
    for identity in _network_identities(header.from_):
        account = accounts.get(identity)
        if account is None:
            continue
        for credential in header.sender:
            if credential.identity.strip() != identity or credential.shared_secret is None:
                continue
            if hmac.compare_digest(credential.shared_secret.encode("utf-8"),
                                   account.shared_secret.encode("utf-8")):
                return account
    raise refusal


def check_basic_auth(authorization, account):
    """HTTP Basic is optional (Amazon accepts the cXML credentials there); when sent, it must match."""
    if authorization is None:
        return
    if authorization.type != "basic" or not (
            hmac.compare_digest((authorization.username or "").encode("utf-8"), account.identity.encode("utf-8"))
            and hmac.compare_digest((authorization.password or "").encode("utf-8"),
                                    account.shared_secret.encode("utf-8"))):
        raise Refusal(401, UNAUTHORIZED, "credentials not recognised")


def _extrinsic(extrinsics, *names):
    lowered = {key.lower(): value for key, value in extrinsics.items()}
    for name in names:
        value = (lowered.get(name.lower()) or "").strip()
        if value:
            return value
    return ""


def user_email(request):
    """Amazon needs the user's e-mail: an Extrinsic, a Contact or the ShipTo."""
    candidates = [_extrinsic(request.extrinsics, "UserEmail", "Email")]
    candidates += [(contact.email or "").strip() for contact in request.contacts]
    if request.ship_to is not None:
        candidates.append((request.ship_to.email or "").strip())
    email = next((candidate for candidate in candidates if candidate), "")
    if not email:
        raise Refusal(400, BAD_REQUEST, "The user's e-mail address is required: send Extrinsic "
                      "name=\"UserEmail\" (or \"Email\"), a Contact Email or a ShipTo Email.")
    return email


def requested_business_unit(request):
    return _extrinsic(request.extrinsics, "UserBusinessUnit")


def check_setup_request(request):
    if request.operation not in ("create", "edit", "inspect"):
        raise Refusal(400, BAD_REQUEST, f"operation {request.operation!r} is not supported; "
                      "use create, edit or inspect.")
    if not (request.buyer_cookie or "").strip():
        raise Refusal(400, BAD_REQUEST, "BuyerCookie is required.")
    if not (request.browser_form_post_url or "").strip():
        raise Refusal(400, BAD_REQUEST, "BrowserFormPost URL is required: the cart is posted there.")


def check_order_request(request, account, aux_id_issued):
    """``aux_id_issued(aux_id, identity) -> bool`` tells the cart keys the sandbox gave out."""
    if not (request.payload_id or "").strip():
        raise Refusal(400, BAD_REQUEST, "cXML payloadID is required and must be unique per document.")
    if request.type != "new":
        raise Refusal(400, BAD_REQUEST, f"OrderRequestHeader type {request.type!r} is not accepted: "
                      "only \"new\"; cancel the order on Amazon instead.")
    if request.ship_to is None:
        raise Refusal(400, BAD_REQUEST, "ShipTo is required: Amazon ships only to the order's ShipTo.")
    if not request.items:
        raise Refusal(400, BAD_REQUEST, "The order has no ItemOut.")
    for item in request.items:
        aux_id = item.supplier_part_auxiliary_id
        if aux_id is None or not aux_id_issued(aux_id, account.identity):
            raise Refusal(400, BAD_REQUEST, f"line {item.line_number}: SupplierPartAuxiliaryID {aux_id!r} "
                          "was not issued by Amazon; send it exactly as the cart returned it.")
    currencies = {request.total.currency} | {item.unit_price.currency for item in request.items}
    if currencies != {account.currency}:
        raise Refusal(400, BAD_REQUEST, f"every amount must be in {account.currency}, got {sorted(currencies)}.")
    lines_total = sum((item.quantity * item.unit_price.amount for item in request.items), Decimal(0))
    if lines_total != request.total.amount:
        raise Refusal(400, BAD_REQUEST, f"Total {request.total.amount} does not match the lines "
                      f"(sum of quantity x unit price = {lines_total}).")
