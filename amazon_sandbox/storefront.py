"""The storefront's HTML: self-contained pages with inline CSS, no external asset, no network.

Element ids and classes are part of the sandbox's contract (browser tours click
them); README.md lists them.
"""
from html import escape

from .pricing import cart_totals, line_subtotal

STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#eaeded;color:#0f1111}
a{color:#007185;text-decoration:none}a:hover{text-decoration:underline}
header{background:#131921;color:#fff;display:flex;align-items:center;gap:18px;padding:10px 22px}
header .brand{font-weight:700;font-size:20px;color:#fff;white-space:nowrap}
header .brand span{color:#ff9900}
header .brand .badge{background:#ff9900;color:#131921;border-radius:4px;padding:1px 6px;font-size:11px;font-weight:700;margin-left:6px}
#search-form{flex:1;display:flex}
#search-form input{flex:1;padding:9px 12px;border:0;border-radius:6px 0 0 6px;font-size:15px}
#search-form button{background:#febd69;border:0;border-radius:0 6px 6px 0;padding:0 16px;cursor:pointer;font-weight:600}
header .user{font-size:12px;line-height:1.3;color:#ccc;white-space:nowrap}
header .user b{color:#fff}
#cart-link{color:#fff;font-weight:700;white-space:nowrap}
#cart-count{background:#ff9900;color:#131921;border-radius:10px;padding:1px 8px;margin-left:4px}
.subbar{background:#232f3e;color:#fff;padding:6px 22px;font-size:13px}
main{max-width:1180px;margin:0 auto;padding:20px}
.notice{background:#fff;border-left:4px solid #067d62;padding:10px 14px;margin-bottom:16px;border-radius:4px}
.notice.warn{border-color:#c7511f}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:16px}
.product-card{background:#fff;border-radius:8px;padding:16px;display:flex;flex-direction:column;gap:6px}
.product-card .thumb{height:90px;border-radius:6px;display:flex;align-items:center;justify-content:center;
  font-size:28px;font-weight:700;color:#fff;background:linear-gradient(135deg,#37475a,#232f3e)}
.product-card h3{font-size:15px;margin:4px 0;font-weight:500;line-height:1.3;min-height:40px}
.price{font-size:21px;font-weight:500}.price small{font-size:12px;color:#565959;margin-left:4px}
.meta{font-size:12px;color:#565959}
.fba{font-size:12px;color:#067d62;font-weight:600}.third-party{font-size:12px;color:#565959}
.add-form{display:flex;gap:8px;margin-top:auto;padding-top:8px}
input[type=number]{width:64px;padding:6px;border:1px solid #888c8c;border-radius:6px}
.btn{border:0;border-radius:20px;padding:8px 16px;cursor:pointer;font-size:14px}
.btn-primary{background:#ffd814}.btn-primary:hover{background:#f7ca00}
.btn-accent{background:#ffa41c}.btn-accent:hover{background:#fa8900}
.btn-plain{background:#fff;border:1px solid #d5d9d9}
.panel{background:#fff;border-radius:8px;padding:20px}
table{width:100%;border-collapse:collapse}th,td{padding:10px;border-bottom:1px solid #e7e7e7;text-align:left}
td.num,th.num{text-align:right}
.totals{margin-left:auto;max-width:360px;margin-top:16px}
.totals div{display:flex;justify-content:space-between;padding:4px 0}
.totals .grand{font-weight:700;font-size:18px;border-top:1px solid #ddd;padding-top:8px}
.actions{display:flex;gap:12px;justify-content:flex-end;margin-top:18px;flex-wrap:wrap}
.empty{color:#565959;padding:30px 0;text-align:center}
footer{color:#565959;font-size:12px;text-align:center;padding:24px}
"""


def money(amount, currency):
    return f"{currency} {amount:,.2f}"


def page(title, body, session=None, query=""):
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} - Amazon Business (sandbox)</title><style>{STYLE}</style></head>
<body>{_header(session, query)}<main>{body}</main>
<footer>Amazon Business sandbox - a local stand-in for testing. No order placed here is real.</footer>
</body></html>"""


def _header(session, query):
    if session is None:
        return '<header><div class="brand">amazon<span>business</span><span class="badge">SANDBOX</span></div></header>'
    shop = f"/shop/{session.shop_key}"
    count = sum(line.quantity for line in session.lines)
    return f"""<header><a class="brand" href="{shop}">amazon<span>business</span><span class="badge">SANDBOX</span></a>
<form id="search-form" method="get" action="{shop}"><input type="search" name="q" value="{escape(query)}"
 placeholder="Search business supplies" aria-label="Search"><button type="submit" id="search-button">Search</button></form>
<div class="user">Hello, <b id="user-email">{escape(session.email)}</b><br>Group: <span id="business-unit">{escape(session.business_unit)}</span></div>
<a id="cart-link" href="{shop}/cart">Cart<span id="cart-count">{count}</span></a></header>
<div class="subbar">Punchout from <b>{escape(session.account.identity)}</b> - operation <span id="punchout-operation">{escape(session.operation)}</span></div>"""


def catalogue_page(session, products, query="", notice=""):
    currency = session.account.currency
    cards = "".join(_product_card(session, product, currency) for product in products)
    listing = f'<div class="grid" id="product-list">{cards}</div>' if products else \
        f'<p class="empty" id="no-results">No results for "{escape(query)}".</p>'
    heading = f'Results for "{escape(query)}"' if query else "Business supplies"
    body = f"{_notice(notice)}<h2>{heading} <small class='meta'>({len(products)} items)</small></h2>{listing}"
    return page("Shop", body, session, query)


def _product_card(session, product, currency):
    fulfilment = ('<div class="fba">Fulfilled by Amazon - free shipping</div>' if product.fba
                  else f'<div class="third-party">Ships from {escape(product.seller)} (+{money(product.shipping, currency)})</div>')
    add = "" if session.read_only else f"""<form class="add-form" method="post" action="/shop/{session.shop_key}/add">
<input type="hidden" name="asin" value="{product.asin}"><input type="number" name="quantity" value="1" min="1" max="999"
 aria-label="Quantity"><button class="btn btn-primary add-to-cart" type="submit">Add to cart</button></form>"""
    initials = "".join(word[0] for word in product.manufacturer.split()[:2]).upper()
    return f"""<div class="product-card" data-asin="{product.asin}"><div class="thumb">{escape(initials)}</div>
<h3 class="product-title">{escape(product.title)}</h3>
<div class="price"><span class="product-price">{money(product.price, currency)}</span><small>/ {product.uom}{' - ' + escape(product.pack) if product.pack else ''}</small></div>
<div class="meta">by {escape(product.manufacturer)} - sold by <span class="seller">{escape(product.seller)}</span></div>
{fulfilment}<div class="meta">ASIN {product.asin} - UNSPSC {product.unspsc}</div>{add}</div>"""


def _notice(text, warn=False):
    return f'<div class="notice{" warn" if warn else ""}" id="shop-notice">{escape(text)}</div>' if text else ""


def cart_page(session, notice=""):
    account, shop = session.account, f"/shop/{session.shop_key}"
    currency = account.currency
    rows = "".join(f"""<tr class="cart-line" data-asin="{line.product.asin}"><td>{escape(line.product.title)}
<div class="meta">{line.product.asin} - {escape(line.product.seller)}</div></td><td>{line.product.uom}</td>
<td class="num">{money(line.product.price, currency)}</td>
<td class="num">{line.quantity if session.read_only else f'<input type="number" name="qty-{line.product.asin}" value="{line.quantity}" min="0" max="999" aria-label="Quantity">'}</td>
<td class="num line-total">{money(line_subtotal(line), currency)}</td></tr>""" for line in session.lines)
    totals = cart_totals(session.lines, account)
    table = f"""<form id="cart-form" method="post" action="{shop}/cart"><table><thead><tr><th>Item</th><th>Unit</th>
<th class="num">Price</th><th class="num">Quantity</th><th class="num">Total</th></tr></thead><tbody>{rows}</tbody></table>
{'' if session.read_only else '<div class="actions"><button class="btn btn-plain" id="update-cart" type="submit">Update quantities</button></div>'}
</form>""" if session.lines else '<p class="empty" id="cart-empty">Your cart is empty.</p>'
    submit_label = "Return to procurement" if session.read_only else "Submit cart"
    body = f"""{_notice(notice)}<div class="panel" id="cart"><h2>Shopping cart</h2>{table}
<div class="totals"><div>Items<span id="cart-subtotal">{money(totals.subtotal, currency)}</span></div>
<div>Shipping<span id="cart-shipping">{money(totals.shipping, currency)}</span></div>
<div>Estimated tax<span id="cart-tax">{money(totals.tax, currency)}</span></div>
<div class="grand">Total<span id="cart-grand-total">{money(totals.grand_total, currency)}</span></div></div>
<div class="actions"><a class="btn btn-plain" id="continue-shopping" href="{shop}">Continue shopping</a>
<form method="post" action="{shop}/cancel" id="cancel-form"><button class="btn btn-plain" id="cancel-punchout" type="submit">Cancel</button></form>
<form method="post" action="{shop}/submit" id="submit-form"><button class="btn btn-accent" id="submit-cart" type="submit">{submit_label}</button></form>
</div></div>"""
    return page("Cart", body, session)


def return_page(action_url, field_name, field_value, cancelled):
    """The auto-submitting form that carries the cart back to the buyer, with a visible fallback."""
    what = "Returning an empty cart" if cancelled else "Returning your cart"
    body = f"""<div class="panel" id="punchout-return-panel"><h2>{what} to your procurement system...</h2>
<p class="meta">If nothing happens, press the button.</p>
<form id="punchout-return" method="post" action="{escape(action_url)}" accept-charset="UTF-8">
<input type="hidden" name="{escape(field_name)}" value="{escape(field_value)}">
<button class="btn btn-accent" id="return-to-buyer" type="submit">Continue to your procurement system</button></form>
</div><script>document.getElementById("punchout-return").submit();</script>"""
    return page("Returning cart", body)


def message_page(title, text):
    body = f'<div class="panel" id="sandbox-message"><h2>{escape(title)}</h2><p>{escape(text)}</p></div>'
    return page(title, body)


def home_page(accounts):
    items = "".join(f"<li><code>{escape(identity)}</code></li>" for identity in accounts)
    body = f"""<div class="panel" id="sandbox-home"><h2>Amazon Business sandbox</h2>
<p>Punchout setup: <code>POST /punchout</code> - orders: <code>POST /order</code> - admin: <code>/_sandbox/</code></p>
<p>Accounts:</p><ul>{items}</ul></div>"""
    return page("Sandbox", body)
