<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name></name>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="19"/>
        <source>%1 is not an instrument on this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="21"/>
        <source>The alert price must be a number above zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="22"/>
        <source>Choose ≥ or ≤.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="149"/>
        <source>Line %1: %2 is not an instrument on this server. Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="152"/>
        <source>%1: no such instrument on this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="154"/>
        <source>%1 matches several instruments (%2): pick one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="157"/>
        <source>%1 is already in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="159"/>
        <source>The file holds no symbols. Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="160"/>
        <source>Type a ticker or a name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="162"/>
        <source>Line %1 of the file is not a symbol (%2). Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="165"/>
        <source>The file is not a readable CSV file (%1). Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="167"/>
        <source>A watchlist holds at most %1 symbols.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="169"/>
        <source>A watchlist named %1 already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="171"/>
        <source>A watchlist needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="173"/>
        <source>The last watchlist cannot be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="175"/>
        <source>%1 is not in this watchlist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertDialog</name>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="32"/>
        <source>Price alert — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="34"/>
        <source>Last ≥ (rises to)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="35"/>
        <source>Last ≤ (falls to)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="50"/>
        <source>Symbol</source>
        <translation type="unfinished">종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="52"/>
        <source>Last price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="53"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="54"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertsDialog</name>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="79"/>
        <source>Price alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="81"/>
        <source>Symbol</source>
        <translation type="unfinished">종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="81"/>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="81"/>
        <source>Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="82"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="82"/>
        <location filename="../../app/ui/watchlist_dialogs.py" line="118"/>
        <source>Triggered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="87"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="88"/>
        <source>Clear triggered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="89"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="98"/>
        <source>No alerts. Select a watchlist row and press Alt+A to set one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="118"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Balances</name>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="77"/>
        <source>Stocks</source>
        <translation>해외주식</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="78"/>
        <source>Futures/options</source>
        <translation>해외선물옵션</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="79"/>
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="84"/>
        <source>Account</source>
        <translation>계좌</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="85"/>
        <source>Ccy</source>
        <translation>통화</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="86"/>
        <source>Cash</source>
        <translation>예수금</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="87"/>
        <source>Deposit in this currency</source>
        <translation>이 통화의 예수금</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="88"/>
        <source>Buying power</source>
        <translation>주문가능금액</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="89"/>
        <source>What can be ordered now, as LS reports it</source>
        <translation>LS가 알려준 현재 주문가능금액</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="90"/>
        <source>Margin used</source>
        <translation>위탁증거금</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="91"/>
        <source>Margin free</source>
        <translation>증거금 여유</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="93"/>
        <source>Equity</source>
        <translation>평가자산</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="94"/>
        <source>Cash plus holdings at the last price (futures: deposit plus open P&amp;L)</source>
        <translation>예수금과 보유종목 현재가 평가액의 합 (선물: 예탁금과 평가손익의 합)</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="95"/>
        <source>Open P&amp;L</source>
        <translation>평가손익</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="97"/>
        <source>Realised</source>
        <translation>실현손익</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="99"/>
        <source>KRW rate</source>
        <translation>기준환율</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="100"/>
        <source>Won per unit of the currency, as LS reports it</source>
        <translation>LS가 알려준 통화 1단위당 원화</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="101"/>
        <source>Equity (KRW)</source>
        <translation>평가자산(원)</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="103"/>
        <source>P&amp;L (KRW)</source>
        <translation>손익(원)</translation>
    </message>
