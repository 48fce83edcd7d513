import ipaddress
import logging
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError

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
                                       help="Users of this group may shop on Amazon Business with this connection.")

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
        return accounts

    def write(self, vals):
        vals = self._trim_pasted_values(vals)
        changed = sorted(key for key in CONNECTION_FIELDS if key in vals)
        if changed and "state" not in vals:
            vals = dict(vals, state="draft", last_error=False)
        result = super().write(vals)
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

    # ------------------------------------------------------------------ helpers

    def _credentials(self):
        """The values the cXML layer needs, secret included (callers run as sudo where needed)."""
        self.ensure_one()
        account = self.sudo()
        return {
            "domain": account.credential_domain,
            "identity": account.from_identity,
            "to_identity": account.to_identity,
            "shared_secret": account.shared_secret,
        }

    @api.model
    def _shoppable_accounts(self, user=None):
        """Connections of the current company that this user may shop with."""
        user = user or self.env.user
        accounts = self.search([("company_id", "=", self.env.company.id)])
        return accounts.filtered(lambda account: account.shopper_group_id in user.all_group_ids)
