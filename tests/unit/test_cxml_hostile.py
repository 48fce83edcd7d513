"""One test per attack: nothing is fetched, expanded or leaked."""
import socket
import threading

import pytest

import cxml

BODY = (b'<cXML payloadID="x" timestamp="2024-01-01T00:00:00Z"><Response>'
        b'<Status code="200" text="OK">%s</Status></Response></cXML>')


def status_message(data):
    return cxml.parse(data).status.message


def test_xxe_file_read_is_refused_and_leaks_nothing(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT-4711")
    data = (f'<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY xxe SYSTEM "file://{secret}">]>'.encode()
            + BODY % b"&xxe;")
    with pytest.raises(cxml.CXMLError, match="ENTITY") as refused:
        cxml.parse(data)
    assert "TOP-SECRET" not in str(refused.value)


def test_billion_laughs_is_refused():
    entities = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10) for i in range(1, 10))
    with pytest.raises(cxml.CXMLError, match="ENTITY"):
        cxml.parse(b"<!DOCTYPE cXML [" + entities + b"]>" + BODY % b"&lol9;")


def test_external_dtd_file_is_refused_and_never_read(tmp_path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "LEAKED-FROM-DTD">')
    with pytest.raises(cxml.CXMLError, match="not a cXML DTD"):
        cxml.parse(f'<!DOCTYPE cXML SYSTEM "file://{dtd}">'.encode() + BODY % b"&leak;")
    with pytest.raises(cxml.CXMLError, match="not a cXML DTD"):
        cxml.parse(f'<!DOCTYPE cXML SYSTEM "{dtd}">'.encode() + BODY % b"ok")


def test_parameter_entities_are_refused(tmp_path):
    payload = tmp_path / "p.dtd"
    payload.write_text("<!ENTITY x 'PARAM-LEAK'>")
    data = f'<!DOCTYPE cXML [<!ENTITY % p SYSTEM "file://{payload}"> %p;]>'.encode() + BODY % b"&x;"
    with pytest.raises(cxml.CXMLError, match="ENTITY"):
        cxml.parse(data)


@pytest.fixture
def listening_port():
    """A loopback socket that records whether anybody connected."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.5)
    connected = []

    def watch():
        try:
            connected.append(server.accept())
        except OSError:
            pass

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    yield server.getsockname()[1], connected, thread
    server.close()


def test_doctype_pointing_at_a_url_is_refused_without_network(listening_port, cxml_dtd_dir):
    port, connected, thread = listening_port
    data = f'<!DOCTYPE cXML SYSTEM "http://127.0.0.1:{port}/cXML.dtd">'.encode() + BODY % b"hello"
    with pytest.raises(cxml.CXMLError, match="not a cXML DTD"):
        cxml.parse(data)
    with pytest.raises(cxml.CXMLError, match="not a cXML DTD"):
        cxml.validate(data, cxml_dtd_dir)
    thread.join(1)
    assert connected == []


def test_known_cxml_doctype_is_accepted_and_not_fetched():
    data = b'<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">' + BODY % b"hi"
    assert status_message(data) == "hi"


def test_internal_subset_without_entities_is_tolerated():
    data = b'<!DOCTYPE cXML [<!ELEMENT cXML ANY>]>' + BODY % b"fine"
    assert status_message(data) == "fine"


def test_xinclude_is_never_processed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("XINCLUDE-LEAK-4711")
    include = f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{secret}" parse="text"/>'
    doc = cxml.parse(BODY % include.encode())
    assert "XINCLUDE-LEAK" not in repr(doc) and "XINCLUDE-LEAK" not in repr(cxml.to_jsonable(doc))


def test_undeclared_entity_reference_is_refused():
    with pytest.raises(cxml.CXMLError, match="not well-formed"):
        cxml.parse(BODY % b"&nope;")


def test_utf16_entity_declaration_is_refused():
    data = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE cXML [<!ENTITY e "boom">]>'
            + (BODY % b"&e;").decode()).encode("utf-16")
    with pytest.raises(cxml.CXMLError, match="ENTITY"):
        cxml.parse(data)


def test_size_limit_is_checked_before_parsing():
    data = BODY % (b"a" * 2000)
    with pytest.raises(cxml.CXMLError, match="above the 1000-byte limit"):
        cxml.parse(data, max_size=1000)
    assert cxml.MAX_SIZE == 10 * 1024 * 1024
    with pytest.raises(cxml.CXMLError, match="limit"):
        cxml.parse(b"<" * (cxml.MAX_SIZE + 1))


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"<cXML", "not well-formed"),
    (b"<Order/>", "root element is 'Order'"),
    (b'<cXML payloadID="x"/>', "no Request, Message or Response"),
    (b"<cXML><Request><ProfileRequest/></Request></cXML>", "Request/ProfileRequest is not a supported"),
    (b'<cXML><Response><Status code="abc" text=""/></Response></cXML>', "Response/Status@code 'abc'"),
])
def test_malformed_input_gets_a_located_message(data, message):
    with pytest.raises(cxml.CXMLError, match=message):
        cxml.parse(data)


def test_missing_part_names_its_path():
    from cxml_factories import cart
    data = cxml.build(cart(3))
    broken = data.replace(b"<SupplierPartID>B000000002</SupplierPartID>", b"")
    with pytest.raises(cxml.CXMLError) as refused:
        cxml.parse(broken)
    assert str(refused.value) == "PunchOutOrderMessage/ItemIn[2]/ItemID/SupplierPartID is missing"
    with pytest.raises(cxml.CXMLError, match=r"ItemIn\[1\]/ItemDetail/UnitPrice/Money 'x' is not a number"):
        cxml.parse(data.replace(b'<Money currency="USD">1.99</Money>', b'<Money currency="USD">x</Money>', 1))
    with pytest.raises(cxml.CXMLError, match="not a finite number"):
        cxml.parse(data.replace(b'<Money currency="USD">1.99</Money>', b'<Money currency="USD">NaN</Money>', 1))
