"""The log panel: records arrive, level filter, search, copy; the file log is rotated and scrubbed."""

import logging

from PySide6.QtGui import QGuiApplication

from app.trading.logfile import register_secret, setup_logging
from app.ui.log_model import LogBridge, LogModel, QtLogHandler


def test_log_model_and_panel(shell, qtmodeltester):
    model = shell.context.log_model
    bridge = LogBridge()
    bridge.record.connect(model.add)
    handler = QtLogHandler(bridge)
    logger = logging.getLogger("test.logpanel")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        logger.info("order sent for AAPL")
        logger.warning("rate limit close")
        logger.debug("noise")
        model.flush()
    finally:
        logger.removeHandler(handler)
    qtmodeltester.check(model)
    panel = shell.window.docks["log-1"].panel
    assert panel.proxy.rowCount() == 2  # DEBUG hidden at the INFO default
    panel.search.setText("rate")
    assert panel.proxy.rowCount() == 1
    panel.copy()
    assert "rate limit close" in QGuiApplication.clipboard().text()
    panel.search.clear()
    panel.level.setCurrentText("WARNING")
    assert panel.proxy.rowCount() == 1
    panel.level.setCurrentText("DEBUG")
    assert panel.proxy.rowCount() == 3


def test_capacity_is_kept(qtmodeltester):
    model = LogModel(capacity=10)
    for i in range(25):
        model.add((0.0, logging.INFO, "x", str(i)))
    model.flush()
    assert model.rowCount() == 10 and model.row_data(0)[3] == "15"
    qtmodeltester.check(model)


def test_file_log_is_scrubbed(tmp_path):
    root = logging.getLogger()
    before = list(root.handlers)
    path = setup_logging(tmp_path)
    try:
        register_secret("APPSECRET-zz-998877")
        logging.getLogger("test.file").warning("login with APPSECRET-zz-998877 appkey=PLAINKEY1")
    finally:
        for h in root.handlers[:]:
            if h not in before:
                h.close()
                root.removeHandler(h)
    text = path.read_text("utf-8")
    assert "login with" in text and "APPSECRET-zz" not in text and "PLAINKEY1" not in text
