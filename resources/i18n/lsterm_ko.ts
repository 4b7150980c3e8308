<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AlertDialog</name>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="35"/>
        <source>%1 is not an instrument on this server.</source>
        <translation>%1은(는) 이 서버에 없는 종목입니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="37"/>
        <source>The alert price must be a number above zero.</source>
        <translation>알림 가격은 0보다 큰 숫자여야 합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="38"/>
        <source>Choose ≥ or ≤.</source>
        <translation>≥ 또는 ≤를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="48"/>
        <source>Price alert — %1</source>
        <translation>가격 알림 — %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="50"/>
        <source>Last ≥ (rises to)</source>
        <translation>현재가 ≥ (상승 도달)</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="51"/>
        <source>Last ≤ (falls to)</source>
        <translation>현재가 ≤ (하락 도달)</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="66"/>
        <source>Symbol</source>
        <translation>종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="68"/>
        <source>Last price</source>
        <translation>현재가</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="69"/>
        <source>When</source>
        <translation>조건</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="70"/>
        <source>Price</source>
        <translation>가격</translation>
    </message>
</context>
<context>
    <name>AlertNotifier</name>
    <message>
        <location filename="../../app/ui/watchlist_alerts.py" line="27"/>
        <source>%1: last %2 reached %3 %4</source>
        <translation>%1: 현재가 %2, 조건 %3 %4 도달</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_alerts.py" line="49"/>
        <source>Price alert</source>
        <translation>가격 알림</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_alerts.py" line="76"/>
        <source>The alerts file was damaged; it was kept as %1 and alerts start empty.</source>
        <translation>알림 파일이 손상되어 %1(으)로 보관했습니다. 알림 목록은 비어 있는 상태로 시작합니다.</translation>
    </message>
</context>
<context>
    <name>AlertsDialog</name>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="96"/>
        <source>Price alerts</source>
        <translation>가격 알림</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="98"/>
        <source>Symbol</source>
        <translation>종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="98"/>
        <source>Condition</source>
        <translation>조건</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="98"/>
        <source>Set</source>
        <translation>설정 시각</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="99"/>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="99"/>
        <location filename="../../app/ui/watchlist_dialogs.py" line="137"/>
        <source>Triggered</source>
        <translation>발생</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="104"/>
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="105"/>
        <source>Clear triggered</source>
        <translation>발생한 알림 지우기</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="106"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="116"/>
        <source>No alerts. Select a watchlist row and press Alt+A to set one.</source>
        <translation>알림이 없습니다. 관심종목에서 행을 선택하고 Alt+A를 눌러 설정하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="134"/>
        <source>Last</source>
        <translation>현재가</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_dialogs.py" line="137"/>
        <source>Active</source>
        <translation>대기</translation>
    </message>
