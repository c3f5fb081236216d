"""Slot fillers: each returns a (Chinese, English) pair, so one draw reads right in both
languages. Every name, firm and place is invented."""

from __future__ import annotations

import random
from collections.abc import Callable

from redress.demo.phrasebook.base import Pair

BRANDS: tuple[Pair, ...] = (
    ("恒达", "Hengda"), ("鑫源", "Xinyuan"), ("宏盛", "Hongsheng"), ("华远", "Huayuan"),
    ("瑞丰", "Ruifeng"), ("金诚", "Jincheng"), ("永安", "Yong'an"), ("博远", "Boyuan"),
    ("天成", "Tiancheng"), ("东升", "Dongsheng"), ("信达", "Xinda"), ("润泽", "Runze"),
    ("兴旺", "Xingwang"), ("顺发", "Shunfa"), ("佳美", "Jiamei"), ("华康", "Huakang"),
    ("汇通", "Huitong"), ("远航", "Yuanhang"), ("新力", "Xinli"), ("德润", "Derun"),
    ("荣昌", "Rongchang"), ("万盛", "Wansheng"), ("裕丰", "Yufeng"), ("嘉利", "Jiali"),
)  # fmt: skip

FACTORY_KINDS: tuple[Pair, ...] = (
    ("服装厂", "Garment Factory"), ("电子厂", "Electronics Factory"),
    ("家具厂", "Furniture Factory"), ("纺织厂", "Textile Mill"),
    ("机械配件厂", "Machine Parts Factory"), ("食品厂", "Food Factory"),
    ("包装材料厂", "Packaging Factory"), ("汽车配件厂", "Auto Parts Factory"),
    ("鞋厂", "Shoe Factory"), ("五金厂", "Hardware Factory"),
    ("塑料制品厂", "Plastics Factory"), ("印刷厂", "Printing Works"),
)  # fmt: skip

SHOP_KINDS: tuple[Pair, ...] = (
    ("火锅店", "Hotpot Restaurant"), ("酒楼", "Restaurant"), ("超市", "Supermarket"),
    ("洗浴中心", "Bathhouse"), ("奶茶店", "Tea Shop"), ("母婴店", "Baby Store"),
    ("美容院", "Beauty Salon"), ("汽修店", "Car Repair Shop"),
)  # fmt: skip

PREPAID_KINDS: tuple[Pair, ...] = (
    ("健身房", "Gym"), ("少儿培训机构", "Children's Tutoring Centre"),
    ("美容美发店", "Hair and Beauty Salon"), ("洗车店", "Car Wash"), ("游泳馆", "Swimming Pool"),
)  # fmt: skip

POLLUTER_KINDS: tuple[Pair, ...] = (
    ("化工厂", "Chemical Plant"), ("印染厂", "Dyeing Works"), ("石材加工厂", "Stone Yard"),
    ("混凝土搅拌站", "Concrete Plant"), ("塑料颗粒厂", "Plastic Pellet Factory"),
    ("电镀厂", "Electroplating Works"), ("砖瓦厂", "Brickworks"), ("造纸厂", "Paper Mill"),
    ("沥青拌合站", "Asphalt Plant"), ("皮革厂", "Tannery"),
)  # fmt: skip

SITES: tuple[Pair, ...] = (
    ("安置小区二期工地", "phase II resettlement housing site"),
    ("工业园标准厂房工地", "industrial park factory building site"),
    ("中心小学扩建工地", "primary school extension site"),
    ("滨江商住楼工地", "riverside flats construction site"),
    ("农贸市场改造工地", "food market rebuilding site"),
    ("污水管网改造工地", "sewer upgrade works"),
    ("乡村公路拓宽工地", "road widening works"),
    ("养老服务中心工地", "elderly care centre building site"),
)

CONTRACTORS: tuple[Pair, ...] = (
    ("包工头", "labour contractor"),
    ("劳务班组长", "gang master"),
    ("分包老板", "subcontractor"),
)

