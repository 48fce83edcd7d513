"""Money arithmetic shared by the storefront page and the cart document: one place, Decimal only."""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def cents(amount):
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def line_subtotal(line):
    return line.product.price * line.quantity


def line_tax(line, account):
    return cents(line_subtotal(line) * account.tax_rate)


@dataclass(frozen=True)
class CartTotals:
    subtotal: Decimal  # the cXML Total: items only, as in Amazon's carts
    shipping: Decimal
    tax: Decimal

    @property
    def grand_total(self):
        return self.subtotal + self.shipping + self.tax


def cart_totals(lines, account):
    return CartTotals(
        subtotal=cents(sum((line_subtotal(line) for line in lines), Decimal(0))),
        shipping=cents(sum((line.product.shipping for line in lines), Decimal(0))),
        tax=sum((line_tax(line, account) for line in lines), Decimal(0)),
    )
