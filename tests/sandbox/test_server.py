"""Starting and stopping the sandbox: as a program (``--port 0``) and in a thread; 127.0.0.1 only."""
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

import amazon_sandbox

REPO_ROOT = Path(__file__).resolve().parents[2]
FIRST_LINE = "Amazon Business sandbox on http://127.0.0.1:"


def _start(*arguments):
    process = subprocess.Popen([sys.executable, "-m", "amazon_sandbox", "--port", "0", "--quiet", *arguments],
                               cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first_line = process.stdout.readline().strip()
    return process, first_line


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "terminate"])
def test_the_program_prints_its_url_first_and_stops_cleanly(stop):
    process, first_line = _start()
    try:
        assert first_line.startswith(FIRST_LINE), first_line + process.stderr.read()
        url = first_line.rsplit(" ", 1)[1]
        assert requests.get(f"{url}/_sandbox/", timeout=10).json()["accounts"] == ["NEO1-DEMO-BUYER"]
        process.send_signal(stop)
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
        process.stderr.close()
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=2)


def test_the_program_reads_an_accounts_file(tmp_path):
    accounts = tmp_path / "accounts.json"
    accounts.write_text(json.dumps({"accounts": [{"identity": "ACME", "shared_secret": "s3cret",
                                                  "groups": ["Lab"], "form_field": "cxml-base64"}]}))
    process, first_line = _start("--accounts", str(accounts), "--answer-delay", "0")
    try:
        url = first_line.rsplit(" ", 1)[1]
        summary = requests.get(f"{url}/_sandbox/", timeout=10).json()
        assert (summary["accounts"], summary["answer_delay"]) == (["ACME"], 0)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()


@pytest.mark.parametrize("arguments, message", [
    (["--host", "0.0.0.0"], "--host must be 127.0.0.1"),
    (["--accounts", "/nonexistent/accounts.json"], "cannot read accounts file"),
    (["--accounts", "{tmp}/typo.json"], "unknown account keys ['allow_edt']"),
])
def test_the_program_refuses_bad_arguments(tmp_path, arguments, message):
    (tmp_path / "typo.json").write_text(json.dumps({"accounts": [
        {"identity": "ACME", "shared_secret": "s", "allow_edt": True}]}))
    arguments = [argument.format(tmp=tmp_path) for argument in arguments]
    result = subprocess.run([sys.executable, "-m", "amazon_sandbox", "--port", "0", *arguments], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and message in result.stderr
    assert result.stdout == ""


def test_the_thread_binds_127_0_0_1_only():
    with amazon_sandbox.start_in_thread() as running:
        assert running.server.socket.getsockname()[0] == "127.0.0.1"
        assert running.url.startswith("http://127.0.0.1:")
        assert requests.get(running.url, timeout=10).status_code == 200
    with pytest.raises(ValueError, match="127.0.0.1 only"):
        amazon_sandbox.start_in_thread(host="0.0.0.0")


def test_stop_releases_the_port():
    running = amazon_sandbox.start_in_thread()
    url = running.url
    running.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=2)