</context>
<context>
    <name>BalancesPanel</name>
    <message>
        <location filename="../../app/ui/panels/balances.py" line="49"/>
        <source>The server reported no balances for this account.</source>
        <translation>서버가 이 계좌의 잔액을 보내지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../../app/ui/palette.py" line="47"/>
        <source>Type a command, a symbol (AAPL) or a workspace…</source>
        <translation>명령, 종목(AAPL) 또는 작업공간을 입력하세요…</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette.py" line="48"/>
        <source>↑↓ to choose · Enter to run · Esc to close</source>
        <translation>↑↓ 선택 · Enter 실행 · Esc 닫기</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette.py" line="86"/>
        <source>Command</source>
        <translation type="unfinished">명령</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette.py" line="88"/>
        <source>Not available now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/palette.py" line="95"/>
        <source>Workspace</source>
        <translation>작업공간</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../app/ui/errors.py" line="25"/>
        <source>Unexpected error</source>
        <translation>예기치 않은 오류</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="29"/>
        <source>Something went wrong. lsterm keeps running; the details below are also in the log file.</source>
        <translation>문제가 발생했습니다. lsterm은 계속 실행됩니다. 아래 내용은 로그 파일에도 기록되었습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="36"/>
        <source>Copy details</source>
        <translation>내용 복사</translation>
    </message>
</context>
<context>
    <name>HotkeyDialog</name>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="127"/>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="128"/>
        <source>Filter commands…</source>
        <translation>명령 검색…</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="129"/>
        <source>Assign</source>
        <translation>지정</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="130"/>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="131"/>
        <source>Reset</source>
        <translation>기본값</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="132"/>
        <source>Reset all</source>
        <translation>모두 기본값</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="133"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="173"/>
        <source>{0} is bound to: {1}</source>
        <translation>{0} 키가 중복됨: {1}</translation>
    </message>
</context>
<context>
    <name>HotkeyModel</name>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="20"/>
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="20"/>
        <source>Keys</source>
        <translation>키</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="21"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="58"/>
        <source>Same keys as: {0}</source>
        <translation>같은 키 사용: {0}</translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <location filename="../../app/ui/log_model.py" line="13"/>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <location filename="../../app/ui/log_model.py" line="13"/>
        <source>Level</source>
        <translation>수준</translation>
    </message>
    <message>
        <location filename="../../app/ui/log_model.py" line="14"/>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <location filename="../../app/ui/log_model.py" line="14"/>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <location filename="../../app/ui/panels/log_panel.py" line="91"/>
        <source>Search the log…</source>
        <translation>로그 검색…</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/log_panel.py" line="92"/>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/log_panel.py" line="93"/>
        <source>Copy the selected lines, or every visible line</source>
        <translation>선택한 줄(없으면 보이는 모든 줄) 복사</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/ui/login.py" line="85"/>
        <source>Log in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="86"/>
        <source>Mode</source>
        <translation>모드</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="87"/>
        <source>Demo — embedded exchange, no keys (모의거래소)</source>
        <translation>데모 — 내장 거래소, 키 불필요</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="88"/>
        <source>Paper — LS paper trading (모의투자)</source>
        <translation>모의투자 — LS 모의투자 서버</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="89"/>
        <source>Live — real money (실거래)</source>
        <translation>실거래 — 실제 자금</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="92"/>
        <source>Overseas stocks</source>
        <translation>해외주식</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="93"/>
        <source>Overseas futures and options (optional)</source>
        <translation>해외선물옵션 (선택)</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="95"/>
        <source>App key</source>
        <translation>앱 키</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="96"/>
        <source>App secret</source>
        <translation>앱 시크릿</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="97"/>
        <source>Remember these keys in the system keyring</source>
        <translation>시스템 키링에 키 저장</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="98"/>
        <source>Connect</source>
        <translation>접속</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="121"/>
        <source>LIVE: orders use real money. Every order will ask for confirmation.</source>
        <translation>실거래: 실제 자금으로 주문됩니다. 모든 주문은 확인을 거칩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="125"/>
        <source>Paper trading needs your LS paper-trading app key.</source>
        <translation>모의투자에는 LS 모의투자용 앱 키가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="128"/>
        <source>Demo mode runs a simulated exchange on this computer. No keys are needed.</source>
        <translation>데모 모드는 이 컴퓨터에서 모의 거래소를 실행합니다. 키가 필요 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="138"/>
        <source>Enter both the app key and the app secret.</source>
        <translation>앱 키와 앱 시크릿을 모두 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="141"/>
        <source>Enter a stock or a futures app key and secret.</source>
        <translation>해외주식 또는 해외선물 앱 키와 시크릿을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="145"/>
        <source>Connecting…</source>
        <translation>접속 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="173"/>
        <source>Keys not remembered</source>
        <translation>키를 기억하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="174"/>
        <source>No system keyring is available, so the keys were not saved. lsterm never writes them to a file; enter them again next time.</source>
        <translation>시스템 키링을 사용할 수 없어 키를 저장하지 않았습니다. lsterm은 키를 파일에 쓰지 않으니 다음에 다시 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="183"/>
        <source>Login failed: {0}</source>
        <translation>로그인 실패: {0}</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../app/ui/commands.py" line="94"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="97"/>
        <source>View</source>
        <translation>보기</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="98"/>
        <source>Trading</source>
        <translation>거래</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="99"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="100"/>
        <source>Help</source>
        <translation>도움말</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="114"/>
        <source>Panels</source>
        <translation>패널</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="115"/>
        <source>New panel</source>
        <translation>새 패널</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="138"/>
        <source>Toolbar</source>
        <translation>도구 모음</translation>
    </message>
