"""Buyer accounts the sandbox knows: credentials, currency, groups and options."""
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

FORM_FIELDS = ("cxml-urlencoded", "cxml-base64")


@dataclass(frozen=True)
class Account:
    identity: str
    shared_secret: str
    currency: str = "USD"
    groups: tuple = ()
    buyer_inbound_url: str = ""
    # Options beyond Amazon's own settings, to exercise the buyer's code paths.
    form_field: str = "cxml-urlencoded"
    allow_edit: bool = False
    split_confirmations: bool = False
    root_group: str = "Root"
    tax_rate: Decimal = Decimal("0.08")

    def business_unit(self, requested):
        """Amazon puts a user whose UserBusinessUnit is unknown into the root group."""
        return requested if requested in self.groups else self.root_group


DEMO_ACCOUNT = Account(
    identity="NEO1-DEMO-BUYER",
    shared_secret="neo1-demo-shared-secret",
    currency="USD",
    groups=("Marketing", "Operations"),
    buyer_inbound_url="http://127.0.0.1:8069/punchout/amazon/cxml",
)

_KNOWN_KEYS = {"identity", "shared_secret", "currency", "groups", "buyer_inbound_url",
               "form_field", "allow_edit", "split_confirmations", "root_group", "tax_rate"}


class AccountsFileError(ValueError):
    """The accounts file cannot be used; the message says why."""


def account_from_dict(data):
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:  # a typo such as "allow_edt" must not pass silently
        raise AccountsFileError(f"unknown account keys {unknown}; known: {sorted(_KNOWN_KEYS)}")
    for key in ("identity", "shared_secret"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise AccountsFileError(f"each account needs a non-empty {key!r}")
    form_field = data.get("form_field", "cxml-urlencoded").lower()
    if form_field not in FORM_FIELDS:
        raise AccountsFileError(f"form_field must be one of {FORM_FIELDS}, not {form_field!r}")
    return Account(
        identity=data["identity"],
        shared_secret=data["shared_secret"],
        currency=data.get("currency", "USD"),
        groups=tuple(data.get("groups", ())),
        buyer_inbound_url=data.get("buyer_inbound_url", ""),
        form_field=form_field,
        allow_edit=bool(data.get("allow_edit", False)),
        split_confirmations=bool(data.get("split_confirmations", False)),
        root_group=data.get("root_group", "Root"),
        tax_rate=Decimal(str(data.get("tax_rate", "0.08"))),
    )


def accounts_from_data(data):
    """``{"accounts": [...]}`` (or a bare list) -> {identity: Account}."""
    entries = data.get("accounts") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise AccountsFileError('expected {"accounts": [ ... ]} with at least one account')
    accounts = {}
    for entry in entries:
        account = entry if isinstance(entry, Account) else account_from_dict(entry)
        if account.identity in accounts:
            raise AccountsFileError(f"identity {account.identity!r} appears twice")
        accounts[account.identity] = account
    return accounts


def load_accounts(path):
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise AccountsFileError(f"cannot read accounts file {path}: {error}") from error
    return accounts_from_data(data)
