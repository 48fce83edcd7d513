"""The storefront's catalogue: about thirty everyday business items.

Prices are plain numbers shown in the account's currency. ``seller`` is the
``soldBy`` Extrinsic; ``fba`` says whether Amazon fulfils the offer, which also
decides whether the line carries a shipping charge.
"""
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Product:
    asin: str
    title: str
    price: Decimal
    unspsc: str
    uom: str
    seller: str
    fba: bool
    manufacturer: str
    manufacturer_part_id: str
    category: str
    sub_category: str
    pack: str = ""  # what one unit of measure holds, shown to the shopper

    @property
    def fulfilled_by(self):
        return "Amazon" if self.fba else self.seller

    @property
    def shipping(self):
        """Amazon ships its own offers free; third-party sellers charge per line."""
        return Decimal("0.00") if self.fba else Decimal("5.99")


def _product(asin, title, price, unspsc, uom, seller, fba, maker, mpn, category, sub, pack=""):
    return Product(asin, title, Decimal(price), unspsc, uom, seller, fba, maker, mpn, category, sub, pack)


AMAZON = "Amazon"
CATALOGUE = (
    _product("B07QXV6N1B", "Gel Ink Rollerball Pens, Medium Point 0.7 mm, Black", "14.49", "44121704", "PK",
             AMAZON, True, "Pentel", "BL77-A", "OFFICE_PRODUCTS", "WRITING_INSTRUMENT", "Pack of 12"),
    _product("B01M8KXTWQ", "Ballpoint Pens, Medium Point, Blue Ink", "8.99", "44121704", "BX",
             AMAZON, True, "BIC", "MS11-BLU", "OFFICE_PRODUCTS", "WRITING_INSTRUMENT", "Box of 60"),
    _product("B08CRTQ4PL", "Multipurpose Copy Paper, Letter 8.5 x 11 in, 20 lb, 92 Bright", "54.99", "14111507",
             "CA", AMAZON, True, "Hammermill", "HAM-113620C", "OFFICE_PRODUCTS", "PAPER", "Case of 10 reams"),
    _product("B00006IFHD", "Sticky Notes, 3 x 3 in, Canary Yellow", "11.79", "14111530", "PK",
             AMAZON, True, "Post-it", "654-12YW", "OFFICE_PRODUCTS", "PAPER", "Pack of 12 pads"),
    _product("B0043M4PWG", "Heavy Duty Stapler, 40 Sheet Capacity", "24.95", "44121615", "EA",
             "Brightline Office Supply", False, "Swingline", "S7074570", "OFFICE_PRODUCTS", "DESK_SUPPLY"),
    _product("B000J0EE1S", "Standard Staples, 1/4 in Leg, 5000 per Box", "4.29", "44122107", "BX",
             AMAZON, True, "Swingline", "S7035450", "OFFICE_PRODUCTS", "DESK_SUPPLY", "Box of 5000"),
    _product("B07B8TJ9KX", "Jumbo Paper Clips, Smooth Finish, Silver", "6.49", "44122104", "BX",
             AMAZON, True, "ACCO", "A7072510", "OFFICE_PRODUCTS", "DESK_SUPPLY", "Box of 100"),
    _product("B001E6CMKW", "3-Ring Binders, 1 in D-Ring, White View", "32.40", "44122003", "PK",
             "Brightline Office Supply", True, "Avery", "AVE-17012", "OFFICE_PRODUCTS", "FILING", "Pack of 12"),
    _product("B002LARL3Q", "Hanging File Folders, Letter Size, Assorted Colors", "18.99", "44122011", "BX",
             AMAZON, True, "Pendaflex", "PFX-81663", "OFFICE_PRODUCTS", "FILING", "Box of 25"),
    _product("B07L3FN1XV", "Dry Erase Markers, Chisel Tip, Assorted Colors", "12.89", "44121708", "PK",
             AMAZON, True, "EXPO", "1921061", "OFFICE_PRODUCTS", "WRITING_INSTRUMENT", "Pack of 12"),
    _product("B09JMV2QWK", "High Yield Toner Cartridge, Black, 3,000 Pages", "89.99", "44103103", "EA",
             AMAZON, True, "Brother", "TN-760", "OFFICE_PRODUCTS", "PRINTER_SUPPLY"),
    _product("B0872RXQ4J", "Cross-Cut Paper Shredder, 12 Sheet, 5 Gallon Bin", "119.00", "44101603", "EA",
             "Metro Office Direct", False, "Fellowes", "4630001", "OFFICE_PRODUCTS", "OFFICE_MACHINE"),
    _product("B07S395RWD", "Wireless Keyboard and Mouse Combo, Full Size", "39.99", "43211706", "EA",
             AMAZON, True, "Logitech", "920-002716", "PC", "INPUT_DEVICE"),
    _product("B07FKMDJQZ", "Ergonomic Wireless Mouse, Rechargeable", "29.99", "43211708", "EA",
             AMAZON, True, "Logitech", "910-005448", "PC", "INPUT_DEVICE"),
    _product("B08KHKD6PY", "27 in IPS Monitor, QHD 2560 x 1440, Height Adjustable", "249.99", "43211902", "EA",
             AMAZON, True, "Dell", "P2723D", "PC", "MONITOR"),
    _product("B07PNPFQGZ", "USB-C to HDMI Cable, 6 ft, 4K", "15.99", "43202222", "EA",
             "CableWorks Direct", False, "Cable Matters", "201043-6", "PC", "CABLE"),
    _product("B07D7TV5J3", "USB Flash Drive, 64 GB, USB 3.1", "9.49", "43202005", "EA",
             AMAZON, True, "SanDisk", "SDCZ430-064G", "PC", "STORAGE"),
    _product("B09WF4VQ8R", "Noise Cancelling USB Headset with Boom Microphone", "59.95", "52161514", "EA",
             "CableWorks Direct", True, "Jabra", "7599-832-109", "PC", "AUDIO"),
    _product("B08HJTH61J", "Surge Protector Power Strip, 8 Outlets, 6 ft Cord", "22.99", "39121011", "EA",
             AMAZON, True, "Belkin", "BE108230-06", "ELECTRONICS", "POWER"),
    _product("B07XLML2YS", "LED Desk Lamp, Dimmable, with USB Charging Port", "34.99", "39111610", "EA",
             "Brightline Office Supply", False, "TaoTronics", "TT-DL13", "HOME", "LIGHTING"),
    _product("B084DF5SH3", "Mesh Office Chair, Lumbar Support, Adjustable Arms", "189.00", "56112102", "EA",
             "Metro Office Direct", False, "HON", "HVL702", "FURNITURE", "SEATING"),
    _product("B07H8Q6R4T", "Folding Training Table, 6 ft, Gray Laminate", "164.50", "56101519", "EA",
             "Metro Office Direct", False, "Lorell", "LLR60740", "FURNITURE", "TABLE"),
    _product("B000FHX8PK", "Ground Coffee, Medium Roast, 2.5 oz Fraction Packs", "42.99", "50201706", "CA",
             AMAZON, True, "Folgers", "FOL-06125", "GROCERY", "BREAKROOM", "Case of 42 packs"),
    _product("B07BQ4V2FH", "Disposable Paper Cups, 12 oz, with Lids", "27.49", "52151502", "CA",
             "Breakroom Pantry Co.", True, "Dixie", "DXE-2342", "GROCERY", "BREAKROOM", "Case of 300"),
    _product("B00EUZXS7A", "Multifold Paper Towels, White, 250 Sheets per Pack", "39.99", "14111703", "CA",
             AMAZON, True, "Scott", "KCC-01804", "JANITORIAL", "PAPER_PRODUCT", "Case of 16 packs"),
    _product("B01LWIJ8K7", "Foaming Hand Soap Refill, Fragrance Free, 1200 ml", "31.20", "53131608", "CA",
             "Metro Janitorial", False, "GOJO", "5161-02", "JANITORIAL", "SOAP", "Case of 2"),
    _product("B08F7Y3JNN", "All-Purpose Cleaner Spray, 32 oz", "3.99", "47131801", "EA",
             AMAZON, True, "Clorox", "CLO-01698", "JANITORIAL", "CLEANER"),
    _product("B07VFBZ3KD", "Nitrile Exam Gloves, Powder Free, Size L", "12.99", "46181504", "BX",
             "SafeWorks Industrial", True, "Medline", "MDS-195085", "INDUSTRIAL", "SAFETY", "Box of 100"),
    _product("B003Y3BDTW", "Safety Glasses, Anti-Fog, Clear Lens, ANSI Z87.1", "18.49", "46181802", "PK",
             "SafeWorks Industrial", False, "3M", "SF201AF", "INDUSTRIAL", "SAFETY", "Pack of 10"),
    _product("B00BMUSFMA", "First Aid Kit, 25 Person, OSHA Compliant", "36.75", "42172001", "EA",
             AMAZON, True, "First Aid Only", "FAO-90639", "INDUSTRIAL", "FIRST_AID"),
    _product("B01BHGS1NY", "Packing Tape, Clear, 1.88 in x 54.6 yd", "21.99", "31201512", "PK",
             AMAZON, True, "Scotch", "3750-6", "INDUSTRIAL", "PACKAGING", "Pack of 6"),
    _product("B00JVW6MJU", "Corrugated Shipping Boxes, 12 x 9 x 6 in", "28.95", "24112700", "BX",
             "Brightline Office Supply", False, "Uline", "S-4137", "INDUSTRIAL", "PACKAGING", "Bundle of 25"),
)

_BY_ASIN = {product.asin: product for product in CATALOGUE}


def find_product(asin):
    return _BY_ASIN.get(asin)


def search(query):
    """Every product whose words contain all the query's words (case-insensitive)."""
    words = (query or "").lower().split()
    return [product for product in CATALOGUE if all(word in _haystack(product) for word in words)]


def _haystack(product):
    return " ".join((product.asin, product.title, product.manufacturer, product.seller,
                     product.category, product.sub_category)).lower().replace("_", " ")