</context>
<context>
    <name>OrderBookModel</name>
    <message>
        <location filename="../../app/ui/book_model.py" line="46"/>
        <source>My sell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="47"/>
        <source>Your working sell orders at this price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="48"/>
        <source>Cum. ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="49"/>
        <source>Ask size from the best ask to this level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="50"/>
        <source>Ask size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="51"/>
        <source>Size offered at this price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="52"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="53"/>
        <source>Click an ask to buy at its price, a bid to sell at its price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="55"/>
        <source>Bid size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="56"/>
        <source>Size bid at this price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="57"/>
        <source>Cum. bid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="58"/>
        <source>Bid size from the best bid to this level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="59"/>
        <source>My buy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="60"/>
        <source>Your working buy orders at this price</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderBookPanel</name>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="256"/>
        <source>Asks {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="258"/>
        <source>Bids {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="265"/>
        <source>Spread {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="267"/>
        <source>({0} ticks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="269"/>
        <source>No two-sided book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="296"/>
        <source>Type a symbol or pick one in a linked watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="298"/>
        <source>No market data: log in to see the order book of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="300"/>
        <source>Unknown symbol: {0}. Type a listed ticker or contract code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="302"/>
        <source>Loading the order book of {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="309"/>
        <source>Disconnected: reconnecting… the book is greyed until it is live again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="367"/>
        <source>Symbol</source>
        <translation type="unfinished">종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="368"/>
        <source>Show cumulative sizes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderStates</name>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="12"/>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="13"/>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="14"/>
        <source>Partly filled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="15"/>
        <source>Filled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="16"/>
        <source>Modifying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="17"/>
        <source>Cancelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="18"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="19"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="20"/>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="22"/>
        <source>Buy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="22"/>
        <source>Sell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="23"/>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="23"/>
        <source>Market</source>
        <translation type="unfinished">시장</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="28"/>
        <source>Symbol: unknown symbol “{symbol}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="29"/>
        <source>Side: choose buy or sell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="30"/>
        <source>Quantity: enter a whole number greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="31"/>
        <source>Quantity: {qty} is more than {limit}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="32"/>
        <source>Price type: choose limit or market.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="33"/>
        <source>Price type: {ptype} is not available for this market.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="34"/>
        <source>Price type: LS takes market, MOO and MOC orders for sells only; a buy must be limit, LOO or LOC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="36"/>
        <source>Price: a limit order needs a price greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="37"/>
        <source>Price: {price} is not on the tick grid (steps of {tick}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="38"/>
        <source>Buying power: the order needs {need} but {have} is available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="39"/>
        <source>Quantity: {qty} is more than your limit of {limit}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="40"/>
        <source>Order value: {value} is more than your limit of {limit}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="41"/>
        <source>Price: {pct}% away from the last price (your limit is {limit}%).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="42"/>
        <source>Price: there is no last price yet to check the distance against.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="43"/>
        <source>Order: the same order is already being sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="44"/>
        <source>No answer from the server; checking the order book.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="45"/>
        <source>Order: there is no working order {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="46"/>
        <source>Quantity: a modify can only reduce the quantity (at most {n}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="47"/>
        <source>Order: a change of this order is already being sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="48"/>
        <source>The order did not reach the exchange.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortfolioPanel</name>
    <message>
        <location filename="../../app/ui/portfolio_view.py" line="146"/>
        <source>Log in to see your account.</source>
        <translation>계좌를 보려면 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_view.py" line="148"/>
        <source>The account could not be loaded: %1</source>
        <translation>계좌를 불러오지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_view.py" line="150"/>
        <source>Loading the account…</source>
        <translation>계좌를 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_view.py" line="160"/>
        <source>Not up to date: %1 (retrying)</source>
        <translation>최신이 아님: %1 (다시 시도 중)</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_view.py" line="162"/>
        <source>Realtime disconnected: prices and fills may be late; reconnecting…</source>
        <translation>실시간 연결 끊김: 시세와 체결이 늦을 수 있습니다. 다시 연결하는 중…</translation>
    </message>
</context>
<context>
    <name>Positions</name>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="45"/>
        <source>Long</source>
        <translation>매수</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="46"/>
        <source>Short</source>
        <translation>매도</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="50"/>
        <source>Stock</source>
        <translation>주식</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="51"/>
        <source>Futures</source>
        <translation>선물</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="52"/>
        <source>Option</source>
        <translation>옵션</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="57"/>
        <source>Symbol</source>
        <translation>종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="58"/>
        <source>Name</source>
        <translation>종목명</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="59"/>
        <source>Market</source>
        <translation>시장</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="60"/>
        <source>Side</source>
        <translation>구분</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="61"/>
        <source>Qty</source>
        <translation>수량</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="62"/>
        <source>Avg price</source>
        <translation>평균단가</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="63"/>
        <source>Last</source>
        <translation>현재가</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="65"/>
        <source>P&amp;L</source>
        <translation>평가손익</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="66"/>
        <source>Unrealised P&amp;L at the last price</source>
        <translation>현재가 기준 평가손익</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="67"/>
        <source>P&amp;L %</source>
        <translation>수익률</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="68"/>
        <source>Realised</source>
        <translation>실현손익</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="69"/>
        <source>Realised P&amp;L of today&apos;s fills</source>
        <translation>오늘 체결의 실현손익</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="70"/>
        <source>Value</source>
        <translation>평가금액</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="71"/>
        <source>Ccy</source>
        <translation>통화</translation>
    </message>
</context>
<context>
    <name>PositionsPanel</name>
    <message>
        <location filename="../../app/ui/panels/positions.py" line="80"/>
        <source>No open positions. Buy or sell from the order ticket; fills show here at once.</source>
        <translation>보유 잔고가 없습니다. 주문창에서 매수·매도하면 체결 즉시 여기에 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>SessionEvents</name>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="19"/>
        <source>connecting to REST</source>
        <translation>REST 접속 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="20"/>
        <source>logged in</source>
        <translation>로그인됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="21"/>
        <source>connecting realtime</source>
        <translation>실시간 접속 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="22"/>
        <source>realtime connected</source>
        <translation>실시간 연결됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="23"/>
        <source>realtime connecting</source>
        <translation>실시간 연결 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="24"/>
        <source>realtime reconnecting</source>
        <translation>실시간 재연결 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="25"/>
        <source>realtime closed</source>
        <translation>실시간 종료됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="26"/>
        <source>realtime not available in this client</source>
        <translation>이 클라이언트는 실시간을 지원하지 않습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="27"/>
        <source>session closed</source>
        <translation>세션 종료됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="28"/>
        <source>login refused: no keys</source>
        <translation>로그인 거부: 키 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="31"/>
        <source>login failed: </source>
        <translation>로그인 실패: </translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="32"/>
        <source>login refused: </source>
        <translation>로그인 거부: </translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="33"/>
        <source>realtime failed: </source>
        <translation>실시간 실패: </translation>
    </message>
</context>
<context>
    <name>SessionPanel</name>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="92"/>
        <source>Mode</source>
        <translation>모드</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="92"/>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="92"/>
        <source>REST</source>
        <translation>REST</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="93"/>
        <source>Realtime</source>
        <translation>실시간</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="93"/>
        <source>Token</source>
        <translation>토큰</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="94"/>
        <source>Exchange time</source>
        <translation>거래소 시각</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="94"/>
        <source>Rate limit</source>
        <translation>호출 한도</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="97"/>
        <source>Session events</source>
        <translation>접속 기록</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="103"/>
        <source>not logged in</source>
        <translation>로그인 전</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="121"/>
        <source>connected</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="121"/>
        <source>connecting</source>
        <translation>연결 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="122"/>
        <source>reconnecting</source>
        <translation>재연결 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="122"/>
        <source>disconnected</source>
        <translation>끊김</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="125"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="125"/>
        <source>valid</source>
        <translation>유효</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="126"/>
        <source>refused</source>
        <translation>거부됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="126"/>
        <source>revoked</source>
        <translation>폐기됨</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../app/ui/shell.py" line="101"/>
        <source>Settings problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="114"/>
        <source>Keys are needed for this mode.</source>
        <translation>이 모드에는 앱 키가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="122"/>
        <source>Demo mode could not start: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="126"/>
        <source>Demo mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="138"/>
        <source>The embedded exchange is not available in this build.</source>
        <translation>이 빌드에는 내장 거래소가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="233"/>
        <source>About lsterm</source>
        <translation>lsterm 정보</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="234"/>
        <source>lsterm {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="235"/>
        <source>lsterm — a trading terminal for the LS Securities OpenAPI.
Overseas stocks, futures and options; demo mode runs an embedded exchange.</source>
        <translation>lsterm — LS증권 OpenAPI 트레이딩 터미널.
해외주식, 해외선물옵션; 데모 모드는 내장 거래소로 동작합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="269"/>
        <location filename="../../app/ui/shell.py" line="273"/>
        <source>Reset demo account</source>
        <translation>모의 계좌 초기화</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="270"/>
        <source>Only the demo account of the embedded exchange can be reset.</source>
        <translation>내장 거래소의 모의 계좌만 초기화할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="274"/>
        <source>Cancel every working order and put cash and positions back to the starting balance?</source>
        <translation>미체결 주문을 모두 취소하고 예수금과 보유 종목을 초기 잔고로 되돌릴까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="284"/>
        <source>Demo account reset to its starting balance.</source>
        <translation>모의 계좌를 초기 잔고로 되돌렸습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="288"/>
        <source>Workspace problem</source>
        <translation>작업공간 문제</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../app/ui/status.py" line="68"/>
        <source>Rate</source>
        <translation>호출</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="69"/>
        <location filename="../../app/ui/status.py" line="116"/>
        <source>Rate-limit pressure</source>
        <translation>호출 한도 사용률</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="79"/>
        <source>Trading mode</source>
        <translation>거래 모드</translation>
    </message>
</context>
<context>
    <name>TicketPanel</name>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="256"/>
        <source>Unknown symbol: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="414"/>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="429"/>
        <source>Order not sent: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="463"/>
        <source>Loaded for review: check it and press Enter to send.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeSalesModel</name>
    <message>
        <location filename="../../app/ui/tape_model.py" line="37"/>
        <source>Time</source>
        <translation type="unfinished">시각</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape_model.py" line="38"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/tape_model.py" line="39"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/tape_model.py" line="42"/>
        <source>Buyer-initiated (at the ask)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/tape_model.py" line="43"/>
        <source>Seller-initiated (at the bid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/tape_model.py" line="44"/>
        <source>Side not known</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeSalesPanel</name>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="231"/>
        <source>{0} of {1} trades (size ≥ {2})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="234"/>
        <source>{0} trades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="238"/>
        <source>▲ {0} new: back to the newest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="264"/>
        <source>Type a symbol or pick one in a linked watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="266"/>
        <source>No market data: log in to see the trades of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="268"/>
        <source>Unknown symbol: {0}. Type a listed ticker or contract code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="270"/>
        <source>Loading the recent trades of {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="272"/>
        <source>No trades in {0} yet today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="279"/>
        <source>Disconnected: reconnecting… trades may be missing until it is live again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="329"/>
        <source>Symbol</source>
        <translation type="unfinished">종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="330"/>
        <source>Min size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="331"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="332"/>
        <source>Show only trades of at least this size</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WatchlistPanel</name>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="222"/>
        <source>New watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="222"/>
        <source>Name of the new watchlist:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="223"/>
        <source>Watchlist %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="226"/>
        <source>Rename watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="226"/>
        <source>New name:</source>
        <translation type="unfinished">새 이름:</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="233"/>
        <source>Delete watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="234"/>
        <source>Delete the watchlist %1 and its %2 symbols?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="333"/>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="351"/>
        <source>Imported %1 symbols from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="360"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="362"/>
        <source>Exported %1 symbols to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="367"/>
        <source>Export watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="367"/>
        <source>Import watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="368"/>
        <source>CSV files (*.csv *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="393"/>
        <location filename="../../app/ui/panels/watchlist.py" line="412"/>
        <source>Price alerts are not available in this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="396"/>
        <source>Select a row first, then set an alert on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="474"/>
        <source>Default columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="500"/>
        <source>Not connected: log in to see live prices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="502"/>
        <source>Realtime feed disconnected — showing the last values received; reconnecting automatically…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="508"/>
        <source>Add a symbol: ticker or name (AAPL, 애플, ES…) + Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="509"/>
        <source>Lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="510"/>
        <source>New, rename, delete, import and export watchlists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="511"/>
        <source>Price alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="512"/>
        <source>This watchlist is empty. Type a ticker or a name above (for example AAPL or 애플) and press Enter, or import a CSV file from Lists.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workspaces</name>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="55"/>
        <source>The workspace “{0}” could not be read ({1}). The default layout was opened instead.</source>
        <translation>작업공간 “{0}”을(를) 읽을 수 없습니다 ({1}). 대신 기본 배치를 열었습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="58"/>
        <source>The broken file was kept as {0}.</source>
        <translation>손상된 파일은 {0}(으)로 보관했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="103"/>
        <source>Workspace “{0}” saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="119"/>
        <source>A workspace named “{0}” already exists. Choose another name.</source>
        <translation>“{0}” 작업공간이 이미 있습니다. 다른 이름을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="134"/>
        <source>The workspace could not be exported to {0}: {1}</source>
        <translation>작업공간을 {0}(으)로 내보내지 못했습니다: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="138"/>
        <source>Workspace “{0}” exported to {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="145"/>
        <source>That file is not a usable workspace: {0}</source>
        <translation>사용할 수 없는 작업공간 파일입니다: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="149"/>
        <source>Workspace “{0}” imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="164"/>
        <source>Workspace {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="169"/>
        <location filename="../../app/ui/workspace_ops.py" line="177"/>
        <source>Save workspace as</source>
        <translation>다른 이름으로 작업공간 저장</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="170"/>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="178"/>
        <source>A workspace named “{0}” already exists. Replace it?</source>
        <translation>“{0}” 작업공간이 이미 있습니다. 바꿀까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="189"/>
        <source>Switch workspace</source>
        <translation>작업공간 전환</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="190"/>
        <source>Workspace:</source>
        <translation>작업공간:</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="200"/>
        <source>Rename workspace</source>
        <translation>작업공간 이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="201"/>
        <source>New name:</source>
        <translation>새 이름:</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="206"/>
        <location filename="../../app/ui/workspace_ops.py" line="214"/>
        <source>Delete workspace</source>
        <translation>작업공간 삭제</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="207"/>
        <source>Workspace to delete:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="211"/>
        <source>Delete the workspace “{0}”?</source>
        <translation>작업공간 “{0}”을(를) 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="213"/>
        <source>It is open now: the Default workspace opens instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="222"/>
        <source>Workspace “{0}” deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="225"/>
        <source>Export workspace</source>
        <translation>작업공간 내보내기</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="229"/>
        <source>Import workspace</source>
        <translation>작업공간 가져오기</translation>
    </message>
</context>
</TS>