MONTHS: tuple[Pair, ...] = (
    ("两个月", "two months"), ("三个月", "three months"), ("四个多月", "over four months"),
    ("五个月", "five months"), ("半年", "six months"), ("大半年", "most of a year"),
    ("近一年", "nearly a year"),
)  # fmt: skip

SINCE: tuple[Pair, ...] = (
    ("去年年底", "at the end of last year"), ("今年年初", "early this year"),
    ("上个月", "last month"), ("去年春天", "last spring"), ("去年秋天", "last autumn"),
    ("今年三月", "in March"), ("去年八月", "last August"),
)  # fmt: skip

DEADLINES: tuple[Pair, ...] = (
    ("去年六月", "last June"), ("去年年底", "by the end of last year"),
    ("今年春节前", "before this Spring Festival"), ("前年年底", "two years ago"),
)  # fmt: skip

WEEKS: tuple[Pair, ...] = (
    ("一个多星期", "over a week"), ("两周", "two weeks"), ("快一个月", "nearly a month"),
    ("十来天", "about ten days"),
)  # fmt: skip

DAYS: tuple[Pair, ...] = (("两天", "two days"), ("三天", "three days"), ("一个星期", "a week"))

NIGHTS: tuple[Pair, ...] = (
    ("每天夜里", "every night"), ("凌晨两三点", "at two or three in the morning"),
    ("每逢下雨天", "whenever it rains"), ("一到周末", "at weekends"),
    ("一到傍晚", "every evening"),
)  # fmt: skip

RIVERS: tuple[Pair, ...] = (
    ("村前的小溪", "the stream in front of the village"), ("青溪河", "the Qingxi River"),
    ("灌溉渠", "the irrigation channel"), ("村里的池塘", "the village pond"),
    ("白沙江支流", "a tributary of the Baisha River"),
)  # fmt: skip

SMELLS: tuple[Pair, ...] = (
    ("刺鼻的酸味", "a sharp acid smell"), ("臭鸡蛋味", "a rotten-egg smell"),
    ("浓烈的焦糊味", "a strong burning smell"), ("油漆味", "a smell of paint"),
    ("难闻的化学品气味", "a foul chemical smell"),
)  # fmt: skip

LAND: tuple[Pair, ...] = (
    ("耕地", "farmland"), ("山林", "hillside woodland"), ("鱼塘", "fish ponds"),
    ("茶园", "tea gardens"), ("果园", "orchards"), ("菜地", "vegetable plots"),
)  # fmt: skip

PROJECTS: tuple[Pair, ...] = (
    ("高速公路连接线项目", "expressway link road"),
    ("工业园区扩区项目", "industrial park expansion"),
    ("水库扩容工程", "reservoir expansion"), ("物流园项目", "logistics park"),
    ("高铁站配套道路工程", "railway station access road"), ("光伏电站项目", "solar farm"),
    ("县城南拓道路工程", "southern ring road"),
)  # fmt: skip

REDEVELOPMENTS: tuple[Pair, ...] = (
    ("老街改造项目", "old street redevelopment"), ("城中村改造项目", "urban village redevelopment"),
    ("高铁新城项目", "railway new town"), ("滨江公园项目", "riverside park"),
    ("棚户区改造项目", "shanty-town redevelopment"),
)  # fmt: skip

ESTATES: tuple[Pair, ...] = (
    ("锦绣花园", "Jinxiu Garden"), ("阳光城小区", "Sunshine City"), ("滨江苑", "Riverside Court"),
    ("翠湖名邸", "Cuihu Residence"), ("和园小区", "Heyuan Estate"), ("金桂苑", "Osmanthus Court"),
    ("香樟苑", "Camphor Court"), ("丽景湾", "Lijing Bay"), ("江南春晓", "Jiangnan Spring"),
    ("书香门第小区", "Shuxiang Estate"),
)  # fmt: skip

STATE_FIRMS: tuple[Pair, ...] = (
    ("县农机厂", "the county farm machinery works"), ("县酒厂", "the county distillery"),
    ("县丝绸厂", "the county silk mill"), ("县化肥厂", "the county fertiliser plant"),
    ("县粮食购销公司", "the county grain company"), ("县供销社", "the county supply co-op"),
    ("县印刷厂", "the county printing works"), ("县水泥厂", "the county cement works"),
)  # fmt: skip

