"""Fixtures for the sandbox tests: a sandbox on a 127.0.0.1 thread (answers only on
demand, fake clock), the receiving server and the buyer from sandbox_helpers."""
import pytest
from sandbox_helpers import Buyer, FakeClock, Receiver, accounts_data

import amazon_sandbox


@pytest.fixture
def receiver():
    running = Receiver()
    yield running
    running.stop()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def sandbox(receiver, clock):
    running = amazon_sandbox.start_in_thread(accounts_data(receiver.url), answer_delay=0, clock=clock)
    yield running
    running.stop()


@pytest.fixture
def buyer(sandbox, receiver):
    return Buyer(sandbox, receiver)
