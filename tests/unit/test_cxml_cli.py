"""bin/cxml as a subprocess."""
import json
import subprocess
import sys
from pathlib import Path

import cxml
from cxml_factories import order_request

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "bin" / "cxml"
FIXTURES = REPO / "tests" / "fixtures" / "cxml"


def run(*args, env=None):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          timeout=60, env=env, cwd="/")


def test_parse_prints_the_cart_json_shape():
    result = run("parse", FIXTURES / "amazon-cart-3-lines.xml")
    assert result.returncode == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["type"] == "PunchOutOrderMessage"
    assert data["payload_id"] == "1733300000.101.neo1fixture@amazon.com"
    assert data["buyer_cookie"] == "neo1-session-42" and data["operation_allowed"] == "create"
    assert data["total"] == {"amount": "61.47", "currency": "USD"}
    item = data["items"][0]
    assert item["quantity"] == "2" and item["unit_price"] == "9.99" and item["currency"] == "USD"
    assert item["classifications"] == {"UNSPSC": "44121615"} and item["unit_of_measure"] == "EA"
    assert item["supplier_part_auxiliary_id"] == "111-2223334-5556667,1"
    assert item["extrinsics"]["soldBy"] == "Amazon.com Services LLC"
    assert item["manufacturer_name"] == "Neo1 Office"


def test_parse_masks_the_shared_secret(tmp_path):
    path = tmp_path / "order.xml"
    path.write_bytes(cxml.build(order_request()))
    result = run("parse", path)
    assert result.returncode == 0
    assert "s3cret-value" not in result.stdout
    assert json.loads(result.stdout)["header"]["sender"][0]["shared_secret"] == "***"
    assert json.loads(result.stdout)["header_type"] == "new"


def test_response_status_shape(tmp_path):
    path = tmp_path / "r.xml"
    path.write_bytes(cxml.build(cxml.Response(status=cxml.Status(200, "OK"))))
    data = json.loads(run("parse", path).stdout)
    assert data["status"] == {"code": 200, "text": "OK", "message": ""}


def test_refused_input_exits_2_with_one_line(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_bytes(b'<!DOCTYPE cXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><cXML>&x;</cXML>')
    for command in ("parse", "validate"):
        result = run(command, path)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.count("\n") == 1 and "ENTITY" in result.stderr and "Traceback" not in result.stderr
    missing = run("parse", tmp_path / "nope.xml")
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1


def test_validate_uses_dtd_dir_option_and_env(tmp_path, cxml_dtd_dir):
    path = tmp_path / "order.xml"
    path.write_bytes(cxml.build(order_request()))
    ok = run("validate", path, "--dtd-dir", cxml_dtd_dir)
    assert ok.returncode == 0 and "valid against cXML.dtd" in ok.stdout
    wrong = run("validate", path, "--dtd-dir", tmp_path)
    assert wrong.returncode == 2 and "not found" in wrong.stderr
    env_run = run("validate", path, env={"CXML_DTD_DIR": str(cxml_dtd_dir), "PATH": "/usr/bin:/bin"})
    assert env_run.returncode == 0
    broken = tmp_path / "broken.xml"
    broken.write_bytes(path.read_bytes().replace(b"<BillTo>", b"<Oops/><BillTo>"))
    invalid = run("validate", broken, "--dtd-dir", cxml_dtd_dir)
    assert invalid.returncode == 2 and "Oops" in invalid.stderr and invalid.stderr.count("\n") == 1


def test_default_dtd_dir_is_the_shared_folder_beside_the_repository(tmp_path):
    path = tmp_path / "order.xml"
    path.write_bytes(cxml.build(order_request()))
    result = run("validate", path, env={"PATH": "/usr/bin:/bin"})  # no CXML_DTD_DIR
    if (REPO.parent / "shared" / "cxml" / "dtd" / "cXML.dtd").is_file():
        assert result.returncode == 0 and "valid against cXML.dtd" in result.stdout
    else:
        assert result.returncode == 2 and "not found" in result.stderr


def test_python_without_lxml_exits_3_with_one_line(tmp_path):
    path = tmp_path / "order.xml"
    path.write_bytes(cxml.build(order_request()))
    # -S: no site-packages, so this interpreter has no lxml.
    result = subprocess.run([sys.executable, "-S", str(SCRIPT), "parse", str(path)], capture_output=True,
                            text=True, timeout=60, cwd="/")
    assert result.returncode == 3 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "lxml" in result.stderr and "Traceback" not in result.stderr


def test_a_directory_as_file_exits_2_without_traceback(tmp_path):
    result = run("parse", tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
