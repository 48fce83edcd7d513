"""Constants of the addon: limits, lifetimes and the unit-of-measure table."""

# A punchout session (and its BuyerCookie) is valid this long after the StartPage was obtained.
SESSION_LIFETIME_HOURS = 8
# BuyerCookie entropy: 32 random bytes (256 bits), URL-safe text.
BUYER_COOKIE_BYTES = 32
# The largest cart form POST accepted by the return route: a 1,000-line Amazon cart is about 1.5 MB
# as a form; werkzeug refuses form fields over 10 MB anyway.
MAX_CART_POST_BYTES = 8 * 1024 * 1024
# Seconds to wait for Amazon Business on a synchronous call.
DEFAULT_TIMEOUT_SECONDS = 30
USER_AGENT = "Odoo neo1_amazon_punchout 19.0"

# UNECE Recommendation 20 codes (and the short forms Amazon and others send) -> Odoo units.
# A code absent here becomes Units, with a note on the line.
UNECE_TO_UOM_XMLID = {
    "EA": "uom.product_uom_unit",
    "C62": "uom.product_uom_unit",
    "H87": "uom.product_uom_unit",
    "PCE": "uom.product_uom_unit",
    "EACH": "uom.product_uom_unit",
    "DZ": "uom.product_uom_dozen",
    "DZN": "uom.product_uom_dozen",
    "PK": "neo1_amazon_punchout.uom_pack",
    "PA": "neo1_amazon_punchout.uom_pack",
    "BX": "neo1_amazon_punchout.uom_box",
    "CA": "neo1_amazon_punchout.uom_case",
    "CS": "neo1_amazon_punchout.uom_case",
    "CT": "neo1_amazon_punchout.uom_case",
    "KGM": "uom.product_uom_kgm",
    "GRM": "uom.product_uom_gram",
    "LBR": "uom.product_uom_lb",
    "ONZ": "uom.product_uom_oz",
    "LTR": "uom.product_uom_litre",
    "MLT": "uom.product_uom_milliliter",
    "MTR": "uom.product_uom_meter",
    "CMT": "uom.product_uom_cm",
    "FOT": "uom.product_uom_foot",
    "INH": "uom.product_uom_inch",
    "HUR": "uom.product_uom_hour",
    "DAY": "uom.product_uom_day",
}
