"""The admin API answers loopback clients only, and exposes what the sandbox received."""
from werkzeug.test import Client

from amazon_sandbox.accounts import DEMO_ACCOUNT
from amazon_sandbox.app import SandboxApp
from amazon_sandbox.state import SandboxState


def test_the_admin_api_refuses_other_clients():
    client = Client(SandboxApp(SandboxState({DEMO_ACCOUNT.identity: DEMO_ACCOUNT})))
    refused = client.get("/_sandbox/orders", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert refused.status_code == 403
    assert client.post("/_sandbox/reset", environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 403
    assert client.get("/_sandbox/orders", environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 200


def test_the_summary_names_the_accounts(buyer):
    summary = buyer.admin("GET", "").json()
    assert summary["accounts"] == ["NEO1-DEMO-BUYER", "NEO1-OPTIONS-BUYER"]
    assert summary["answer_delay"] == 0


def test_setups_carts_and_orders_carry_their_raw_documents_without_secrets(buyer):
    buyer.order()
    [setup] = buyer.admin("GET", "setups").json()
    [cart] = buyer.admin("GET", "carts").json()
    [order] = buyer.admin("GET", "orders").json()
    assert "<PunchOutSetupRequest" in setup["raw"] and "<PunchOutOrderMessage>" in cart["raw"]
    assert "<OrderRequest>" in order["raw"]
    for raw in (setup["raw"], order["raw"]):
        assert "neo1-demo-shared-secret" not in raw
    assert setup["returns"][0]["cart_id"] == setup["cart_id"]
    assert buyer.admin("GET", f"orders/{order['id']}").json()["order_id"] == "P00042"
    assert buyer.admin("GET", "orders/nope").status_code == 404


def test_the_demo_account_matches_the_addon_demo_data():
    assert (DEMO_ACCOUNT.identity, DEMO_ACCOUNT.shared_secret, DEMO_ACCOUNT.currency) == \
        ("NEO1-DEMO-BUYER", "neo1-demo-shared-secret", "USD")
    assert DEMO_ACCOUNT.groups == ("Marketing", "Operations")
    assert DEMO_ACCOUNT.buyer_inbound_url == "http://127.0.0.1:8069/punchout/amazon/cxml"
