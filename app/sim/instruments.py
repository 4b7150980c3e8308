"""The embedded exchange's instrument master: US stocks/ETFs, overseas futures and a few options.

Names are what LS sends: Korean and English for stocks (g3190 korname/engname), English only for
futures and options (o3101/o3121 SymbolNm, the account TRs' IsuNm); the futures' Korean names here
are for the embedded exchange's own use and never go on the wire as a name field.

Reference prices are only starting points; the price process moves from there. Futures contract
months are derived from the trading date, so the master always lists live (unexpired) contracts.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.sim.registry import Instrument

# ticker, exchange (81 NYSE/AMEX, 82 NASDAQ), English name (in capitals, as LS's master spells
# them: g3104/g3190 engname "TESLA INC"), Korean name, industry (ko), price, annual volatility,
# shares outstanding (millions)
_STOCKS: list[tuple[str, str, str, str, str, float, float, int]] = [
    ("AAPL", "82", "APPLE INC", "애플", "하드웨어", 228.50, 0.25, 15200),
    ("MSFT", "82", "MICROSOFT CORP", "마이크로소프트", "소프트웨어", 425.10, 0.22, 7430),
    ("NVDA", "82", "NVIDIA CORP", "엔비디아", "반도체", 138.20, 0.50, 24500),
    ("AMZN", "82", "AMAZON.COM INC", "아마존닷컴", "소매", 197.30, 0.30, 10500),
    ("GOOGL", "82", "ALPHABET INC CLASS A", "알파벳 A", "미디어", 171.40, 0.28, 5800),
    ("GOOG", "82", "ALPHABET INC CLASS C", "알파벳 C", "미디어", 173.00, 0.28, 5400),
    ("META", "82", "META PLATFORMS INC", "메타 플랫폼스", "미디어", 575.60, 0.35, 2530),
    ("TSLA", "82", "TESLA INC", "테슬라", "자동차 및 부품", 283.82, 0.60, 3210),
    ("AVGO", "82", "BROADCOM INC", "브로드컴", "반도체", 168.90, 0.45, 4660),
    ("COST", "82", "COSTCO WHOLESALE CORP", "코스트코", "소매", 905.20, 0.20, 443),
    ("NFLX", "82", "NETFLIX INC", "넷플릭스", "미디어", 760.40, 0.38, 428),
    ("AMD", "82", "ADVANCED MICRO DEVICES INC", "AMD", "반도체", 142.70, 0.50, 1620),
    ("ADBE", "82", "ADOBE INC", "어도비", "소프트웨어", 510.30, 0.32, 443),
    ("PEP", "82", "PEPSICO INC", "펩시코", "음료", 162.40, 0.16, 1372),
    ("CSCO", "82", "CISCO SYSTEMS INC", "시스코 시스템즈", "통신장비", 58.60, 0.20, 3990),
    ("INTC", "82", "INTEL CORP", "인텔", "반도체", 24.10, 0.45, 4310),
    ("QCOM", "82", "QUALCOMM INC", "퀄컴", "반도체", 158.90, 0.35, 1110),
    ("TXN", "82", "TEXAS INSTRUMENTS INC", "텍사스 인스트루먼트", "반도체", 201.50, 0.25, 912),
    ("INTU", "82", "INTUIT INC", "인튜이트", "소프트웨어", 650.10, 0.30, 280),
    ("AMAT", "82", "APPLIED MATERIALS INC", "어플라이드 머티어리얼즈", "반도체", 176.30, 0.42, 825),
    ("MU", "82", "MICRON TECHNOLOGY INC", "마이크론 테크놀로지", "반도체", 101.20, 0.50, 1110),
    ("PYPL", "82", "PAYPAL HOLDINGS INC", "페이팔", "금융서비스", 86.70, 0.35, 1000),
    ("SBUX", "82", "STARBUCKS CORP", "스타벅스", "호텔 및 레저", 98.40, 0.25, 1133),
    ("BKNG", "82", "BOOKING HOLDINGS INC", "부킹 홀딩스", "호텔 및 레저", 5030.00, 0.28, 33),
    ("GILD", "82", "GILEAD SCIENCES INC", "길리어드 사이언스", "제약", 90.10, 0.22, 1246),
    ("MRNA", "82", "MODERNA INC", "모더나", "제약", 43.50, 0.60, 384),
    ("PLTR", "82", "PALANTIR TECHNOLOGIES INC", "팔란티어", "소프트웨어", 61.80, 0.65, 2250),
    ("ABNB", "82", "AIRBNB INC", "에어비앤비", "호텔 및 레저", 137.20, 0.40, 634),
    ("PDD", "82", "PDD HOLDINGS INC", "핀둬둬", "소매", 101.90, 0.50, 1390),
    ("ASML", "82", "ASML HOLDING NV", "ASML 홀딩", "반도체", 672.40, 0.38, 393),
    ("COIN", "82", "COINBASE GLOBAL INC", "코인베이스", "금융서비스", 298.50, 0.75, 250),
    ("MSTR", "82", "MICROSTRATEGY INC", "마이크로스트래티지", "소프트웨어", 385.00, 0.95, 200),
    ("LRCX", "82", "LAM RESEARCH CORP", "램리서치", "반도체", 72.30, 0.45, 1290),
    ("MRVL", "82", "MARVELL TECHNOLOGY INC", "마벨 테크놀로지", "반도체", 92.60, 0.55, 865),
    ("CRWD", "82", "CROWDSTRIKE HOLDINGS INC", "크라우드스트라이크", "소프트웨어", 352.80, 0.50, 245),
    ("QQQ", "82", "INVESCO QQQ TRUST", "인베스코 QQQ 트러스트", "ETF", 505.60, 0.20, 600),
    ("TQQQ", "82", "PROSHARES ULTRAPRO QQQ", "프로셰어즈 울트라프로 QQQ", "ETF", 78.90, 0.60, 320),
    ("SQQQ", "82", "PROSHARES ULTRAPRO SHORT QQQ", "프로셰어즈 울트라프로 숏 QQQ", "ETF", 7.85, 0.60, 900),
    ("SOXX", "82", "ISHARES SEMICONDUCTOR ETF", "아이셰어즈 반도체 ETF", "ETF", 221.40, 0.35, 60),
    ("JPM", "81", "JPMORGAN CHASE & CO", "JP모건 체이스", "은행", 245.70, 0.22, 2820),
    ("V", "81", "VISA INC CLASS A", "비자", "금융서비스", 315.20, 0.18, 1940),
    ("MA", "81", "MASTERCARD INC CLASS A", "마스터카드", "금융서비스", 520.90, 0.18, 918),
    ("KO", "81", "COCA-COLA CO", "코카콜라", "음료", 63.40, 0.14, 4310),
    ("DIS", "81", "WALT DISNEY CO", "월트 디즈니", "미디어", 113.10, 0.28, 1810),
    ("WMT", "81", "WALMART INC", "월마트", "소매", 91.30, 0.18, 8030),
    ("JNJ", "81", "JOHNSON & JOHNSON", "존슨앤드존슨", "제약", 153.90, 0.15, 2400),
    ("PG", "81", "PROCTER & GAMBLE CO", "프록터 앤드 갬블", "생활용품", 172.10, 0.14, 2360),
    ("XOM", "81", "EXXON MOBIL CORP", "엑슨모빌", "에너지", 119.80, 0.22, 4400),
    ("CVX", "81", "CHEVRON CORP", "셰브론", "에너지", 160.30, 0.22, 1800),
    ("BAC", "81", "BANK OF AMERICA CORP", "뱅크오브아메리카", "은행", 46.40, 0.25, 7700),
    ("HD", "81", "HOME DEPOT INC", "홈디포", "소매", 410.60, 0.20, 993),
    ("NKE", "81", "NIKE INC CLASS B", "나이키", "섬유 및 의복", 77.20, 0.30, 1500),
    ("MCD", "81", "MCDONALD'S CORP", "맥도날드", "호텔 및 레저", 296.70, 0.16, 717),
    ("IBM", "81", "INTERNATIONAL BUSINESS MACHINES", "IBM", "소프트웨어", 222.30, 0.22, 925),
    ("BA", "81", "BOEING CO", "보잉", "항공우주", 154.80, 0.35, 748),
    ("GS", "81", "GOLDMAN SACHS GROUP INC", "골드만삭스", "증권", 590.40, 0.25, 314),
    ("UNH", "81", "UNITEDHEALTH GROUP INC", "유나이티드헬스 그룹", "건강관리", 600.20, 0.22, 920),
    ("PFE", "81", "PFIZER INC", "화이자", "제약", 25.90, 0.22, 5670),
    ("T", "81", "AT&T INC", "AT&T", "통신서비스", 22.80, 0.18, 7170),
    ("ORCL", "81", "ORACLE CORP", "오라클", "소프트웨어", 190.40, 0.30, 2770),
    ("CRM", "81", "SALESFORCE INC", "세일즈포스", "소프트웨어", 335.10, 0.32, 957),
    ("TSM", "81", "TAIWAN SEMICONDUCTOR MANUFACTURING ADR", "TSMC", "반도체", 196.20, 0.35, 5190),
    ("BABA", "81", "ALIBABA GROUP HOLDING ADR", "알리바바", "소매", 86.50, 0.40, 2390),
    ("UBER", "81", "UBER TECHNOLOGIES INC", "우버 테크놀로지스", "운송", 71.60, 0.38, 2100),
    ("SPY", "81", "SPDR S&P 500 ETF TRUST", "SPDR S&P 500 ETF", "ETF", 595.30, 0.16, 900),
    ("DIA", "81", "SPDR DOW JONES INDUSTRIAL AVERAGE ETF", "SPDR 다우존스 ETF", "ETF", 440.20, 0.15, 70),
    ("IWM", "81", "ISHARES RUSSELL 2000 ETF", "아이셰어즈 러셀 2000 ETF", "ETF", 232.80, 0.22, 300),
    ("GLD", "81", "SPDR GOLD SHARES", "SPDR 골드 셰어즈", "ETF", 245.10, 0.15, 300),
    ("SLV", "81", "ISHARES SILVER TRUST", "아이셰어즈 실버 트러스트", "ETF", 28.70, 0.28, 500),
    ("VOO", "81", "VANGUARD S&P 500 ETF", "뱅가드 S&P 500 ETF", "ETF", 547.20, 0.16, 1100),
    ("XLE", "81", "ENERGY SELECT SECTOR SPDR", "에너지 섹터 SPDR", "ETF", 92.40, 0.22, 250),
    ("SOXL", "81", "DIREXION DAILY SEMICONDUCTOR BULL 3X", "디렉시온 반도체 3배 ETF", "ETF", 12.21, 0.90, 900),
    ("ARKK", "81", "ARK INNOVATION ETF", "ARK 이노베이션 ETF", "ETF", 58.30, 0.45, 190),
    ("SCHD", "81", "SCHWAB US DIVIDEND EQUITY ETF", "슈왑 미국 배당 ETF", "ETF", 28.90, 0.13, 2400),
]

# root, exchange, English name, Korean name, currency, tick, tick value, multiplier, margin,
# reference price, decimals, months cycle, volatility
_FUTURES: list[tuple] = [
    ("ES", "CME", "E-mini S&P 500", "E-mini S&P500", "USD", "0.25", "12.5", "50", "13200", 6010.0, 2, "HMUZ", 0.16),
    ("NQ", "CME", "E-mini Nasdaq-100", "E-mini 나스닥100", "USD", "0.25", "5", "20", "19800", 21050.0, 2, "HMUZ", 0.22),
    ("YM", "CBOT", "E-mini Dow ($5)", "E-mini 다우", "USD", "1", "5", "5", "10000", 44100.0, 0, "HMUZ", 0.15),
    ("MES", "CME", "Micro E-mini S&P 500", "마이크로 E-mini S&P500", "USD", "0.25", "1.25", "5", "1320", 6010.0, 2, "HMUZ", 0.16),
    ("MNQ", "CME", "Micro E-mini Nasdaq-100", "마이크로 E-mini 나스닥100", "USD", "0.25", "0.5", "2", "1980", 21050.0, 2, "HMUZ", 0.22),
    ("CL", "NYMEX", "Crude Oil WTI", "WTI 원유", "USD", "0.01", "10", "1000", "6000", 69.50, 2, "FGHJKMNQUVXZ", 0.35),
    ("GC", "COMEX", "Gold", "금", "USD", "0.1", "10", "100", "11000", 2650.0, 1, "GJMQVZ", 0.16),
    ("MGC", "COMEX", "Micro Gold", "마이크로 금", "USD", "0.1", "1", "10", "1100", 2650.0, 1, "GJMQVZ", 0.16),
    ("SI", "COMEX", "Silver", "은", "USD", "0.005", "25", "5000", "17000", 30.85, 3, "HKNUZ", 0.28),
    ("6E", "CME", "Euro FX", "유로 FX", "USD", "0.00005", "6.25", "125000", "2800", 1.0545, 5, "HMUZ", 0.08),
    ("6J", "CME", "Japanese Yen", "일본 엔", "USD", "0.0000005", "6.25", "12500000", "3900", 0.0065450, 7, "HMUZ", 0.10),
    ("AD", "CME", "Australian Dollar", "호주 달러", "USD", "0.00005", "5", "100000", "1600", 0.6520, 5, "HMUZ", 0.10),
    ("HSI", "HKEX", "Hang Seng Index", "항셍지수", "HKD", "1", "50", "50", "135000", 19250.0, 0, "FGHJKMNQUVXZ", 0.25),
    ("NK", "SGX", "Nikkei 225 (JPY)", "니케이225(엔)", "JPY", "5", "2500", "500", "1200000", 38300.0, 0, "HMUZ", 0.20),
]

MONTH_CODES = "FGHJKMNQUVXZ"

# ISINs: g3190 isin, COSOQ00201 IsuNo / FcstckMktIsuCode ("82" + ISIN), AS0-AS4 sStdIsuNo
ISINS = {
    "AAPL": "US0378331005", "MSFT": "US5949181045", "NVDA": "US67066G1040", "AMZN": "US0231351067",
    "GOOGL": "US02079K3059", "GOOG": "US02079K1079", "META": "US30303M1027", "TSLA": "US88160R1014",
    "AVGO": "US11135F1012", "COST": "US22160K1051", "NFLX": "US64110L1061", "AMD": "US0079031078",
    "ADBE": "US00724F1012", "PEP": "US7134481081", "CSCO": "US17275R1023", "INTC": "US4581401001",
    "QCOM": "US7475251036", "TXN": "US8825081040", "INTU": "US4612021034", "AMAT": "US0382221051",
    "MU": "US5951121038", "PYPL": "US70450Y1038", "SBUX": "US8552441094", "BKNG": "US09857L1089",
    "GILD": "US3755581036", "MRNA": "US60770K1079", "PLTR": "US69608A1088", "ABNB": "US0090661010",
    "PDD": "US7223041028", "ASML": "USN070592100", "COIN": "US19260Q1076", "MSTR": "US5949724083",
    "LRCX": "US5128073062", "MRVL": "US5738741041", "CRWD": "US22788C1053", "QQQ": "US46090E1038",
    "TQQQ": "US74347X8314", "SQQQ": "US74347G4322", "SOXX": "US4642875235", "JPM": "US46625H1005",
    "V": "US92826C8394", "MA": "US57636Q1040", "KO": "US1912161007", "DIS": "US2546871060",
    "WMT": "US9311421039", "JNJ": "US4781601046", "PG": "US7427181091", "XOM": "US30231G1022",
    "CVX": "US1667641005", "BAC": "US0605051046", "HD": "US4370761029", "NKE": "US6541061031",
    "MCD": "US5801351017", "IBM": "US4592001014", "BA": "US0970231058", "GS": "US38141G1040",
    "UNH": "US91324P1021", "PFE": "US7170811035", "T": "US00206R1023", "ORCL": "US68389X1054",
    "CRM": "US79466L3024", "TSM": "US8740391003", "BABA": "US01609W1027", "UBER": "US90353T1007",
    "SPY": "US78462F1030", "DIA": "US2527871063", "IWM": "US4642876555", "GLD": "US78463V1070",
    "SLV": "US46428Q1094", "VOO": "US9229083632", "XLE": "US81369Y5069", "SOXL": "US25459W4583",
    "ARKK": "US00214Q1040", "SCHD": "US8085247976",
}

# g3190 listed_date (상장일자, YYYYMMDD: "20250407", "20191017" in LS's example): the day the
# issue began trading in the US as public sources give it (IPO, spin-off, the merger or split
# that made the present security, fund launch; NYSE listing for the old names). Where only the
# year is known (PG 1891, IBM 1916, BA 1934, PFE 1944) it is that year's first trading day.
# LS's own dates for these issues are not in its docs.
LISTED = {
    "AAPL": "19801212", "MSFT": "19860313", "NVDA": "19990122", "AMZN": "19970515",
    "GOOGL": "20040819", "GOOG": "20140403", "META": "20120518", "TSLA": "20100629",
    "AVGO": "20090806", "COST": "19851205", "NFLX": "20020523", "AMD": "19720927",
    "ADBE": "19860820", "PEP": "19650608", "CSCO": "19900216", "INTC": "19711013",
    "QCOM": "19911213", "TXN": "19531001", "INTU": "19930312", "AMAT": "19721005",
    "MU": "19840601", "PYPL": "20150720", "SBUX": "19920626", "BKNG": "19990330",
    "GILD": "19920122", "MRNA": "20181207", "PLTR": "20200930", "ABNB": "20201210",
    "PDD": "20180726", "ASML": "19950315", "COIN": "20210414", "MSTR": "19980611",
    "LRCX": "19840504", "MRVL": "20000627", "CRWD": "20190612", "QQQ": "19990310",
    "TQQQ": "20100211", "SQQQ": "20100211", "SOXX": "20010710", "JPM": "20010102",
    "V": "20080319", "MA": "20060525", "KO": "19190905", "DIS": "19571112",
    "WMT": "19720825", "JNJ": "19440925", "PG": "18910102", "XOM": "19991201",
    "CVX": "20011010", "BAC": "19981001", "HD": "19810922", "NKE": "19801202",
    "MCD": "19650421", "IBM": "19160103", "BA": "19340102", "GS": "19990504",
    "UNH": "19841017", "PFE": "19440103", "T": "19840216", "ORCL": "19860312",
    "CRM": "20040623", "TSM": "19971009", "BABA": "20140919", "UBER": "20190510",
    "SPY": "19930129", "DIA": "19980120", "IWM": "20000522", "GLD": "20041118",
    "SLV": "20060428", "VOO": "20100909", "XLE": "19981222", "SOXL": "20100311",
    "ARKK": "20141031", "SCHD": "20111020",
}

# g3190 indusury (업종코드) is a 4-digit code ("4530" in LS's example), never the name g3101 and
# g3104 send as induname. LS publishes no code table; these are the GICS industry groups the
# names belong to (4530 = semiconductors), and "0000" for funds, which GICS does not classify.
INDUSTRY_CODES = {
    "에너지": "1010", "항공우주": "2010", "운송": "2030", "자동차 및 부품": "2510", "섬유 및 의복": "2520",
    "호텔 및 레저": "2530", "소매": "2550", "음료": "3020", "생활용품": "3030", "건강관리": "3510",
    "제약": "3520", "은행": "4010", "금융서비스": "4020", "증권": "4020", "소프트웨어": "4510",
    "하드웨어": "4520", "통신장비": "4520", "반도체": "4530", "통신서비스": "5010", "미디어": "5020",
    "ETF": "0000",
}


@dataclass(frozen=True)
class StockInfo:
    """What the master knows about a stock beyond the shared ``Instrument`` fields."""

    industry: str
    ref_price: float
    volatility: float
    shares: int


def _third_friday(year: int, month: int) -> date:
    cal = calendar.monthcalendar(year, month)
    fridays = [week[calendar.FRIDAY] for week in cal if week[calendar.FRIDAY]]
    return date(year, month, fridays[2])


def contract_months(cycle: str, today: date, count: int = 2) -> list[tuple[int, int]]:
    """The next ``count`` (year, month) contract months of a cycle that expire after ``today``."""
    out: list[tuple[int, int]] = []
    year, month = today.year, today.month
    while len(out) < count:
        if MONTH_CODES[month - 1] in cycle and _third_friday(year, month) > today:
            out.append((year, month))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


def stocks() -> list[Instrument]:
    out = []
    for sym, exch, name, name_ko, indu, price, vol, shares in _STOCKS:
        tick = Decimal("0.0001") if price < 1 else Decimal("0.01")
        out.append(Instrument(
            symbol=sym, product="stock", name=name, name_ko=name_ko, exchange=exch, currency="USD",
            tick_size=tick, tick_value=tick, decimals=4,
            extra={"industry": indu, "industry_code": INDUSTRY_CODES[indu], "isin": ISINS[sym],
                   "listed": LISTED[sym],
                   "ref_price": price, "volatility": vol, "shares": shares * 1_000_000,
                   "etf": indu == "ETF"},
        ))
    return out


def listing_date(year: int, month: int, cycle: str) -> date:
    """When a contract month starts trading: the Monday after the expiry six months back for
    monthly cycles, twelve for the others (LS's o3105 gives CUSN23, expiring 2023-07-17, as
    listed 2023-01-16, a Monday; o3125 HSIM23, expiring 2023-06-29, 2022-12-26)."""
    back = 6 if len(cycle) == 12 else 12
    months = year * 12 + month - 1 - back
    return date.fromordinal(_third_friday(months // 12, months % 12 + 1).toordinal() + 3)


def futures(today: date) -> list[Instrument]:
    out = []
    for root, exch, name, name_ko, ccy, tick, tval, mult, margin, price, dec, cycle, vol in _FUTURES:
        for i, (year, month) in enumerate(contract_months(cycle, today)):
            code = f"{root}{MONTH_CODES[month - 1]}{year % 100:02d}"
            expiry = _third_friday(year, month)
            out.append(Instrument(
                # as LS names a contract in every TR (o3101 SymbolNm, CIDBQ01500 IsuNm …): the
                # English product name and the contract month, "Australian Dollar(2023.06)"
                symbol=code, product="future", name=f"{name}({year}.{month:02d})",
                name_ko=f"{name_ko}({year % 100:02d}.{month:02d})", exchange=exch, currency=ccy,
                tick_size=Decimal(tick), tick_value=Decimal(tval), multiplier=Decimal(mult),
                margin=Decimal(margin), maint_margin=(Decimal(margin) * Decimal("0.9")).quantize(Decimal(1)),
                root=root, expiry=expiry.strftime("%Y%m%d"), decimals=dec,
                extra={"ref_price": price * (1 + 0.004 * i), "volatility": vol, "base_name": name,
                       "base_name_ko": name_ko, "year": year, "month": month, "seq": i + 1,
                       "listed": listing_date(year, month, cycle).strftime("%Y%m%d")},
            ))
    return out


def options(today: date, es_price: float = 6010.0) -> list[Instrument]:
    """Calls ("2...") and puts ("3...") on the front E-mini S&P contract, five strikes each."""
    (year, month), = contract_months("HMUZ", today, 1)
    fut = f"ES{MONTH_CODES[month - 1]}{year % 100:02d}"
    atm = int(round(es_price / 50.0) * 50)
    out = []
    for strike in range(atm - 100, atm + 101, 50):
        for cp, prefix in (("C", "2"), ("P", "3")):
            code = f"{prefix}{fut}_{strike}"
            intrinsic = max(0.0, es_price - strike) if cp == "C" else max(0.0, strike - es_price)
            out.append(Instrument(
                symbol=code, product="option", name=f"E-mini S&P 500 {cp} {strike} ({fut})",
                name_ko=f"E-mini S&P500 {'콜' if cp == 'C' else '풋'} {strike}", exchange="CME",
                currency="USD", tick_size=Decimal("0.25"), tick_value=Decimal("12.5"),
                multiplier=Decimal(50), margin=Decimal(3000), maint_margin=Decimal(2700), root="ES",
                expiry=_third_friday(year, month).strftime("%Y%m%d"), strike=Decimal(strike), put_call=cp,
                decimals=2,
                extra={"ref_price": intrinsic + 60.0, "volatility": 0.9, "base_name": "E-mini S&P 500 Options",
                       "base_name_ko": "E-mini S&P500 옵션", "year": year, "month": month, "seq": 1,
                       "listed": listing_date(year, month, "HMUZ").strftime("%Y%m%d"),
                       "underlying": fut},
            ))
    return out


def build_master(today: date) -> list[Instrument]:
    return stocks() + futures(today) + options(today)
