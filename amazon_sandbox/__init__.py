"""A local stand-in for Amazon Business: punchout, storefront, orders and answers.

It talks to the buyer (Odoo) only over HTTP, the way Amazon does, and reads and
writes every cXML document with the project's ``cxml`` library, which lives in
the addon folder; that folder is put on ``sys.path`` here so that the sandbox
runs without Odoo.
"""
import sys
from pathlib import Path

_ADDON_DIR = str(Path(__file__).resolve().parent.parent / "neo1_amazon_punchout")
if _ADDON_DIR not in sys.path:
    sys.path.insert(0, _ADDON_DIR)

from .server import start_in_thread  # noqa: E402  (needs the path above)

__all__ = ["start_in_thread"]
