import ipaddress
import logging
import secrets
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import cxml
from ..const import DEFAULT_TIMEOUT_SECONDS, USER_AGENT
from ..cxml import transport

_logger = logging.getLogger(__name__)


class CredentialQueryFilter(logging.Filter):
    """Odoo's SQL debug log (--log-sql) prints query parameters: mask the queries that carry the secret."""

    def filter(self, record):
        if "shared_secret" in str(record.msg) or "shared_secret" in record.getMessage():
            record.msg, record.args = "query touching amazon_business_account.shared_secret (not logged)", ()
        return True


_sql_logger = logging.getLogger("odoo.sql_db")
if not any(isinstance(existing, CredentialQueryFilter) for existing in _sql_logger.filters):
    _sql_logger.addFilter(CredentialQueryFilter())

# Values pasted from Amazon Business: surrounding whitespace is dropped on save.
TRIMMED_FIELDS = ("from_identity", "shared_secret", "punchout_url", "order_url",
                  "to_identity", "credential_domain", "business_unit")
# Changing any of these means the connection has to be tested again.
CONNECTION_FIELDS = ("from_identity", "shared_secret", "punchout_url", "order_url",
                     "to_identity", "credential_domain", "mode")


def is_loopback_host(host):
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class AmazonBusinessAccount(models.Model):
    _name = "amazon.business.account"
    _description = "Amazon Business Connection"
    _inherit = ["mail.thread"]
    _order = "company_id, sequence, id"

    name = fields.Char(required=True, default="Amazon Business", tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, tracking=True,
                                 default=lambda self: self.env.company)

    # The four credentials shown by Amazon Business under "Punchout settings".
    from_identity = fields.Char("From Identity", required=True, tracking=True,
                                help="Your organisation's identity at Amazon Business, sent as From and Sender "
                                     "Credential/Identity.")
    shared_secret = fields.Char("Shared Secret", groups="base.group_system", copy=False, exportable=False,
                                help="Sent as Sender/Credential/SharedSecret. Only Settings administrators "
                                     "can read or change it.")
    punchout_url = fields.Char("Punchout URL", required=True, tracking=True,
                               help="Where the PunchOutSetupRequest is sent.")
    order_url = fields.Char("Punchout Order Request URL", required=True, tracking=True,
                            help="Where approved orders are sent as cXML OrderRequest.")

    # Advanced: Amazon's documented defaults.
    to_identity = fields.Char("To Identity", required=True, default="Amazon", tracking=True)
    credential_domain = fields.Char("Credential Domain", required=True, default="NetworkId", tracking=True)
    business_unit = fields.Char("Amazon Group", tracking=True,
                                help="Amazon Business group of the shoppers, sent as the UserBusinessUnit "
                                     "extrinsic. Empty: Amazon puts them in the root group.")
    mode = fields.Selection([("test", "Test"), ("live", "Live")], required=True, default="test", tracking=True,
                            help="The cXML deploymentMode. Test orders are neither charged nor fulfilled.")
    partner_id = fields.Many2one("res.partner", "Vendor", tracking=True, check_company=True,
                                 help="The Amazon Business vendor of the RFQs made from carts. "
                                      "Created on first save when empty.")
    shopper_group_id = fields.Many2one("res.groups", "Allowed Shoppers", required=True,
                                       default=lambda self: self.env.ref("purchase.group_purchase_user"),
                                       # shoppers create RFQs: only groups that include Purchase rights fit
                                       domain=lambda self: [("all_implied_ids", "in",
                                                             self.env.ref("purchase.group_purchase_user").ids)],
                                       help="Users of this group may shop on Amazon Business with this connection.")

    request_timeout = fields.Integer("Timeout (seconds)", default=DEFAULT_TIMEOUT_SECONDS, required=True,
                                     help="How long Odoo waits for Amazon Business on each call.")
    use_generic_product = fields.Boolean("One Generic Product",
                                         help="Put every cart line on one generic product instead of creating a "
                                              "product per Amazon item (ASIN).")
    generic_product_id = fields.Many2one("product.product", "Generic Product", check_company=True,
                                         domain=[("purchase_ok", "=", True)])

    state = fields.Selection([("draft", "Not tested"), ("connected", "Connected"), ("error", "Error")],
                             required=True, default="draft", readonly=True, copy=False, tracking=True)
    last_error = fields.Text(readonly=True, copy=False)
    last_checked = fields.Datetime("Last Checked", readonly=True, copy=False)
    inbound_url = fields.Char("Partner Submission URL", compute="_compute_inbound_url",
                              help="Register this URL at Amazon Business so that confirmations, ship notices "
                                   "and invoices reach Odoo.")

    @api.depends_context("company")
    def _compute_inbound_url(self):
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for account in self:
            account.inbound_url = f"{base_url.rstrip('/')}/punchout/amazon/cxml"

    # ------------------------------------------------------------------ save

    @api.model
    def _trim_pasted_values(self, vals):
        return {key: value.strip() if key in TRIMMED_FIELDS and isinstance(value, str) else value
                for key, value in vals.items()}

    @api.model_create_multi
    def create(self, vals_list):
        accounts = super().create([self._trim_pasted_values(vals) for vals in vals_list])
        for account in accounts.filtered(lambda account: not account.partner_id):
            account.partner_id = account._find_or_create_vendor()
        self.env.registry.clear_cache()   # the "Shop on Amazon Business" menu depends on the connections
        return accounts

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    def write(self, vals):
        vals = self._trim_pasted_values(vals)
        changed = sorted(key for key in CONNECTION_FIELDS if key in vals)
        if changed and "state" not in vals:
            vals = dict(vals, state="draft", last_error=False)
        menu_fields = [name for name in ("state", "shopper_group_id", "company_id", "active") if name in vals]
        menu_before = [self.sudo().read(menu_fields)] if menu_fields else []
        result = super().write(vals)
        if menu_fields and menu_before != [self.sudo().read(menu_fields)]:
            self.env.registry.clear_cache()   # the "Shop on Amazon Business" menu depends on these
        if changed:
            # Field names only: an audit trail that never carries a credential value.
            _logger.info("Amazon Business connections %s: %s changed by user %s",
                         self.ids, ", ".join(changed), self.env.uid)
        return result

    def _find_or_create_vendor(self):
        self.ensure_one()
        partner_model = self.env["res.partner"].sudo()
        vendor = partner_model.search([("name", "=", "Amazon Business"), ("is_company", "=", True),
                                       ("company_id", "in", [False, self.company_id.id])], limit=1)
        return vendor or partner_model.create({
            "name": "Amazon Business",
            "is_company": True,
            "supplier_rank": 1,
            "website": "https://business.amazon.com",
        })

    # ------------------------------------------------------------------ validation

    def _url_problem(self, url):
        parts = urlsplit(url or "")
        if parts.scheme == "https" and parts.hostname:
            return None
        if parts.scheme == "http" and is_loopback_host(parts.hostname):
            return None   # the local Amazon Business sandbox
        if parts.scheme == "http" and parts.hostname:
            return self.env._("must use https:// (plain http:// is only allowed for a loopback address "
                              "such as 127.0.0.1, for the sandbox)")
        return self.env._("is not a web address; paste it as shown in Amazon Business, starting with https://")

    @api.constrains("punchout_url", "order_url")
    def _check_urls(self):
        for account in self:
            for field_name in ("punchout_url", "order_url"):
                problem = account._url_problem(account[field_name])
                if problem:
                    label = account._fields[field_name]._description_string(self.env)
                    raise ValidationError(self.env._("%(field)s %(problem)s.", field=label, problem=problem))

    @api.constrains("use_generic_product", "generic_product_id", "request_timeout")
    def _check_options(self):
        for account in self:
            if account.use_generic_product and not account.generic_product_id:
                raise ValidationError(self.env._("Choose the generic product that cart lines go on, or untick "
                                                 "\"One Generic Product\"."))
            if not 1 <= account.request_timeout <= 300:
                raise ValidationError(self.env._("The timeout must be between 1 and 300 seconds."))

    @api.constrains("from_identity", "shared_secret", "to_identity", "credential_domain")
    def _check_credentials(self):
        for account in self.sudo():   # the secret is readable by administrators only
            for field_name in ("from_identity", "shared_secret", "to_identity", "credential_domain"):
                value = account[field_name] or ""
                label = account._fields[field_name]._description_string(self.env)
                if not value:
                    raise ValidationError(self.env._("%(field)s is required: copy it from Amazon Business "
                                                     "(Settings > Punchout).", field=label))
                if any(character.isspace() for character in value):
                    raise ValidationError(self.env._("%(field)s contains a space or a line break; paste the "
                                                     "value again exactly as Amazon Business shows it.",
                                                     field=label))

    # ------------------------------------------------------------------ cXML exchange

    def _cxml_header(self):
        """From/To/Sender as PROTOCOL.md describes them; the secret only in Sender."""
        self.ensure_one()
        account = self.sudo()   # the shared secret is readable by administrators only
        domain = account.credential_domain
        return cxml.Header(
            from_=(cxml.Credential(domain, account.from_identity),),
            to=(cxml.Credential(domain, account.to_identity),),
            sender=(cxml.Credential(domain, account.from_identity, account.shared_secret),),
            user_agent=USER_AGENT,
        )

    def _deployment_mode(self):
        return "production" if self.mode == "live" else "test"

    def _exchange(self, url, document, url_label):
        """POST one cXML document and return ``(request_bytes, reply_bytes, reply_document)``.

        Every failure becomes an ``AmazonBusinessError`` whose message tells an admin what to check.
        """
        self.ensure_one()
        where = transport.safe_url(url)
        try:
            body = cxml.build(document)
        except cxml.CXMLError as error:
            raise AmazonBusinessError(self.env._("Odoo could not write the cXML request (%(problem)s): check the "
                                                 "user's and the company's names and addresses.", problem=error)) from None
        try:
            reply = transport.post(url, body, timeout=self.request_timeout)
        except transport.TransportTimeout:
            raise AmazonBusinessError(self.env._(
                "Amazon Business did not answer within %(seconds)s seconds (%(url)s). Try again in a few "
                "minutes; if it keeps happening, an administrator should check the %(label)s in Settings.",
                seconds=self.request_timeout, url=where, label=url_label), body) from None
        except transport.TransportTLSError:
            raise AmazonBusinessError(self.env._(
                "The secure connection to %(url)s failed (TLS certificate): an administrator should check the "
                "%(label)s in Settings.", url=where, label=url_label), body, configuration=True) from None
        except transport.TransportConnectionError:
            raise AmazonBusinessError(self.env._(
                "Odoo could not reach Amazon Business at %(url)s (unknown host, or nothing answers there): an "
                "administrator should check the %(label)s in Settings.", url=where, label=url_label), body) from None
        except transport.TransportHTTPError as error:
            status = self._status_in_body(error.body) or cxml.Status(error.status_code)
            raise AmazonBusinessError(self._status_message(status, where, url_label), body, error.body,
                                      status.code) from None
        except transport.TransportError:
            raise AmazonBusinessError(self.env._(
                "The request to %(url)s failed: an administrator should check the %(label)s in Settings.",
                url=where, label=url_label), body) from None
        try:
            answer = cxml.parse(reply.body)
        except cxml.CXMLError as error:
            raise AmazonBusinessError(self.env._(
                "Amazon Business answered with something that is not a cXML document (%(problem)s): an "
                "administrator should check the %(label)s in Settings.", problem=error, label=url_label),
                body, reply.body) from None
        status = getattr(answer, "status", None)
        if status is None or not 200 <= status.code < 300:
            status = status or cxml.Status(0, "no Status in the answer")
            raise AmazonBusinessError(self._status_message(status, where, url_label), body, reply.body,
                                      status.code)
        return body, reply.body, answer

    @staticmethod
    def _status_in_body(body):
        try:
            return getattr(cxml.parse(body or b""), "status", None)
        except cxml.CXMLError:
            return None

    def _status_message(self, status, where, url_label):
        """Amazon's status, in words an admin can act on (status codes are handled by class)."""
        code, text = status.code, (status.text or status.message or "").strip()
        if code in (401, 403):
            return self.env._("Amazon Business refused the credentials (%(code)s): an administrator should check "
                              "From Identity and Shared Secret in Settings.", code=code)
        if code == 404:
            return self.env._("Amazon Business has no punchout service at %(url)s (404): an administrator should "
                              "check the %(label)s in Settings.", url=where, label=url_label)
        if 400 <= code < 500:
            return self.env._("Amazon Business refused the request (%(code)s: %(text)s).", code=code,
                              text=text or self.env._("no reason given"))
        if code >= 500:
            return self.env._("Amazon Business had a temporary problem (%(code)s: %(text)s). Try again in a few "
                              "minutes.", code=code, text=text or self.env._("no reason given"))
        return self.env._("Amazon Business answered with the unexpected status %(code)s (%(text)s).",
                          code=code, text=text)

    def _mark_connected(self):
        self.sudo().write({"state": "connected", "last_error": False, "last_checked": fields.Datetime.now()})

    def _record_failure(self, error):
        """A wrong configuration takes the connection out of service until an admin fixes it.

        An outage (timeout, 5xx, nothing answering) is left on the session only: writing the shared
        account row from every failing purchaser's request would make them conflict and retry.
        """
        if error.is_configuration:
            self.sudo().write({"state": "error", "last_error": error.message, "last_checked": fields.Datetime.now()})

    # ------------------------------------------------------------------ test connection

    def action_test_connection(self):
        """Send a setup request and report whether Amazon Business accepts the connection."""
        self.ensure_one()
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(self.env._("Only Settings administrators can test an Amazon Business connection."))
        user = self.env.user
        email = user.email or self.company_id.email
        if not email:
            raise UserError(self.env._("Amazon Business needs an e-mail address for the test: set one on your "
                                       "user or on the company."))
        request = self.env["amazon.punchout.session"]._setup_request(
            self, user, f"connection-test-{secrets.token_hex(16)}", email=email)
        try:
            _request, _reply, answer = self._exchange(self.punchout_url, request, self._punchout_url_label())
            if not getattr(answer, "start_page_url", None):
                raise AmazonBusinessError(self._no_start_page_message(), configuration=True)
        except AmazonBusinessError as error:
            error.is_configuration = True   # a failed test always means the connection is not usable
            self._record_failure(error)
            return self._notification(self.env._("Connection failed"), error.message, "danger")
        self._mark_connected()
        return self._notification(self.env._("Connected"),
                                  self.env._("Amazon Business accepted the credentials of %(name)s.", name=self.name),
                                  "success")

    def _no_start_page_message(self):
        return self.env._("Amazon Business answered without a StartPage: an administrator should check the "
                          "Punchout URL in Settings.")

    def _punchout_url_label(self):
        return self._fields["punchout_url"]._description_string(self.env)

    def _notification(self, title, message, kind):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"title": title, "message": message, "type": kind, "sticky": kind == "danger",
                       "next": {"type": "ir.actions.client", "tag": "soft_reload"}},
        }

    # ------------------------------------------------------------------ shopping

    @api.model
    def _shoppable_domain(self, companies=None):
        """Connected accounts of these companies (default: the current one) the current user may shop with."""
        return [("state", "=", "connected"), ("company_id", "in", (companies or self.env.company).ids),
                ("shopper_group_id", "in", self.env.user.all_group_ids.ids)]

    @api.model
    def _shoppable_accounts(self):
        if not self.has_access("read"):
            return self.browse()
        return self.search(self._shoppable_domain())


class AmazonBusinessError(UserError):
    """A call to Amazon Business failed; the message says what an admin or user can do about it.

    The raw request and reply are kept (for the session's documents), never in the message.
    """

    def __init__(self, message, request_body=b"", reply_body=b"", status_code=0, configuration=None):
        super().__init__(message)
        self.message = message
        # Credentials or URL wrong (as opposed to a passing outage): the connection needs an admin.
        self.is_configuration = configuration if configuration is not None else status_code in (401, 403, 404)
        self.request_body = request_body
        self.reply_body = reply_body
        self.status_code = status_code