SCHEME_KINDS: tuple[Pair, ...] = (
    ("养老投资项目", "pension investment scheme"), ("理财平台", "wealth management platform"),
    ("种植合作社", "farming co-operative"), ("健康产业项目", "health products scheme"),
)  # fmt: skip

WORKSHOPS: tuple[Pair, ...] = (
    ("家具作坊", "furniture workshop"), ("服装加工点", "clothing workshop"),
    ("泡沫包装作坊", "foam packaging workshop"), ("电动车维修点", "e-bike repair shop"),
    ("废品回收站", "scrap yard"),
)  # fmt: skip

SPOTS: tuple[Pair, ...] = (
    ("村委会", "the village committee office"), ("老街", "the old street"),
    ("村口", "the village entrance"), ("文化礼堂", "the village hall"),
    ("菜市场", "the food market"), ("小学", "the primary school"),
    ("老祠堂", "the old ancestral hall"), ("篮球场", "the basketball court"),
    ("河埠头", "the river steps"),
)  # fmt: skip

ROADS: tuple[Pair, ...] = (
    ("通村公路", "the village road"), ("县道", "the county road"),
    ("环村路", "the ring road round the village"),
    ("学校门口那段路", "the road outside the school"),
)  # fmt: skip

BUSES: tuple[Pair, ...] = (
    ("3路公交", "the No. 3 bus"), ("城乡公交7路", "the No. 7 country bus"),
    ("12路公交", "the No. 12 bus"), ("K5路公交", "the K5 bus"),
)  # fmt: skip

PERMITS: tuple[Pair, ...] = (
    ("残疾证", "a disability certificate"), ("低保申请", "the minimum living allowance"),
    ("建房审批", "a building permit"), ("营业执照变更", "a change to my business licence"),
    ("户口迁移", "a household registration transfer"),
)  # fmt: skip

TIMES: tuple[Pair, ...] = (("五", "five"), ("六", "six"), ("七八", "seven or eight"))

MARKETS: tuple[Pair, ...] = (
    ("镇上的农资店", "a farm supplies shop in town"),
    ("集市上的流动摊贩", "a market stall"),
)

