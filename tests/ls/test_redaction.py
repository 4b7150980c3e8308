"""Every object (client core, session, embedded exchange) that holds a key, a secret, a token or a password hides it
in repr() and str() (anything may log an object with %r, or show it in a traceback)."""

from __future__ import annotations

import json

import pytest

from app.ls.config import Credentials, EnvKeys, load_env_keys
from app.ls.oauth import TokenResponse
from app.ls.token import Token, TokenInBlock, TokenManager, TokenOutBlock
from app.ls.transport import RawResponse, RestTransport
from app.sim.tokens import TokenInfo
from app.trading.session import Keys

KEY, SECRET = "APPKEY-visible-0123456789abcdef", "SECRET-visible-0123456789abcdef"
TOKEN = "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJ0b2tlbiJ9.c2lnbmF0dXJlLXZpc2libGU"


def holders():
    creds = Credentials(KEY, SECRET)
    token_answer = json.dumps({"access_token": TOKEN, "expires_in": 3600}).encode()
    manager = TokenManager(RestTransport("http://127.0.0.1:1"), creds)
    manager._token = Token(TOKEN, 1000.0, 3600)
    return {
        "Credentials": creds,
        "EnvKeys": EnvKeys(creds, creds),
        "Token": Token(TOKEN, 1000.0, 3600),
        "TokenInBlock": TokenInBlock(appkey=KEY, appsecretkey=SECRET),
        "TokenOutBlock": TokenOutBlock(access_token=TOKEN, expires_in=3600),
        "TokenResponse": TokenResponse(TokenOutBlock(access_token=TOKEN, expires_in=3600)),
        "RawResponse": RawResponse(200, {"content-type": "application/json"}, token_answer),
        "TokenManager": manager,
        "TokenManager.token": manager.token,
        "Keys": Keys(KEY, SECRET),
        "sim TokenInfo": TokenInfo(TOKEN, KEY, 0.0, 3600.0),
    }


@pytest.mark.parametrize("name", list(holders()))
def test_repr_and_str_hide_keys_secrets_and_tokens(name):
    obj = holders()[name]
    for text in (repr(obj), str(obj), f"{obj!r}", "%r" % (obj,)):
        assert SECRET not in text and TOKEN not in text, (name, text)
        assert KEY not in text, (name, text)  # an app key is shown masked at most


def test_env_keys_loaded_from_a_file_hide_the_secret(tmp_path, monkeypatch):
    for name in ("APPKEY", "APPSECRET", "APPKEY_FUTURE", "APPSECRET_FUTURE"):
        monkeypatch.delenv(name, raising=False)
    env = tmp_path / ".env"
    env.write_text(f"APPKEY={KEY}\nAPPSECRET={SECRET}\n", "utf-8")
    keys = load_env_keys(env)
    assert keys.stock is not None and SECRET not in repr(keys) and KEY not in repr(keys)


def test_block_reprs_hide_account_passwords():
    from app.ls.models import COSAT00301, CIDBT00100

    stock = COSAT00301.COSAT00301OutBlock1(InptPwd="pin-4821-visible", IsuNo="TSLA")
    futures = CIDBT00100.CIDBT00100OutBlock1(Pwd="pin-4821-visible", IsuCodeVal="ESZ26")
    for block, shown in ((stock, "TSLA"), (futures, "ESZ26")):
        for text in (repr(block), str(block), "%r" % (block,)):
            assert "pin-4821-visible" not in text and shown in text  # the rest of the block still shows