</context>
<context>
    <name>Balances</name>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="131"/>
        <source>Stocks</source>
        <translation>해외주식</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="132"/>
        <source>Futures/options</source>
        <translation>해외선물옵션</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="133"/>
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="145"/>
        <source>Account</source>
        <translation>계좌</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="147"/>
        <source>Ccy</source>
        <translation>통화</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="148"/>
        <source>Cash</source>
        <translation>예수금</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="149"/>
        <source>Deposit in this currency</source>
        <translation>이 통화의 예수금</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="150"/>
        <source>Buying power</source>
        <translation>주문가능금액</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="151"/>
        <source>What can be ordered now, as LS reports it</source>
        <translation>LS가 알려준 현재 주문가능금액</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="152"/>
        <source>Margin used</source>
        <translation>위탁증거금</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="153"/>
        <source>Margin free</source>
        <translation>증거금 여유</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="155"/>
        <source>Equity</source>
        <translation>평가자산</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="156"/>
        <source>Cash plus holdings at the last price (futures: deposit plus open P&amp;L)</source>
        <translation>예수금과 보유종목 현재가 평가액의 합 (선물: 예탁금과 평가손익의 합)</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="157"/>
        <source>Open P&amp;L</source>
        <translation>평가손익</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="159"/>
        <source>Realised</source>
        <translation>실현손익</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="161"/>
        <source>Day P&amp;L</source>
        <translation>당일손익</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="162"/>
        <source>Futures/options: today&apos;s P&amp;L against the positions at the previous close (CIDEQ00800)</source>
        <translation>해외선물옵션: 전일 종가 기준 잔고 대비 당일 손익 (CIDEQ00800)</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="164"/>
        <source>KRW rate</source>
        <translation>기준환율</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="165"/>
        <source>Won per unit of the currency, as LS reports it</source>
        <translation>LS가 알려준 통화 1단위당 원화</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="166"/>
        <source>Equity (KRW)</source>
        <translation>평가자산(원)</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="168"/>
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
    <name>BookLines</name>
    <message>
        <location filename="../../app/ui/book_lines.py" line="66"/>
        <source>Asks {0}</source>
        <translation>매도 총잔량 {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_lines.py" line="68"/>
        <source>Bids {0}</source>
        <translation>매수 총잔량 {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_lines.py" line="74"/>
        <source>Spread {0}</source>
        <translation>스프레드 {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_lines.py" line="76"/>
        <source>(1 tick)</source>
        <translation>(1틱)</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_lines.py" line="78"/>
        <source>({0} ticks)</source>
        <translation>({0}틱)</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_lines.py" line="80"/>
        <source>No two-sided book</source>
        <translation>양방향 호가 없음</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="8"/>
        <source>BUY</source>
        <translation>매수</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="9"/>
        <source>SELL</source>
        <translation>매도</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="10"/>
        <source>AVG</source>
        <translation>평단</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/indicator_params.py" line="40"/>
        <location filename="../../app/ui/chart/messages.py" line="11"/>
        <source>Bollinger bands</source>
        <translation>볼린저 밴드</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/indicator_params.py" line="42"/>
        <source>Period</source>
        <translation>기간</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/indicator_params.py" line="47"/>
        <source>Width (standard deviations)</source>
        <translation>폭 (표준편차 배수)</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/indicator_params.py" line="50"/>
        <source>Fast period</source>
        <translation>단기 기간</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/indicator_params.py" line="51"/>
        <source>Slow period</source>
        <translation>장기 기간</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/indicator_params.py" line="52"/>
        <source>Signal period</source>
        <translation>시그널 기간</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="12"/>
        <source>Candles</source>
        <translation>캔들</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="13"/>
        <source>Day</source>
        <translation>일</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/indicator_params.py" line="39"/>
        <location filename="../../app/ui/chart/messages.py" line="14"/>
        <source>Exponential average (EMA)</source>
        <translation>지수이동평균 (EMA)</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="15"/>
        <source>Go to the newest bar and follow it</source>
        <translation>최신 봉으로 이동하고 따라가기</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="16"/>
        <source>Indicators</source>
        <translation>지표</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="17"/>
        <source>Line</source>
        <translation>라인</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="18"/>
        <source>Loading history… {pages} pages, {bars} bars</source>
        <translation>과거 데이터 불러오는 중… {pages}페이지, {bars}봉</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="19"/>
        <source>Loading older history… {pages} pages, {bars} bars</source>
        <translation>이전 데이터 불러오는 중… {pages}페이지, {bars}봉</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="20"/>
        <source>Loading stopped: {bars} bars</source>
        <translation>불러오기 중단: {bars}봉</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="21"/>
        <source>Loading {0}…</source>
        <translation>{0} 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="22"/>
        <source>Log in to load charts</source>
        <translation>로그인하면 차트를 불러옵니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/indicator_params.py" line="41"/>
        <location filename="../../app/ui/chart/messages.py" line="23"/>
        <source>MACD</source>
        <translation>MACD</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="24"/>
        <source>Month</source>
        <translation>월</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/indicator_params.py" line="38"/>
        <location filename="../../app/ui/chart/messages.py" line="25"/>
        <source>Moving average (SMA)</source>
        <translation>단순이동평균 (SMA)</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="26"/>
        <source>No chart for {0}: {1}</source>
        <translation>{0} 차트를 불러올 수 없습니다: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="27"/>
        <source>No data for {0} ({1})</source>
        <translation>{0} ({1}) 데이터가 없습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="28"/>
        <source>OHLC bars</source>
        <translation>OHLC 바</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="29"/>
        <source>Parameters of {0}…</source>
        <translation>{0} 설정…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/indicator_params.py" line="41"/>
        <location filename="../../app/ui/chart/messages.py" line="30"/>
        <source>RSI</source>
        <translation>RSI</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="31"/>
        <source>Stop loading history</source>
        <translation>과거 데이터 불러오기 중단</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="32"/>
        <source>Symbol</source>
        <translation>종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="33"/>
        <source>Type a symbol or press Ctrl+K</source>
        <translation>종목을 입력하거나 Ctrl+K를 누르세요</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="34"/>
        <source>Unknown symbol: {0}</source>
        <translation>알 수 없는 종목: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/indicator_params.py" line="40"/>
        <location filename="../../app/ui/chart/messages.py" line="35"/>
        <source>VWAP</source>
        <translation>VWAP</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="36"/>
        <source>Week</source>
        <translation>주</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="37"/>
        <source>bar</source>
        <translation>봉</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="38"/>
        <source>bars</source>
        <translation>봉</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="39"/>
        <source>{n} min</source>
        <translation>{n}분</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/messages.py" line="40"/>
        <source>{n} tick</source>
        <translation>{n}틱</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/time_labels.py" line="36"/>
        <location filename="../../app/ui/chart/time_labels.py" line="252"/>
        <source>Jan</source>
        <translation>1월</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/time_labels.py" line="36"/>
        <source>Feb</source>
        <translation>2월</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/time_labels.py" line="36"/>
        <source>Mar</source>
        <translation>3월</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/time_labels.py" line="37"/>
        <source>Apr</source>
        <translation>4월</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/time_labels.py" line="37"/>
        <source>May</source>
        <translation>5월</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/time_labels.py" line="37"/>
        <source>Jun</source>
        <translation>6월</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/time_labels.py" line="38"/>
        <source>Jul</source>
        <translation>7월</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/time_labels.py" line="38"/>
        <source>Aug</source>
        <translation>8월</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/time_labels.py" line="38"/>
        <source>Sep</source>
        <translation>9월</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/time_labels.py" line="39"/>
        <source>Oct</source>
        <translation>10월</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/time_labels.py" line="39"/>
        <source>Nov</source>
        <translation>11월</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/time_labels.py" line="39"/>
        <source>Dec</source>
        <translation>12월</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/notice.py" line="30"/>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="10"/>
        <source>({0}/{1} filled)</source>
        <translation>({0}/{1} 체결)</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="11"/>
        <source>Filled {time}: {side} {qty} @ {price}
Order {order}</source>
        <translation>체결 {time}: {side} {qty} @ {price}
주문 {order}</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="12"/>
        <source>+{0} more</source>
        <translation>+{0}건 더</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="13"/>
        <source>Click to bring this price into view</source>
        <translation>클릭하면 이 가격이 보이도록 차트를 넓힙니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="14"/>
        <source>Parameters of {0}</source>
        <translation>{0} 설정</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="15"/>
        <source>Saved indicator settings corrected: {0}.</source>
        <translation>저장된 지표 설정을 고쳤습니다: {0}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="16"/>
        <source>The fast period ({0}) must be shorter than the slow period ({1}).</source>
        <translation>단기 기간({0})은 장기 기간({1})보다 짧아야 합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="17"/>
        <source>a number from {0} to {1}</source>
        <translation>{0}부터 {1}까지의 숫자</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="18"/>
        <source>a whole number from {0} to {1}</source>
        <translation>{0}부터 {1}까지의 정수</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="19"/>
        <source>an indicator entry that is not one ({0}) was skipped</source>
        <translation>지표 항목이 아닌 값({0})은 건너뛰었습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="20"/>
        <source>the indicator list was unreadable ({0}); none is shown</source>
        <translation>지표 목록을 읽을 수 없어({0}) 지표를 표시하지 않습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="21"/>
        <source>unknown indicator “{0}” was skipped</source>
        <translation>알 수 없는 지표 “{0}”은(는) 건너뛰었습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="22"/>
        <source>{0} could not be shown: {1}</source>
        <translation>{0}을(를) 표시할 수 없습니다: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="23"/>
        <source>{0} must be {1}; “{2}” is not.</source>
        <translation>{0} 값은 {1}여야 합니다 (입력: “{2}”).</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="24"/>
        <source>{0} takes {1} value(s) separated by commas ({2}); got {3}.</source>
        <translation>{0}에는 쉼표로 구분한 값 {1}개가 필요합니다 ({2}). 입력된 값: {3}개.</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="25"/>
        <source>{0} was listed twice; the second was skipped</source>
        <translation>{0}이(가) 두 번 있어 두 번째는 건너뛰었습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="26"/>
        <source>{0} {1} {2} is out of range ({3}); {4} is used</source>
        <translation>{0} {1} {2}은(는) 허용 범위({3})를 벗어나 {4}을(를) 사용합니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="27"/>
        <source>{0} {1} “{2}” is not a number; {3} is used</source>
        <translation>{0} {1} “{2}”은(는) 숫자가 아니므로 {3}을(를) 사용합니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="28"/>
        <source>{0}: its parameters were unreadable; the defaults are used</source>
        <translation>{0}: 설정값을 읽을 수 없어 기본값을 사용합니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="29"/>
        <source>{0}: the fast period ({1}) was not shorter than the slow period ({2}); the defaults are used</source>
        <translation>{0}: 단기 기간({1})이 장기 기간({2})보다 짧지 않아 기본값을 사용합니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/trading_messages.py" line="30"/>
        <source>{0}: type {1}.</source>
        <translation>{0}: {1}를 입력하세요.</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../../app/ui/palette.py" line="85"/>
        <source>Type a command, a symbol (AAPL) or a workspace…</source>
        <translation>명령, 종목(AAPL) 또는 작업공간을 입력하세요…</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette.py" line="86"/>
        <source>↑↓ to choose · Enter to run · Esc to close</source>
        <translation>↑↓ 선택 · Enter 실행 · Esc 닫기</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette.py" line="115"/>
        <source>Symbol</source>
        <translation>종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette.py" line="124"/>
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette.py" line="126"/>
        <source>Not available now</source>
        <translation>지금은 사용할 수 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette.py" line="134"/>
        <source>Workspace</source>
        <translation>작업공간</translation>
    </message>
</context>
<context>
    <name>DemoAccounts</name>
    <message>
        <location filename="../../app/ui/demo_accounts.py" line="15"/>
        <source>Demo accounts</source>
        <translation>모의 계좌</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_accounts.py" line="16"/>
        <source>The demo account database could not be used ({0}). It was kept as {1}; the demo starts with fresh demo accounts, without the orders, fills and positions of the old file.</source>
        <translation>모의 계좌 데이터베이스를 사용할 수 없습니다 ({0}). 파일은 {1}(으)로 보관했고, 모의거래소는 새 모의 계좌로 시작합니다. 이전 파일의 주문·체결·잔고는 옮겨 오지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_accounts.py" line="19"/>
        <source>The demo account database {0} could not be used ({1}), and no fresh one could be made in its place ({2}). This demo runs on temporary accounts that are not saved when lsterm closes.</source>
        <translation>모의 계좌 데이터베이스 {0}을(를) 사용할 수 없고 ({1}), 그 자리에 새 데이터베이스를 만들지도 못했습니다 ({2}). 이번 모의거래는 임시 계좌로 진행되며 lsterm을 닫으면 저장되지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_accounts.py" line="22"/>
        <source>The demo account database {0} could not be created ({1}). This demo runs on temporary accounts that are not saved when lsterm closes.</source>
        <translation>모의 계좌 데이터베이스 {0}을(를) 만들 수 없습니다 ({1}). 이번 모의거래는 임시 계좌로 진행되며 lsterm을 닫으면 저장되지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_accounts.py" line="24"/>
        <source>The old file was kept as {0}.</source>
        <translation>이전 파일은 {0}(으)로 보관했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_accounts.py" line="25"/>
        <source>Another lsterm demo is using the demo accounts in {0}. Close it, then press Retry.</source>
        <translation>다른 lsterm 모의거래소가 {0}의 모의 계좌를 사용하고 있습니다. 그 창을 닫은 뒤 다시 시도를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_accounts.py" line="29"/>
        <source>it is not an SQLite database</source>
        <translation>SQLite 데이터베이스가 아님</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_accounts.py" line="30"/>
        <source>the file is cut off or damaged</source>
        <translation>파일이 잘렸거나 손상됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_accounts.py" line="31"/>
        <source>some of its orders, fills or positions cannot be read</source>
        <translation>일부 주문·체결·잔고를 읽을 수 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_accounts.py" line="32"/>
        <source>a folder is in its place</source>
        <translation>파일 자리에 폴더가 있음</translation>
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
        <location filename="../../app/ui/hotkeys.py" line="142"/>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="143"/>
        <source>Filter commands…</source>
        <translation>명령 검색…</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="144"/>
        <source>Assign</source>
        <translation>지정</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="145"/>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="146"/>
        <source>Reset</source>
        <translation>기본값</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="147"/>
        <location filename="../../app/ui/hotkeys.py" line="206"/>
        <source>Reset all</source>
        <translation>모두 기본값</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="148"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="181"/>
        <source>{0} is used by: {1}. Press Assign again to move it here.</source>
        <translation>{0} 키는 이미 사용 중: {1}. 여기로 옮기려면 지정을 한 번 더 누르세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="207"/>
        <source>Put every command back to its default keys? Your own keys are lost.</source>
        <translation>모든 명령의 단축키를 기본값으로 되돌릴까요? 직접 지정한 키는 사라집니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="218"/>
        <source>{0} is bound to: {1}</source>
        <translation>{0} 키가 중복됨: {1}</translation>
    </message>
</context>
<context>
    <name>HotkeyModel</name>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="25"/>
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="25"/>
        <source>Keys</source>
        <translation>키</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="26"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="63"/>
        <source>Same keys as: {0}</source>
        <translation>같은 키 사용: {0}</translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <location filename="../../app/ui/log_model.py" line="15"/>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <location filename="../../app/ui/log_model.py" line="15"/>
        <source>Level</source>
        <translation>수준</translation>
    </message>
    <message>
        <location filename="../../app/ui/log_model.py" line="16"/>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <location filename="../../app/ui/log_model.py" line="16"/>
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
        <location filename="../../app/ui/login.py" line="122"/>
        <source>LIVE: orders use real money. Every order will ask for confirmation.</source>
        <translation>실거래: 실제 자금으로 주문됩니다. 모든 주문은 확인을 거칩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="126"/>
        <source>Paper trading needs your LS paper-trading app key.</source>
        <translation>모의투자에는 LS 모의투자용 앱 키가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="129"/>
        <source>Demo mode runs a simulated exchange on this computer. No keys are needed.</source>
        <translation>데모 모드는 이 컴퓨터에서 모의 거래소를 실행합니다. 키가 필요 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="139"/>
        <source>Enter both the app key and the app secret.</source>
        <translation>앱 키와 앱 시크릿을 모두 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="142"/>
        <source>Enter a stock or a futures app key and secret.</source>
        <translation>해외주식 또는 해외선물 앱 키와 시크릿을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="146"/>
        <source>Connecting…</source>
        <translation>접속 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="174"/>
        <source>Keys not remembered</source>
        <translation>키를 기억하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="175"/>
        <source>No system keyring is available, so the keys were not saved. lsterm never writes them to a file; enter them again next time.</source>
        <translation>시스템 키링을 사용할 수 없어 키를 저장하지 않았습니다. lsterm은 키를 파일에 쓰지 않으니 다음에 다시 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login.py" line="184"/>
        <source>Login failed: {0}</source>
        <translation>로그인 실패: {0}</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../app/ui/commands.py" line="97"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="100"/>
        <source>View</source>
        <translation>보기</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="101"/>
        <source>Trading</source>
        <translation>거래</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="102"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="104"/>
        <source>Help</source>
        <translation>도움말</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="118"/>
        <source>Panels</source>
        <translation>패널</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="119"/>
        <source>New panel</source>
        <translation>새 패널</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="142"/>
        <source>Toolbar</source>
        <translation>도구 모음</translation>
    </message>
</context>
<context>
    <name>OrderActivity</name>
    <message>
        <location filename="../../app/ui/activity_text.py" line="18"/>
        <source>Order sent: {order}</source>
        <translation>주문 전송: {order}</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="19"/>
        <source>Order {id} accepted: {order}</source>
        <translation>주문 {id} 접수: {order}</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="20"/>
        <source>Modify sent: order {id} ({order})</source>
        <translation>정정 전송: 주문 {id} ({order})</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="21"/>
        <source>Modify sent: order (no number yet) ({order})</source>
        <translation>정정 전송: 주문번호 없는 주문 ({order})</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="22"/>
        <source>Cancel sent: order {id} ({order})</source>
        <translation>취소 전송: 주문 {id} ({order})</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="23"/>
        <source>Cancel sent: order (no number yet) ({order})</source>
        <translation>취소 전송: 주문번호 없는 주문 ({order})</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="24"/>
        <source>Order {id} modified: now order {new_id}</source>
        <translation>주문 {id} 정정됨: 새 주문 {new_id}</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="25"/>
        <source>Order {id} cancelled: {order}</source>
        <translation>주문 {id} 취소됨: {order}</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="26"/>
        <source>Order {id} cancelled: {order}, {filled} filled before</source>
        <translation>주문 {id} 취소됨: {order}, 취소 전 {filled} 체결</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="27"/>
        <source>Order {id} filled: {order}, average {avg}</source>
        <translation>주문 {id} 체결 완료: {order}, 평균가 {avg}</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="28"/>
        <source>Order {id} rejected: {order}: {reason}</source>
        <translation>주문 {id} 거부: {order}: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="29"/>
        <source>Order (no number yet) rejected: {order}: {reason}</source>
        <translation>주문번호 없는 주문 거부: {order}: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="30"/>
        <source>Order {id} partly filled: {filled} of {qty}</source>
        <translation>주문 {id} 부분체결: {qty} 중 {filled}</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="31"/>
        <source>Order {id} working again: {order}</source>
        <translation>주문 {id} 다시 유효: {order}</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="32"/>
        <source>Order {id} working again: {order} ({reason})</source>
        <translation>주문 {id} 다시 유효: {order} ({reason})</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="33"/>
        <source>Order {id} ({order}): {reason}</source>
        <translation>주문 {id} ({order}): {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="34"/>
        <source>Order (no number yet) ({order}): {reason}</source>
        <translation>주문번호 없는 주문 ({order}): {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="35"/>
        <source>Fill: {symbol} {side} {qty} @ {price} (order {id})</source>
        <translation>체결: {symbol} {side} {qty} @ {price} (주문 {id})</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="37"/>
        <source>no reason given</source>
        <translation>사유 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="38"/>
        <source>{symbol} {side} {qty} @ {price} {ptype}</source>
        <translation>{symbol} {side} {qty} @ {price} {ptype}</translation>
    </message>
    <message>
        <location filename="../../app/ui/activity_text.py" line="39"/>
        <source>{symbol} {side} {qty} {ptype}</source>
        <translation>{symbol} {side} {qty} {ptype}</translation>
    </message>
</context>
<context>
    <name>OrderBookModel</name>
    <message>
        <location filename="../../app/ui/book_model.py" line="46"/>
        <source>My sell</source>
        <translation>내 매도</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="47"/>
        <source>Your working sell orders at this price</source>
        <translation>이 가격에 걸린 내 매도 미체결 수량</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="48"/>
        <source>Cum. ask</source>
        <translation>누적 매도</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="49"/>
        <source>Ask size from the best ask to this level</source>
        <translation>최우선 매도호가부터 이 호가까지의 누적 잔량</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="51"/>
        <source>Size offered at this price</source>
        <translation>이 가격의 매도잔량</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="52"/>
        <source>Price</source>
        <translation>호가</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="53"/>
        <source>Click an ask to buy at its price, a bid to sell at its price</source>
        <translation>매도호가를 누르면 그 가격에 매수, 매수호가를 누르면 그 가격에 매도로 주문창에 넣습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="50"/>
        <source>Asks</source>
        <translation>매도잔량</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="55"/>
        <source>Bids</source>
        <translation>매수잔량</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="56"/>
        <source>Size bid at this price</source>
        <translation>이 가격의 매수잔량</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="57"/>
        <source>Cum. bid</source>
        <translation>누적 매수</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="58"/>
        <source>Bid size from the best bid to this level</source>
        <translation>최우선 매수호가부터 이 호가까지의 누적 잔량</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="59"/>
        <source>My buy</source>
        <translation>내 매수</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="60"/>
        <source>Your working buy orders at this price</source>
        <translation>이 가격에 걸린 내 매수 미체결 수량</translation>
    </message>
    <message>
        <location filename="../../app/ui/book_model.py" line="239"/>
        <source>Orders at this price: {n}</source>
        <translation>이 가격의 주문 건수: {n}</translation>
    </message>
</context>
<context>
    <name>OrderBookPanel</name>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="306"/>
        <source>Type a symbol or pick one in a linked watchlist</source>
        <translation>종목을 입력하거나 연결된 관심종목에서 고르세요</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="308"/>
        <source>No market data: log in to see the order book of {0}</source>
        <translation>시세 없음: 로그인하면 {0}의 호가를 볼 수 있습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="310"/>
        <source>Unknown symbol: {0}. Type a listed ticker or contract code.</source>
        <translation>알 수 없는 종목: {0}. 상장된 종목 코드나 계약 코드를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="312"/>
        <source>Loading the order book of {0}…</source>
        <translation>{0} 호가를 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="314"/>
        <source>No order book data for {0} yet. It shows as soon as the market sends it.</source>
        <translation>{0} 호가 데이터가 아직 없습니다. 시장에서 보내오는 즉시 표시합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="322"/>
        <source>Disconnected: reconnecting… the book is greyed until it is live again</source>
        <translation>연결 끊김: 다시 연결하는 중… 실시간이 돌아올 때까지 호가는 회색으로 표시됩니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="383"/>
        <source>Symbol</source>
        <translation>종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orderbook.py" line="384"/>
        <source>Show cumulative sizes</source>
        <translation>누적 잔량 보기</translation>
    </message>
</context>
<context>
    <name>OrderLimits</name>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="27"/>
        <source>Demo</source>
        <translation>모의거래소</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="27"/>
        <source>Paper</source>
        <translation>모의투자</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="28"/>
        <source>Live</source>
        <translation>실전</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="32"/>
        <source>Max quantity</source>
        <translation>최대 수량</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="33"/>
        <source>Max order value (USD)</source>
        <translation>최대 주문금액 (USD)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="34"/>
        <source>Max distance from last (%)</source>
        <translation>현재가 대비 최대 괴리 (%)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="45"/>
        <source>a whole number</source>
        <translation>정수</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="45"/>
        <source>a number</source>
        <translation>숫자</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="46"/>
        <source>{mode} · {field}: enter {what}, 0 or more (0 = no limit).</source>
        <translation>{mode} · {field}: 0 이상의 {what}를 입력하세요 (0 = 제한 없음).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="49"/>
        <source>{mode} · {field}: at most 1000.</source>
        <translation>{mode} · {field}: 최대 1000입니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="69"/>
        <source>Order limits and confirmation</source>
        <translation>주문 한도 및 확인</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="78"/>
        <source>Confirm every order</source>
        <translation>모든 주문 확인</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="93"/>
        <source>An order past a limit is sent only after you confirm it. 0 switches a limit off. Every change is saved at once.</source>
        <translation>한도를 넘는 주문은 확인한 뒤에만 전송됩니다. 0은 한도 해제입니다. 변경 사항은 즉시 저장됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="132"/>
        <source>{mode} · {field}: saved.</source>
        <translation>{mode} · {field}: 저장됨.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_limits.py" line="140"/>
        <source>{mode} · Confirm every order: saved.</source>
        <translation>{mode} · 모든 주문 확인: 저장됨.</translation>
    </message>
</context>
<context>
    <name>OrderStates</name>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="12"/>
        <source>Sending</source>
        <translation>전송 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="13"/>
        <source>Accepted</source>
        <translation>접수</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="14"/>
        <source>Partly filled</source>
        <translation>부분체결</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="15"/>
        <source>Filled</source>
        <translation>체결</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="16"/>
        <source>Modifying</source>
        <translation>정정 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="17"/>
        <source>Cancelling</source>
        <translation>취소 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="18"/>
        <location filename="../../app/ui/ticket_style.py" line="25"/>
        <source>Cancelled</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="19"/>
        <source>Rejected</source>
        <translation>거부</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="20"/>
        <source>Modified</source>
        <translation>정정됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="23"/>
        <source>Reserved</source>
        <translation>예약</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="24"/>
        <source>Sent</source>
        <translation>전송됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="26"/>
        <source>Refused</source>
        <translation>거부</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="27"/>
        <source>Expired</source>
        <translation>만료</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="29"/>
        <source>Buy</source>
        <translation>매수</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="29"/>
        <source>Sell</source>
        <translation>매도</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="30"/>
        <source>Limit</source>
        <translation>지정가</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="30"/>
        <source>Market</source>
        <translation>시장가</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="35"/>
        <source>Symbol: unknown symbol “{symbol}”.</source>
        <translation>종목: 알 수 없는 종목 “{symbol}”입니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="36"/>
        <source>Side: choose buy or sell.</source>
        <translation>매매구분: 매수 또는 매도를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="37"/>
        <source>Quantity: enter a whole number greater than zero.</source>
        <translation>수량: 0보다 큰 정수를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="38"/>
        <source>Quantity: {qty} is more than {limit}.</source>
        <translation>수량: {qty}은(는) {limit}을(를) 넘습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="39"/>
        <source>Price type: choose limit or market.</source>
        <translation>호가유형: 지정가 또는 시장가를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="40"/>
        <source>Price type: {ptype} is not available for this market.</source>
        <translation>호가유형: 이 시장에서는 {ptype}을(를) 쓸 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="41"/>
        <source>Price type: LS takes market, MOO and MOC orders for sells only; a buy must be limit, LOO or LOC.</source>
        <translation>호가유형: LS는 시장가·MOO·MOC를 매도에만 받습니다. 매수는 지정가, LOO, LOC만 됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="43"/>
        <source>Price: a limit order needs a price greater than zero.</source>
        <translation>가격: 지정가 주문에는 0보다 큰 가격이 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="44"/>
        <source>Price: {price} is not a price.</source>
        <translation>가격: {price}은(는) 가격이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="45"/>
        <source>Price: {price} is not on the tick grid (steps of {tick}).</source>
        <translation>가격: {price}은(는) 호가단위({tick})에 맞지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="46"/>
        <source>Buying power: the order needs {need} but {have} is available.</source>
        <translation>주문가능금액: 주문에 {need}이(가) 필요하지만 {have}만 가능합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="47"/>
        <source>Quantity: {qty} is more than your limit of {limit}.</source>
        <translation>수량: {qty}은(는) 설정한 한도 {limit}을(를) 넘습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="48"/>
        <source>Order value: {value} USD is more than your limit of {limit} USD.</source>
        <translation>주문금액: {value} USD가 설정한 한도 {limit} USD를 넘습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="49"/>
        <source>Order value: {value} {ccy} (about {usd} USD) is more than your limit of {limit} USD.</source>
        <translation>주문금액: {value} {ccy}(약 {usd} USD)가 설정한 한도 {limit} USD를 넘습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="50"/>
        <source>Order value: {value} {ccy} cannot be checked against your limit of {limit} USD: no {ccy} exchange rate is known yet.</source>
        <translation>주문금액: {value} {ccy}는 {ccy} 환율을 아직 알 수 없어 설정한 한도 {limit} USD와 비교할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="52"/>
        <source>Price: {pct}% away from the last price (your limit is {limit}%).</source>
        <translation>가격: 현재가와 {pct}% 차이 (설정한 한도 {limit}%).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="53"/>
        <source>Price: there is no last price yet to check the distance against.</source>
        <translation>가격: 아직 현재가가 없어 가격 차이를 확인할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="54"/>
        <source>Order: the same order is already being sent.</source>
        <translation>주문: 같은 주문을 이미 전송하고 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="55"/>
        <source>No answer from the server; checking the order book.</source>
        <translation>서버 응답이 없어 주문내역을 확인하는 중입니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="56"/>
        <source>Order: there is no working order {id}.</source>
        <translation>주문: 미체결 주문 {id}이(가) 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="57"/>
        <source>Quantity: a modify can only reduce the quantity (at most {n}).</source>
        <translation>수량: 정정은 수량을 줄이기만 할 수 있습니다 (최대 {n}).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="58"/>
        <source>Order: a change of this order is already being sent.</source>
        <translation>주문: 이 주문의 정정/취소를 이미 전송하고 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="59"/>
        <source>The order did not reach the exchange.</source>
        <translation>주문이 거래소에 도달하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="60"/>
        <source>Quantity: at most {n} contracts can be ordered now (margin).</source>
        <translation>수량: 지금 주문 가능한 수량은 최대 {n}계약입니다 (증거금 기준).</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="61"/>
        <source>Valid from: enter a date.</source>
        <translation>시작일: 날짜를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="62"/>
        <source>Valid until: enter a date.</source>
        <translation>종료일: 날짜를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="63"/>
        <source>Valid from: the window cannot start in the past.</source>
        <translation>시작일: 지난 날짜로 시작할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="64"/>
        <source>Valid until: the window ends before it starts.</source>
        <translation>종료일: 시작일보다 앞설 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="65"/>
        <source>Valid until: at most {n} days ahead.</source>
        <translation>종료일: 최대 {n}일 후까지입니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="66"/>
        <source>Reserved orders: for stocks only.</source>
        <translation>예약주문: 주식만 가능합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_style.py" line="67"/>
        <source>Reserved order {n}: nothing to cancel.</source>
        <translation>예약주문 {n}: 취소할 수 있는 주문이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="100"/>
        <source>Orders in LIVE mode will be sent the moment you press Enter, with no question. Fat-finger limits still ask. Switch the confirmation off?</source>
        <translation>실거래 모드의 주문이 Enter를 누르는 즉시 확인 없이 전송됩니다. 한도 초과 주문은 여전히 확인합니다. 주문 확인을 끌까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="103"/>
        <source>Live orders without confirmation</source>
        <translation>확인 없는 실거래 주문</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="198"/>
        <source>Buy</source>
        <translation>매수</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="198"/>
        <source>Sell</source>
        <translation>매도</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="204"/>
        <source>{side} {qty} {symbol} at market ({ptype})</source>
        <translation>{symbol} {side} {qty} ({ptype})</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="210"/>
        <source>{side} {qty} {symbol} at {price} ({ptype}), value {value} {cur}</source>
        <translation>{symbol} {side} {qty} @ {price} ({ptype}), 금액 {value} {cur}</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="226"/>
        <source>Orders: not connected yet.</source>
        <translation>주문: 아직 연결되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="235"/>
        <source>Reserved order, valid {start} to {end}.</source>
        <translation>예약주문, 유효기간 {start} ~ {end}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="238"/>
        <source>Send it anyway?</source>
        <translation>그래도 전송할까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="239"/>
        <location filename="../../app/ui/order_actions.py" line="267"/>
        <source>Order past your limits</source>
        <translation>한도를 넘는 주문</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="240"/>
        <location filename="../../app/ui/order_actions.py" line="244"/>
        <location filename="../../app/ui/order_actions.py" line="268"/>
        <location filename="../../app/ui/order_actions.py" line="271"/>
        <source>Send</source>
        <translation>전송</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="240"/>
        <location filename="../../app/ui/order_actions.py" line="244"/>
        <location filename="../../app/ui/order_actions.py" line="268"/>
        <location filename="../../app/ui/order_actions.py" line="271"/>
        <source>Don&apos;t send</source>
        <translation>전송 안 함</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="241"/>
        <location filename="../../app/ui/order_actions.py" line="245"/>
        <source>Order not sent.</source>
        <translation>주문을 전송하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="243"/>
        <location filename="../../app/ui/order_actions.py" line="271"/>
        <source>Confirm order</source>
        <translation>주문 확인</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="243"/>
        <source>Send this order?</source>
        <translation>이 주문을 전송할까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_actions.py" line="265"/>
        <source>Modify order {id}: {what}</source>
        <translation>주문 {id} 정정: {what}</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/positions.py" line="32"/>
        <source>Quantity: this sale repays the loan of {date}; at most {n} of its shares can be sold in one order.</source>
        <translation>수량: 이 매도는 {date} 대출을 상환합니다. 한 주문에 그 대출의 주식은 최대 {n}주까지 매도할 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>OrdersPanel</name>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="199"/>
        <source>Working</source>
        <translation>미체결</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="199"/>
        <source>Orders today</source>
        <translation>당일 주문</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="199"/>
        <source>Fills</source>
        <translation>체결내역</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="199"/>
        <source>Reserved</source>
        <translation>예약주문</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="201"/>
        <source>Filter (symbol, side, state…)</source>
        <translation>필터 (종목, 매매, 상태…)</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="202"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="203"/>
        <source>Cancel all</source>
        <translation>전체 취소</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="204"/>
        <source>Cancel buys</source>
        <translation>매수 취소</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="205"/>
        <source>Cancel sells</source>
        <translation>매도 취소</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="206"/>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="241"/>
        <source>Not connected: orders appear after the login.</source>
        <translation>연결 전: 로그인하면 주문이 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="243"/>
        <source>No working orders. Send one from the order ticket (F4).</source>
        <translation>미체결 주문이 없습니다. 주문창(F4)에서 주문하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="320"/>
        <source>Price: enter a number greater than zero.</source>
        <translation>가격: 0보다 큰 숫자를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="326"/>
        <source>Quantity: enter a whole number greater than zero.</source>
        <translation>수량: 0보다 큰 정수를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="332"/>
        <source>Export orders and fills</source>
        <translation>주문·체결 내보내기</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="332"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel.py" line="354"/>
        <source>Exported {0} rows to {1}</source>
        <translation>{0}행을 {1}에 내보냈습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="104"/>
        <source>No.</source>
        <translation>주문번호</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="106"/>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="132"/>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="107"/>
        <source>Exchange time of the order&apos;s symbol (hover a time for its zone)</source>
        <translation>종목 거래소의 현지 시각 (시각에 마우스를 올리면 시간대 표시)</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="108"/>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="135"/>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="150"/>
        <source>Symbol</source>
        <translation>종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="110"/>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="137"/>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="152"/>
        <source>Side</source>
        <translation>매매</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="112"/>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="114"/>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="139"/>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="154"/>
        <source>Qty</source>
        <translation>수량</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="116"/>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="141"/>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="156"/>
        <source>Price</source>
        <translation>가격</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="118"/>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="165"/>
        <source>Filled</source>
        <translation>체결</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="120"/>
        <source>Open</source>
        <translation>미체결</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="122"/>
        <source>Avg fill</source>
        <translation>평균체결가</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="124"/>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="126"/>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="167"/>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="133"/>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="163"/>
        <source>Order</source>
        <translation>주문번호</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="143"/>
        <source>Exec no.</source>
        <translation>체결번호</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="148"/>
        <source>Rsv. no.</source>
        <translation>예약번호</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="158"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/orders_panel_model.py" line="160"/>
        <source>Valid</source>
        <translation>유효기간</translation>
    </message>
</context>
<context>
    <name>PendingPanel</name>
    <message>
        <location filename="../../app/ui/panels/pending.py" line="62"/>
        <source>Loading {0}…</source>
        <translation>{0} 불러오는 중…</translation>
    </message>
</context>
<context>
    <name>PortfolioPanel</name>
    <message>
        <location filename="../../app/ui/portfolio_view.py" line="163"/>
        <source>Log in to see your account.</source>
        <translation>계좌를 보려면 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_view.py" line="165"/>
        <source>The account could not be loaded: %1</source>
        <translation>계좌를 불러오지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_view.py" line="161"/>
        <location filename="../../app/ui/portfolio_view.py" line="168"/>
        <source>Loading the account…</source>
        <translation>계좌를 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_view.py" line="178"/>
        <source>Not up to date: %1 (retrying)</source>
        <translation>최신이 아님: %1 (다시 시도 중)</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_view.py" line="180"/>
        <source>Realtime disconnected: prices and fills may be late; reconnecting…</source>
        <translation>실시간 연결 끊김: 시세와 체결이 늦을 수 있습니다. 다시 연결하는 중…</translation>
    </message>
</context>
<context>
    <name>Positions</name>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="48"/>
        <source>Long</source>
        <translation>매수</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="49"/>
        <source>Short</source>
        <translation>매도</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="53"/>
        <source>Stock</source>
        <translation>주식</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="54"/>
        <source>Futures</source>
        <translation>선물</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="55"/>
        <source>Option</source>
        <translation>옵션</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="72"/>
        <source>Loan of {date}: {qty} shares ({free} free to sell), due {due}</source>
        <translation>{date} 대출: {qty}주 (매도가능 {free}주), 만기 {due}</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="75"/>
        <source>, owed {amount} KRW</source>
        <translation>, 대출금 {amount}원</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="89"/>
        <source>Flat at the close of {date}</source>
        <translation>{date} 종가 기준 잔고 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="90"/>
        <source>{qty} at the close of {date}, valued at {price}</source>
        <translation>{date} 종가 기준 {qty}, 평가가격 {price}</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="99"/>
        <source>Symbol</source>
        <translation>종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="100"/>
        <source>Name</source>
        <translation>종목명</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="102"/>
        <source>Market</source>
        <translation>시장</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="103"/>
        <source>Side</source>
        <translation>구분</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="104"/>
        <source>Qty</source>
        <translation>수량</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="105"/>
        <source>Avg price</source>
        <translation>평균단가</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="106"/>
        <source>Last</source>
        <translation>현재가</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="108"/>
        <source>P&amp;L</source>
        <translation>평가손익</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="109"/>
        <source>Unrealised P&amp;L at the last price</source>
        <translation>현재가 기준 평가손익</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="110"/>
        <source>P&amp;L (KRW)</source>
        <translation>손익(원)</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="111"/>
        <source>Unrealised P&amp;L in won, at the rate LS reports for the position&apos;s currency</source>
        <translation>평가손익의 원화 환산액 (LS가 알려 준 해당 통화 환율 기준)</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="113"/>
        <source>P&amp;L %</source>
        <translation>수익률</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="114"/>
        <source>Realised</source>
        <translation>실현손익</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="115"/>
        <source>Realised P&amp;L of today&apos;s fills</source>
        <translation>오늘 체결의 실현손익</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="116"/>
        <source>Day P&amp;L</source>
        <translation>당일손익</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="117"/>
        <source>Futures/options: today&apos;s P&amp;L against the previous close — open P&amp;L now plus today&apos;s realised, less the open P&amp;L of the opening position (CIDEQ00800)</source>
        <translation>해외선물옵션: 전일 종가 대비 당일 손익 — 현재 평가손익 + 당일 실현손익 − 전일 잔고의 평가손익 (CIDEQ00800)</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="120"/>
        <source>Opening</source>
        <translation>전일잔고</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="121"/>
        <source>Futures/options: the position at the previous business day&apos;s close</source>
        <translation>해외선물옵션: 전 영업일 종가 기준 잔고</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="123"/>
        <source>On loan</source>
        <translation>대출</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="123"/>
        <source>Shares held on loans: a sale repays the oldest loan first (COSMT00300)</source>
        <translation>대출로 보유한 주식: 매도하면 가장 오래된 대출부터 상환합니다 (COSMT00300)</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="125"/>
        <source>Value</source>
        <translation>평가금액</translation>
    </message>
    <message>
        <location filename="../../app/ui/portfolio_columns.py" line="126"/>
        <source>Ccy</source>
        <translation>통화</translation>
    </message>
</context>
<context>
    <name>PositionsPanel</name>
    <message>
        <location filename="../../app/ui/panels/positions.py" line="99"/>
        <source>No open positions. Buy or sell from the order ticket; fills show here at once.</source>
        <translation>보유 잔고가 없습니다. 주문창에서 매수·매도하면 체결 즉시 여기에 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/positions.py" line="122"/>
        <source>{symbol}: working orders already close the whole position ({n}).</source>
        <translation>{symbol}: 미체결 주문이 이미 포지션 전체({n})를 청산합니다.</translation>
    </message>
</context>
<context>
    <name>ReserveRow</name>
    <message>
        <location filename="../../app/ui/ticket_reserve.py" line="47"/>
        <source>Reserve (Alt+R)</source>
        <translation>예약 (Alt+R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_reserve.py" line="48"/>
        <source>A reserved order: LS keeps it and sends it when the window opens.</source>
        <translation>예약주문: LS가 보관했다가 유효기간이 시작되면 전송합니다.</translation>
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
    <name>Settings</name>
    <message>
        <location filename="../../app/ui/settings.py" line="41"/>
        <source>{0} cannot be read ({1}); default settings are used and the file is left as it is.</source>
        <translation>{0} 파일을 읽을 수 없습니다 ({1}). 기본 설정을 사용하며 파일은 그대로 둡니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="43"/>
        <source>{0} could not be read ({1}) nor moved aside; default settings are used and the file is left as it is.</source>
        <translation>{0} 파일을 읽을 수 없고 옆으로 옮기지도 못했습니다 ({1}). 기본 설정을 사용하며 파일은 그대로 둡니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="45"/>
        <source>Your settings file could not be read ({0}). It was kept as {1}; default settings are used.</source>
        <translation>설정 파일을 읽을 수 없습니다 ({0}). 파일은 {1}(으)로 보관했고 기본 설정을 사용합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="47"/>
        <source>Some settings had values that cannot be used and were reset: {0}.</source>
        <translation>쓸 수 없는 값이 든 설정을 기본값으로 되돌렸습니다: {0}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="48"/>
        <source>Some settings had values that cannot be used and were reset: {0}. The file as it was is kept as {1}.</source>
        <translation>쓸 수 없는 값이 든 설정을 기본값으로 되돌렸습니다: {0}. 원래 파일은 {1}(으)로 보관했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="50"/>
        <source>not UTF-8 text</source>
        <translation>UTF-8 텍스트가 아님</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings.py" line="51"/>
        <source>not a JSON object</source>
        <translation>JSON 객체가 아님</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../app/ui/shell.py" line="109"/>
        <source>Settings problem</source>
        <translation>설정 문제</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="159"/>
        <source>Keys are needed for this mode.</source>
        <translation>이 모드에는 앱 키가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="167"/>
        <source>Demo mode could not start: {0}</source>
        <translation>모의거래소 모드를 시작하지 못했습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="171"/>
        <source>Demo mode</source>
        <translation>모의거래소 모드</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="183"/>
        <source>The embedded exchange is not available in this build.</source>
        <translation>이 빌드에는 내장 거래소가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="280"/>
        <source>About lsterm</source>
        <translation>lsterm 정보</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="281"/>
        <source>lsterm {0}</source>
        <translation>lsterm {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="282"/>
        <source>lsterm — a trading terminal for the LS Securities OpenAPI.
Overseas stocks, futures and options; demo mode runs an embedded exchange.</source>
        <translation>lsterm — LS증권 OpenAPI 트레이딩 터미널.
해외주식, 해외선물옵션; 데모 모드는 내장 거래소로 동작합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="316"/>
        <location filename="../../app/ui/shell.py" line="320"/>
        <source>Reset demo account</source>
        <translation>모의 계좌 초기화</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="317"/>
        <source>Only the demo account of the embedded exchange can be reset.</source>
        <translation>내장 거래소의 모의 계좌만 초기화할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="321"/>
        <source>Cancel every working order and put cash and positions back to the starting balance?</source>
        <translation>미체결 주문을 모두 취소하고 예수금과 보유 종목을 초기 잔고로 되돌릴까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="345"/>
        <source>Demo account reset to its starting balance.</source>
        <translation>모의 계좌를 초기 잔고로 되돌렸습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="357"/>
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
    <message>
        <location filename="../../app/ui/status.py" line="119"/>
        <source>Waiting for LS&apos;s per-TR limits: %1</source>
        <translation>LS의 TR별 호출 한도를 기다리는 중: %1</translation>
    </message>
</context>
<context>
    <name>TicketPanel</name>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="178"/>
        <source>Symbol</source>
        <translation>종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="179"/>
        <source>Last</source>
        <translation>현재가</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="180"/>
        <source>Bid</source>
        <translation>매수호가</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="181"/>
        <source>Ask</source>
        <translation>매도호가</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="182"/>
        <source>Type</source>
        <translation>호가유형</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="183"/>
        <source>Quantity</source>
        <translation>수량</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="184"/>
        <source>Price</source>
        <translation>가격</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="185"/>
        <source>Value</source>
        <translation>주문금액</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="186"/>
        <source>Buy (F9)</source>
        <translation>매수 (F9)</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="187"/>
        <source>Sell (F8)</source>
        <translation>매도 (F8)</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="188"/>
        <source>Type a symbol, Enter</source>
        <translation>종목 입력 후 Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="195"/>
        <source>Type a symbol and press Enter, or press F4 from anywhere.</source>
        <translation>종목을 입력하고 Enter를 누르세요. 어디서든 F4로 주문창에 옵니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="203"/>
        <source>Limit</source>
        <translation>지정가</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="203"/>
        <source>Market</source>
        <translation>시장가</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="203"/>
        <source>LOO (limit on open)</source>
        <translation>LOO (장개시 지정가)</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="204"/>
        <source>LOC (limit on close)</source>
        <translation>LOC (장마감 지정가)</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="204"/>
        <source>MOO (market on open)</source>
        <translation>MOO (장개시 시장가)</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="205"/>
        <source>MOC (market on close)</source>
        <translation>MOC (장마감 시장가)</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="213"/>
        <source>Buy</source>
        <translation>매수</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="213"/>
        <source>Sell</source>
        <translation>매도</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="292"/>
        <source>Loading instruments…</source>
        <translation>종목 정보를 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="294"/>
        <location filename="../../app/ui/ticket_order.py" line="208"/>
        <source>Unknown symbol: {0}</source>
        <translation>알 수 없는 종목: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="304"/>
        <source>The order loaded for {0} was cleared: the symbol changed.</source>
        <translation>{0}에 불러온 주문을 지웠습니다: 종목이 바뀌었습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="306"/>
        <source>Quantity cleared: {0} is ordered in contracts, not shares.</source>
        <translation>수량을 지웠습니다: {0}은(는) 주 단위가 아니라 계약 단위로 주문합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/ticket.py" line="308"/>
        <source>Quantity cleared: {0} is ordered in shares, not contracts.</source>
        <translation>수량을 지웠습니다: {0}은(는) 계약 단위가 아니라 주 단위로 주문합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_order.py" line="235"/>
        <source>Sending…</source>
        <translation>전송 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_order.py" line="242"/>
        <source>Order not sent: {0}</source>
        <translation>주문이 전송되지 않았습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_links.py" line="70"/>
        <source>Loaded for review: check it and press Enter to send.</source>
        <translation>검토용으로 불러왔습니다. 확인 후 Enter로 전송하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_links.py" line="93"/>
        <source>One-click trading: a click on a price in the order book sends an order at once, with this ticket&apos;s quantity, without Enter. In live mode each order still asks first. Switch it on for this workspace?</source>
        <translation>원클릭 주문: 호가창의 가격을 클릭하면 Enter 없이 이 주문창의 수량으로 즉시 주문이 전송됩니다. 실전 모드에서는 주문마다 확인을 묻습니다. 이 작업공간에서 켜시겠습니까?</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_links.py" line="97"/>
        <source>One-click trading</source>
        <translation>원클릭 주문</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket_links.py" line="104"/>
        <source>ONE-CLICK TRADING ON: a click in the order book sends (Ctrl+Alt+1 turns it off)</source>
        <translation>원클릭 주문 켜짐: 호가창 클릭 시 즉시 전송 (Ctrl+Alt+1로 끄기)</translation>
    </message>
</context>
<context>
    <name>TimeSalesModel</name>
    <message>
        <location filename="../../app/ui/tape_model.py" line="42"/>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape_model.py" line="43"/>
        <source>Price</source>
        <translation>체결가</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape_model.py" line="44"/>
        <source>Size</source>
        <translation>체결량</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape_model.py" line="51"/>
        <source>Buyer-initiated (at the ask)</source>
        <translation>매수 체결 (매도호가에 체결)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape_model.py" line="52"/>
        <source>Seller-initiated (at the bid)</source>
        <translation>매도 체결 (매수호가에 체결)</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape_model.py" line="53"/>
        <source>Side not known</source>
        <translation>체결 방향 모름</translation>
    </message>
</context>
<context>
    <name>TimeSalesPanel</name>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="230"/>
        <source>{0} of {1} trades (size ≥ {2})</source>
        <translation>체결 {1}건 중 {0}건 (수량 ≥ {2})</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="233"/>
        <source>{0} trades</source>
        <translation>체결 {0}건</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="237"/>
        <source>▲ {0} new: back to the newest</source>
        <translation>▲ 새 체결 {0}건: 최신으로 이동</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="263"/>
        <source>Type a symbol or pick one in a linked watchlist</source>
        <translation>종목을 입력하거나 연결된 관심종목에서 고르세요</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="265"/>
        <source>No market data: log in to see the trades of {0}</source>
        <translation>시세 없음: 로그인하면 {0}의 체결을 볼 수 있습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="267"/>
        <source>Unknown symbol: {0}. Type a listed ticker or contract code.</source>
        <translation>알 수 없는 종목: {0}. 상장된 종목 코드나 계약 코드를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="269"/>
        <source>Loading the recent trades of {0}…</source>
        <translation>{0} 최근 체결을 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="271"/>
        <source>No trades in {0} yet today</source>
        <translation>오늘 {0}의 체결이 아직 없습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="278"/>
        <source>Disconnected: reconnecting… trades may be missing until it is live again</source>
        <translation>연결 끊김: 다시 연결하는 중… 실시간이 돌아올 때까지 체결이 빠질 수 있습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="329"/>
        <source>Symbol</source>
        <translation>종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="330"/>
        <source>Min size</source>
        <translation>최소 수량</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="331"/>
        <source>All</source>
        <translation>전체</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/time_sales.py" line="332"/>
        <source>Show only trades of at least this size</source>
        <translation>이 수량 이상인 체결만 보기</translation>
    </message>
</context>
<context>
    <name>WatchlistModel</name>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="103"/>
        <source>New York</source>
        <translation>뉴욕 시간</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="104"/>
        <source>KST</source>
        <translation>한국 시간</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="112"/>
        <source>Disconnected</source>
        <translation>연결 끊김</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="114"/>
        <source>Unknown</source>
        <translation>알 수 없는 종목</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="114"/>
        <source>Loading</source>
        <translation>불러오는 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="116"/>
        <source>Closed</source>
        <translation>장 마감</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="118"/>
        <source>Stale</source>
        <translation>지연</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="120"/>
        <source>Live</source>
        <translation>실시간</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="125"/>
        <source>Exchange %1 · Currency %2</source>
        <translation>거래소 %1 · 통화 %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="128"/>
        <source>The demo exchange is trading outside the session (%1)</source>
        <translation>모의거래소가 정규 거래시간(%1) 밖에도 체결 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="131"/>
        <source>Market closed</source>
        <translation>장 마감</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="131"/>
        <source>Market open</source>
        <translation>장중</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="132"/>
        <source>%1 (session %2)</source>
        <translation>%1 (거래시간 %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="135"/>
        <source>No update for more than %n second(s)</source>
        <translation>%n초 넘게 시세 변동 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_rows.py" line="138"/>
        <source>Realtime feed disconnected; values are the last ones received</source>
        <translation>실시간 시세 연결 끊김: 마지막으로 받은 값입니다</translation>
    </message>
</context>
<context>
    <name>WatchlistPanel</name>
    <message>
        <location filename="../../app/ui/watchlist_lists.py" line="88"/>
        <source>New watchlist</source>
        <translation>새 관심종목 목록</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_lists.py" line="88"/>
        <source>Name of the new watchlist:</source>
        <translation>새 목록 이름:</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_lists.py" line="89"/>
        <source>Watchlist %1</source>
        <translation>관심종목 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_lists.py" line="92"/>
        <source>Rename watchlist</source>
        <translation>관심종목 목록 이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_lists.py" line="92"/>
        <source>New name:</source>
        <translation>새 이름:</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_lists.py" line="99"/>
        <source>Delete watchlist</source>
        <translation>관심종목 목록 삭제</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_lists.py" line="100"/>
        <source>Delete the watchlist %1 and its %2 symbols?</source>
        <translation>관심종목 목록 %1과(와) 종목 %2개를 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_lists.py" line="111"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 파일을 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_lists.py" line="129"/>
        <source>Imported %1 symbols from %2.</source>
        <translation>%2에서 종목 %1개를 가져왔습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_lists.py" line="138"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 파일에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_lists.py" line="140"/>
        <source>Exported %1 symbols to %2.</source>
        <translation>종목 %1개를 %2(으)로 내보냈습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_menus.py" line="71"/>
        <source>Export watchlist</source>
        <translation>관심종목 내보내기</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_menus.py" line="72"/>
        <source>Import watchlist</source>
        <translation>관심종목 가져오기</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_menus.py" line="74"/>
        <source>CSV files (*.csv *.txt)</source>
        <translation>CSV 파일 (*.csv *.txt)</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="292"/>
        <location filename="../../app/ui/panels/watchlist.py" line="311"/>
        <source>Price alerts are not available in this window.</source>
        <translation>이 창에서는 가격 알림을 사용할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="295"/>
        <source>Select a row first, then set an alert on it.</source>
        <translation>먼저 종목 행을 선택한 뒤 알림을 설정하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="324"/>
        <source>Alerts</source>
        <translation>알림</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_menus.py" line="65"/>
        <source>Default columns</source>
        <translation>기본 열로 되돌리기</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="379"/>
        <source>Not connected: log in to see live prices.</source>
        <translation>연결되지 않음: 실시간 시세를 보려면 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="380"/>
        <source>Realtime feed disconnected — showing the last values received; reconnecting automatically…</source>
        <translation>실시간 시세 연결 끊김 — 마지막으로 받은 값을 표시합니다. 자동으로 다시 연결하는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="384"/>
        <source>Add a symbol: ticker or name (AAPL, 애플, ES…) + Enter</source>
        <translation>종목 추가: 티커 또는 종목명 (AAPL, 애플, ES…) 입력 후 Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="385"/>
        <source>Lists</source>
        <translation>목록</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="386"/>
        <source>New, rename, delete, import and export watchlists</source>
        <translation>관심종목 목록 추가, 이름 변경, 삭제, 가져오기, 내보내기</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="387"/>
        <source>Price alerts</source>
        <translation>가격 알림</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/watchlist.py" line="388"/>
        <source>This watchlist is empty. Type a ticker or a name above (for example AAPL or 애플) and press Enter, or import a CSV file from Lists.</source>
        <translation>관심종목이 비어 있습니다. 위 입력란에 티커나 종목명(예: AAPL, 애플)을 입력하고 Enter를 누르거나, 목록 메뉴에서 CSV 파일을 가져오세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="313"/>
        <source>Line %1: %2 is not an instrument on this server. Nothing was imported.</source>
        <translation>%1행: %2은(는) 이 서버에 없는 종목입니다. 아무것도 가져오지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="316"/>
        <source>%1: no such instrument on this server.</source>
        <translation>%1: 이 서버에 없는 종목입니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="318"/>
        <source>%1 matches several instruments (%2): pick one from the list.</source>
        <translation>%1에 해당하는 종목이 여러 개입니다 (%2): 목록에서 하나를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="321"/>
        <source>%1 is already in %2.</source>
        <translation>%1은(는) 이미 %2에 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="323"/>
        <source>The file holds no symbols. Nothing was imported.</source>
        <translation>파일에 종목이 없습니다. 아무것도 가져오지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="324"/>
        <source>Type a ticker or a name first.</source>
        <translation>먼저 티커나 종목명을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="326"/>
        <source>Line %1 of the file is not a symbol (%2). Nothing was imported.</source>
        <translation>파일의 %1행은 종목 코드가 아닙니다 (%2). 아무것도 가져오지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="329"/>
        <source>The file is not a readable CSV file (%1). Nothing was imported.</source>
        <translation>읽을 수 있는 CSV 파일이 아닙니다 (%1). 아무것도 가져오지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="331"/>
        <source>A watchlist holds at most %1 symbols.</source>
        <translation>관심종목 목록에는 최대 %1개 종목만 담을 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="333"/>
        <source>A watchlist named %1 already exists.</source>
        <translation>%1 이름의 관심종목 목록이 이미 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="335"/>
        <source>A watchlist needs a name.</source>
        <translation>관심종목 목록 이름을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="337"/>
        <source>The last watchlist cannot be deleted.</source>
        <translation>마지막 관심종목 목록은 삭제할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist_view.py" line="339"/>
        <source>%1 is not in this watchlist.</source>
        <translation>%1은(는) 이 목록에 없습니다.</translation>
    </message>
</context>
<context>
    <name>Workspaces</name>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="60"/>
        <source>The workspace “{0}” could not be read ({1}). The default layout was opened instead.</source>
        <translation>작업공간 “{0}”을(를) 읽을 수 없습니다 ({1}). 대신 기본 배치를 열었습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="63"/>
        <source>The broken file was kept as {0}.</source>
        <translation>손상된 파일은 {0}(으)로 보관했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="105"/>
        <source>Reset to default layout</source>
        <translation>기본 배치로 되돌리기</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="106"/>
        <source>Put the workspace “{0}” back to the default layout? Its panels, their places and settings are replaced.</source>
        <translation>작업공간 “{0}”을(를) 기본 배치로 되돌릴까요? 패널과 그 위치, 설정이 모두 바뀝니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="116"/>
        <source>Workspace “{0}” saved.</source>
        <translation>작업공간 “{0}”을(를) 저장했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="132"/>
        <source>A workspace named “{0}” already exists. Choose another name.</source>
        <translation>“{0}” 작업공간이 이미 있습니다. 다른 이름을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="147"/>
        <source>The workspace could not be exported to {0}: {1}</source>
        <translation>작업공간을 {0}(으)로 내보내지 못했습니다: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="151"/>
        <source>Workspace “{0}” exported to {1}.</source>
        <translation>작업공간 “{0}”을(를) {1}(으)로 내보냈습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="159"/>
        <source>That file is not a usable workspace: {0}</source>
        <translation>사용할 수 없는 작업공간 파일입니다: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="163"/>
        <source>Workspace “{0}” imported.</source>
        <translation>작업공간 “{0}”을(를) 가져왔습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="178"/>
        <source>Workspace {0}</source>
        <translation>작업공간 {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="183"/>
        <location filename="../../app/ui/workspace_ops.py" line="192"/>
        <source>Save workspace as</source>
        <translation>다른 이름으로 작업공간 저장</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="184"/>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="193"/>
        <source>A workspace named “{0}” already exists. Replace it?</source>
        <translation>“{0}” 작업공간이 이미 있습니다. 바꿀까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="204"/>
        <source>Switch workspace</source>
        <translation>작업공간 전환</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="204"/>
        <source>Workspace:</source>
        <translation>작업공간:</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="220"/>
        <source>Rename workspace</source>
        <translation>작업공간 이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="221"/>
        <source>New name:</source>
        <translation>새 이름:</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="227"/>
        <location filename="../../app/ui/workspace_ops.py" line="234"/>
        <source>Delete workspace</source>
        <translation>작업공간 삭제</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="227"/>
        <source>Workspace to delete:</source>
        <translation>삭제할 작업공간:</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="231"/>
        <source>Delete the workspace “{0}”?</source>
        <translation>작업공간 “{0}”을(를) 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="233"/>
        <source>It is open now: the Default workspace opens instead.</source>
        <translation>지금 열려 있는 작업공간입니다. 대신 기본(Default) 작업공간이 열립니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="242"/>
        <source>Workspace “{0}” deleted.</source>
        <translation>작업공간 “{0}”을(를) 삭제했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="245"/>
        <source>Export workspace</source>
        <translation>작업공간 내보내기</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="249"/>
        <source>Import workspace</source>
        <translation>작업공간 가져오기</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace.py" line="53"/>
        <source>not UTF-8 text</source>
        <translation>UTF-8 텍스트가 아님</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace.py" line="55"/>
        <source>not valid JSON (line {0}, column {1})</source>
        <translation>올바른 JSON이 아님 ({0}행 {1}열)</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace.py" line="70"/>
        <source>{0} was saved by a newer lsterm (workspace format {1}; this version reads up to {2}); the file is left as it is</source>
        <translation>{0} 파일은 더 새로운 lsterm에서 저장되었습니다(작업공간 형식 {1}, 이 버전은 {2}까지 읽을 수 있음). 파일은 그대로 둡니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace.py" line="113"/>
        <source>not a JSON object</source>
        <translation>JSON 객체가 아님</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace.py" line="116"/>
        <source>no format version</source>
        <translation>형식 버전이 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace.py" line="118"/>
        <source>made by a newer lsterm (format {0})</source>
        <translation>더 새로운 lsterm에서 만든 파일 (형식 {0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace.py" line="121"/>
        <source>unknown format version {0}</source>
        <translation>알 수 없는 형식 버전 {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace.py" line="125"/>
        <source>a format {0} workspace of the wrong shape ({1})</source>
        <translation>구조가 잘못된 형식 {0} 작업공간 ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace.py" line="128"/>
        <source>not an lsterm workspace</source>
        <translation>lsterm 작업공간이 아님</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace.py" line="131"/>
        <source>no list of panels</source>
        <translation>패널 목록이 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace.py" line="135"/>
        <source>a panel entry of the wrong shape</source>
        <translation>구조가 잘못된 패널 항목</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace.py" line="198"/>
        <source>Default</source>
        <translation>기본</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace.py" line="221"/>
        <source>{0} was a file, not the workspace folder: it was kept as {1} and the folder made anew.</source>
        <translation>{0}은(는) 작업공간 폴더가 아니라 파일이었습니다. 파일은 {1}(으)로 보관했고 폴더를 새로 만들었습니다.</translation>
    </message>
</context>
</TS>
