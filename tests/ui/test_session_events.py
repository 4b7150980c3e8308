"""Session events, reported in English by app/trading, are shown in the interface language."""

from app.ui import i18n
from app.ui.panels.session_panel import translate_event


def test_known_events_and_prefixes_are_translated(qapp):
    i18n.install(qapp, "ko")
    try:
        assert translate_event("12:00:01 logged in") == "12:00:01 로그인됨"
        assert translate_event("12:00:02 login failed: [IGW00103] 유효하지 않은 AppKey입니다.") == \
            "12:00:02 로그인 실패: [IGW00103] 유효하지 않은 AppKey입니다."
        assert translate_event("12:00:03 something new") == "12:00:03 something new"
    finally:
        i18n.install(qapp, "en")
    assert translate_event("12:00:01 logged in") == "12:00:01 logged in"
