"""decode_form_post and redact."""
import base64

import pytest

import cxml

DOC = '<cXML payloadID="p" timestamp="t"><Response><Status code="200" text="OK">Grün</Status></Response></cXML>'


def message(data):
    return cxml.parse(data).status.message


@pytest.mark.parametrize("name", ["cxml-base64", "cXML-base64", "CXML-BASE64"])
def test_base64_field_name_is_case_insensitive(name):
    assert message(cxml.decode_form_post({name: base64.b64encode(DOC.encode())})) == "Grün"


def test_base64_is_preferred_and_str_values_with_line_breaks_work():
    encoded = base64.encodebytes(DOC.encode()).decode()  # with \n every 76 chars
    form = {"cxml-urlencoded": DOC.replace("Grün", "other"), "cXML-Base64": encoded}
    assert message(cxml.decode_form_post(form)) == "Grün"


def test_urlencoded_value_is_the_document_text():
    assert message(cxml.decode_form_post({"CXML-urlencoded": DOC})) == "Grün"
    assert message(cxml.decode_form_post({"cxml-urlencoded": DOC.encode()})) == "Grün"


def test_empty_base64_falls_back_to_urlencoded():
    assert message(cxml.decode_form_post({"cxml-base64": " ", "cxml-urlencoded": DOC})) == "Grün"


def test_latin1_bytes_without_declaration_do_not_crash():
    assert message(cxml.decode_form_post({"cxml-base64": base64.b64encode(DOC.encode("latin-1"))})) == "Grün"


def test_declared_encoding_wins():
    data = ('<?xml version="1.0" encoding="ISO-8859-1"?>' + DOC).encode("latin-1")
    assert message(cxml.decode_form_post({"cxml-base64": base64.b64encode(data)})) == "Grün"
    text = '<?xml version="1.0" encoding="ISO-8859-1"?>' + DOC  # already decoded by the framework
    assert message(cxml.decode_form_post({"cxml-urlencoded": text})) == "Grün"


def test_plus_turned_into_space_is_repaired():
    data = DOC.replace("Grün", "Grün>>>?").encode()
    original = base64.b64encode(data)
    assert b"+" in original.strip(b"+")  # the encoding really has an inner '+'
    damaged = original.replace(b"+", b" ")
    assert cxml.decode_form_post({"cxml-base64": damaged}) == data


@pytest.mark.parametrize("form, match", [
    ({}, "neither cxml-base64 nor cxml-urlencoded"),
    ({"cxml": DOC}, "neither"),
    ({"cxml-base64": "not base64!!"}, "not valid base64"),
    ({"cxml-base64": "Grün"}, "not base64"),
])
def test_bad_form_is_refused(form, match):
    with pytest.raises(cxml.CXMLError, match=match):
        cxml.decode_form_post(form)


SECRET_DOC = "<Credential><Identity>me</Identity><SharedSecret>hunter2</SharedSecret></Credential>"


def test_redact_masks_shared_secret_in_str_and_bytes():
    assert cxml.redact(SECRET_DOC) == SECRET_DOC.replace("hunter2", "***")
    assert cxml.redact(SECRET_DOC.encode()) == SECRET_DOC.replace("hunter2", "***").encode()


@pytest.mark.parametrize("text", [
    "<sharedsecret>hunter2</sharedsecret>",
    '<ns:SharedSecret xmlns:ns="u">hunter2</ns:SharedSecret>',
    "<SharedSecret>\n  hunter2  \n</SharedSecret >",
    "<SharedSecret><![CDATA[hunter2]]></SharedSecret>",
    "<Credential><SharedSecret>hunter2",  # truncated, malformed
    "<SharedSecret>a</SharedSecret><SharedSecret>hunter2</SharedSecret>",
    "Authorization: Basic hunter2",
    "POST https://neo1:hunter2@127.0.0.1/cxml",
])
def test_redact_variants(text):
    masked = cxml.redact(text)
    assert "hunter2" not in masked and "***" in masked


def test_redact_keeps_everything_else():
    doc = SECRET_DOC + "<UserAgent>ua</UserAgent>"
    assert cxml.redact(doc).endswith("<SharedSecret>***</SharedSecret></Credential><UserAgent>ua</UserAgent>")
    assert cxml.redact("<SharedSecret/><Identity>x</Identity>") == "<SharedSecret/><Identity>x</Identity>"
