<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../../app/ui/palette.py" line="45"/>
        <source>Type a command, a symbol (AAPL) or a workspace…</source>
        <translation>명령, 종목(AAPL) 또는 작업공간을 입력하세요…</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette.py" line="46"/>
        <source>↑↓ to choose · Enter to run · Esc to close</source>
        <translation>↑↓ 선택 · Enter 실행 · Esc 닫기</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette.py" line="85"/>
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
        <location filename="../../app/ui/hotkeys.py" line="119"/>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="120"/>
        <source>Filter commands…</source>
        <translation>명령 검색…</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="121"/>
        <source>Assign</source>
        <translation>지정</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="122"/>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="123"/>
        <source>Reset</source>
        <translation>기본값</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="124"/>
        <source>Reset all</source>
        <translation>모두 기본값</translation>
    </message>
    <message>
        <location filename="../../app/ui/hotkeys.py" line="159"/>
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
        <location filename="../../app/ui/commands.py" line="62"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="65"/>
        <source>View</source>
        <translation>보기</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="66"/>
        <source>Trading</source>
        <translation>거래</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="67"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="68"/>
        <source>Help</source>
        <translation>도움말</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="82"/>
        <source>Panels</source>
        <translation>패널</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="83"/>
        <source>New panel</source>
        <translation>새 패널</translation>
    </message>
    <message>
        <location filename="../../app/ui/commands.py" line="98"/>
        <source>Toolbar</source>
        <translation>도구 모음</translation>
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
        <location filename="../../app/ui/panels/session_panel.py" line="119"/>
        <source>connected</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="119"/>
        <source>connecting</source>
        <translation>연결 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="120"/>
        <source>reconnecting</source>
        <translation>재연결 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="120"/>
        <source>disconnected</source>
        <translation>끊김</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="123"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="123"/>
        <source>valid</source>
        <translation>유효</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="124"/>
        <source>refused</source>
        <translation>거부됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/panels/session_panel.py" line="124"/>
        <source>revoked</source>
        <translation>폐기됨</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../app/ui/shell.py" line="84"/>
        <source>Keys are needed for this mode.</source>
        <translation>이 모드에는 앱 키가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="94"/>
        <source>The embedded exchange is not available in this build.</source>
        <translation>이 빌드에는 내장 거래소가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="178"/>
        <source>About lsterm</source>
        <translation>lsterm 정보</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="179"/>
        <source>lsterm — a trading terminal for the LS Securities OpenAPI.
Overseas stocks, futures and options; demo mode runs an embedded exchange.</source>
        <translation>lsterm — LS증권 OpenAPI 트레이딩 터미널.
해외주식, 해외선물옵션; 데모 모드는 내장 거래소로 동작합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="206"/>
        <location filename="../../app/ui/shell.py" line="210"/>
        <source>Reset demo account</source>
        <translation>모의 계좌 초기화</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="207"/>
        <source>Only the demo account of the embedded exchange can be reset.</source>
        <translation>내장 거래소의 모의 계좌만 초기화할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="211"/>
        <source>Cancel every working order and put cash and positions back to the starting balance?</source>
        <translation>미체결 주문을 모두 취소하고 예수금과 보유 종목을 초기 잔고로 되돌릴까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="221"/>
        <source>Demo account reset to its starting balance.</source>
        <translation>모의 계좌를 초기 잔고로 되돌렸습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="225"/>
        <source>Workspace problem</source>
        <translation>작업공간 문제</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../app/ui/status.py" line="67"/>
        <source>Rate</source>
        <translation>호출</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="68"/>
        <location filename="../../app/ui/status.py" line="98"/>
        <source>Rate-limit pressure</source>
        <translation>호출 한도 사용률</translation>
    </message>
    <message>
        <location filename="../../app/ui/status.py" line="78"/>
        <source>Trading mode</source>
        <translation>거래 모드</translation>
    </message>
</context>
<context>
    <name>Workspaces</name>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="48"/>
        <source>The workspace “{0}” could not be read ({1}). The default layout was opened instead.</source>
        <translation>작업공간 “{0}”을(를) 읽을 수 없습니다 ({1}). 대신 기본 배치를 열었습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="51"/>
        <source>The broken file was kept as {0}.</source>
        <translation>손상된 파일은 {0}(으)로 보관했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="106"/>
        <source>A workspace named “{0}” already exists. Choose another name.</source>
        <translation>“{0}” 작업공간이 이미 있습니다. 다른 이름을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="121"/>
        <source>The workspace could not be exported to {0}: {1}</source>
        <translation>작업공간을 {0}(으)로 내보내지 못했습니다: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="130"/>
        <source>That file is not a usable workspace: {0}</source>
        <translation>사용할 수 없는 작업공간 파일입니다: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="143"/>
        <location filename="../../app/ui/workspace_ops.py" line="151"/>
        <source>Save workspace as</source>
        <translation>다른 이름으로 작업공간 저장</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="143"/>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="152"/>
        <source>A workspace named “{0}” already exists. Replace it?</source>
        <translation>“{0}” 작업공간이 이미 있습니다. 바꿀까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="158"/>
        <source>Switch workspace</source>
        <translation>작업공간 전환</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="158"/>
        <source>Workspace:</source>
        <translation>작업공간:</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="168"/>
        <source>Rename workspace</source>
        <translation>작업공간 이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="168"/>
        <source>New name:</source>
        <translation>새 이름:</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="173"/>
        <source>Delete workspace</source>
        <translation>작업공간 삭제</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="174"/>
        <source>Delete the workspace “{0}”?</source>
        <translation>작업공간 “{0}”을(를) 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="178"/>
        <source>Export workspace</source>
        <translation>작업공간 내보내기</translation>
    </message>
    <message>
        <location filename="../../app/ui/workspace_ops.py" line="182"/>
        <source>Import workspace</source>
        <translation>작업공간 가져오기</translation>
    </message>
</context>
</TS>