_ZH_DIGITS = "零一二三四五六七八九"
_EN_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def zh_numeral(number: int) -> str:
    """Chinese numerals for 1 to 9999, as written in prose (十二, 二十, 一百零五)."""
    if number < 10:
        return _ZH_DIGITS[number]
    if number < 20:
        return "十" + (_ZH_DIGITS[number - 10] if number > 10 else "")
    if number < 100:
        tens, units = divmod(number, 10)
        return _ZH_DIGITS[tens] + "十" + (_ZH_DIGITS[units] if units else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        head = _ZH_DIGITS[hundreds] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + _ZH_DIGITS[rest]
        return head + (zh_numeral(rest) if rest >= 20 else "一" + zh_numeral(rest))
    thousands, rest = divmod(number, 1000)
    head = _ZH_DIGITS[thousands] + "千"
    if rest == 0:
        return head
    return head + ("零" if rest < 100 else "") + zh_numeral(rest)


def en_words(number: int) -> str:
    if number < 20:
        return _EN_UNITS[number]
    tens, units = divmod(number, 10)
    return _EN_TENS[tens] + (f"-{_EN_UNITS[units]}" if units else "")


def count_pair(number: int, rng: random.Random) -> Pair:
    """A head count as people write it: 两, 二十多, 23 or 20余; twelve, 35, about 40."""
    if number == 2:
        zh = "两"
    elif number <= 10 or (number < 100 and number % 10 == 0):
        zh = zh_numeral(number)
    else:
        roll = rng.random()
        round_down = number // 10 * 10
        if roll < 0.45:
            zh = str(number)
        elif roll < 0.75 and number % 10:
            zh = f"{zh_numeral(round_down)}多"
        elif number % 10:
            zh = f"{round_down}余"
        else:
            zh = str(number)
    if number <= 30:
        en = en_words(number)
    elif rng.random() < 0.6:
        en = str(number)
    else:
        en = f"about {round(number, -1)}"
    return zh, en


def money_pair(yuan: int) -> Pair:
    if yuan < 10000:
        return f"{yuan}元", f"{yuan:,} yuan"
    return f"{yuan / 10000:.1f}".rstrip("0").rstrip(".") + "万元", f"{yuan:,} yuan"


def _branded(kinds: tuple[Pair, ...]) -> Callable[[random.Random, int], Pair]:
    def make(rng: random.Random, count: int) -> Pair:
        brand, kind = rng.choice(BRANDS), rng.choice(kinds)
        return brand[0] + kind[0], f"{brand[1]} {kind[1]}"

    return make


def _pick(pool: tuple[Pair, ...]) -> Callable[[random.Random, int], Pair]:
    return lambda rng, count: rng.choice(pool)


def _amount(rng: random.Random, count: int) -> Pair:
    return money_pair(rng.randrange(3000, 60000, 100))


def _total(rng: random.Random, count: int) -> Pair:
    return money_pair(max(count, 1) * rng.randrange(6000, 30000, 1000))


def _small(rng: random.Random, count: int) -> Pair:
    amount = rng.randrange(80, 600, 10)
    return str(amount), str(amount)


def _number(low: int, high: int) -> Callable[[random.Random, int], Pair]:
    def make(rng: random.Random, count: int) -> Pair:
        number = rng.randint(low, high)
        return zh_numeral(number), en_words(number) if number < 100 else str(number)

    return make


def _digits(low: int, high: int) -> Callable[[random.Random, int], Pair]:
    def make(rng: random.Random, count: int) -> Pair:
        number = str(rng.randint(low, high))
        return number, number

    return make


def _mu(rng: random.Random, count: int) -> Pair:
    mu = rng.choice((rng.randint(3, 40), rng.randint(40, 400)))
    return f"{mu}亩", f"{mu} mu"


def _rate(rng: random.Random, count: int) -> Pair:
    rate = rng.randrange(25, 70) / 10
    return f"每亩{rate:g}万元", f"{int(rate * 10000):,} yuan a mu"


def _developer(rng: random.Random, count: int) -> Pair:
    brand = rng.choice(BRANDS)
    return f"{brand[0]}置业", f"{brand[1]} Property"


# Each filler gets the generator's random source and the head count of the grievance.
SLOT_MAKERS: dict[str, Callable[[random.Random, int], Pair]] = {
    "employer": _branded(FACTORY_KINDS),
    "business": _branded(SHOP_KINDS),
    "shop": _branded(PREPAID_KINDS),
    "factory": _branded(POLLUTER_KINDS),
    "platform": _branded(SCHEME_KINDS),
    "developer": _developer,
    "site": _pick(SITES),
    "contractor": _pick(CONTRACTORS),
    "months": _pick(MONTHS),
    "since": _pick(SINCE),
    "deadline": _pick(DEADLINES),
    "weeks": _pick(WEEKS),
    "days": _pick(DAYS),
    "night": _pick(NIGHTS),
    "river": _pick(RIVERS),
    "smell": _pick(SMELLS),
    "land": _pick(LAND),
    "project": _pick(PROJECTS),
    "redevelopment": _pick(REDEVELOPMENTS),
    "estate": _pick(ESTATES),
    "soe": _pick(STATE_FIRMS),
    "workshop": _pick(WORKSHOPS),
    "spot": _pick(SPOTS),
    "road": _pick(ROADS),
    "bus": _pick(BUSES),
    "permit": _pick(PERMITS),
    "times": _pick(TIMES),
    "market": _pick(MARKETS),
    "amount": _amount,
    "total": _total,
    "small": _small,
    "years": _number(2, 12),
    "year": _digits(1998, 2012),
    "building": _digits(1, 24),
    "area": _digits(80, 320),
    "mu": _mu,
    "rate": _rate,
}
