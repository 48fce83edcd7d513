"""Parsing in a server thread (werkzeug, Odoo) must not even try the DOCTYPE's network DTD."""
import threading
from decimal import Decimal

import cxml


def test_parse_in_a_thread_does_not_try_the_network_dtd(capfd):
    cart = cxml.PunchOutOrderMessage(
        header=cxml.Header(from_=(cxml.Credential("DUNS", "128990368"),), to=(cxml.Credential("NetworkId", "BUYER"),),
                           sender=(cxml.Credential("DUNS", "128990368"),)),
        buyer_cookie="cookie", total=cxml.Money(Decimal("1.00"), "USD"))
    data = cxml.build(cart)
    assert b"http://xml.cxml.org/schemas/cXML/" in data
    parsed = []
    worker = threading.Thread(target=lambda: parsed.append(cxml.parse(data)))
    worker.start()
    worker.join()
    assert parsed[0].buyer_cookie == "cookie"
    assert "network entity" not in capfd.readouterr().err
