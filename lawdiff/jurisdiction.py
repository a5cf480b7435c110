"""Jurisdiction equivalence: texts adopted by two jurisdictions that differ in names only.

Coordinated legislation (协同立法, 立法法 art. 83) produces texts that are the
same except for who adopts them: 本省/本市, 省人民政府/市人民政府, the
province's own name and cities (云南省/昭通市 vs 贵州省/毕节市、遵义市), the
partners listed in another order (与贵州省、四川省 vs 与云南省、四川省).

:func:`detect` finds each document's own jurisdiction (from the title, the
enacting body or the 题注). :class:`Masker` rewrites a (normalised) text so
that such names become *role tokens*: the document's own jurisdiction and its
cities are ``SELF``/``SELF-CITY``, the other side's are ``OTHER``/
``OTHER-CITY``; third parties (四川省, 泸州市) stay as written. A run of names
joined by ``、`` becomes one token holding the sorted set of its members, so
order and the number of cities do not matter. Two texts are *equivalent* when
their masked forms are equal. The masks are direction-aware: in a province's
text ``市人民政府`` means a city government and is left alone; only in a
municipality's text is it the counterpart of ``省人民政府``. So masking never
makes two provinces' ``省人民政府``/``市人民政府`` equal.

User equivalences (``--equiv 四川省=重庆市``) add pairs: the left term in the
left text and the right term in the right text become one token (and, as in
coordinated texts each side names the other as partner, the right term in the
left text and the left term in the right text another).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from .errors import ConfigError
from .model import Document, TermDiff, frozen_dataclass

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

__all__ = [
    "PROVINCES",
    "MUNICIPALITIES",
    "CITIES",
    "Jurisdiction",
    "detect",
    "parse_equiv",
    "read_equiv_file",
    "Masker",
    "Masked",
    "build_maskers",
    "term_differences",
]

# ---------------------------------------------------------------------------
# Data: the 34 provincial-level units and their prefecture-level divisions.

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")

_CITY_DATA = {
    # municipalities: their districts and counties play the part of a province's cities
    "北京市": "东城区 西城区 朝阳区 丰台区 石景山区 海淀区 门头沟区 房山区 通州区 顺义区 昌平区 大兴区 怀柔区 平谷区 "
    "密云区 延庆区",
    "天津市": "和平区 河东区 河西区 南开区 河北区 红桥区 东丽区 西青区 津南区 北辰区 武清区 宝坻区 滨海新区 宁河区 静海区 "
    "蓟州区",
    "上海市": "黄浦区 徐汇区 长宁区 静安区 普陀区 虹口区 杨浦区 闵行区 宝山区 嘉定区 浦东新区 金山区 松江区 青浦区 奉贤区 "
    "崇明区",
    "重庆市": "万州区 涪陵区 渝中区 大渡口区 江北区 沙坪坝区 九龙坡区 南岸区 北碚区 綦江区 大足区 渝北区 巴南区 黔江区 "
    "长寿区 江津区 合川区 永川区 南川区 璧山区 铜梁区 潼南区 荣昌区 开州区 梁平区 武隆区 城口县 丰都县 垫江县 忠县 云阳县 "
    "奉节县 巫山县 巫溪县 石柱土家族自治县 秀山土家族苗族自治县 酉阳土家族苗族自治县 彭水苗族土家族自治县",
    "河北省": "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水",
    "山西省": "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁",
    "内蒙古自治区": "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安盟 锡林郭勒盟 阿拉善盟",
    "辽宁省": "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛",
    "吉林省": "长春 吉林 四平 辽源 通化 白山 松原 白城 延边朝鲜族自治州",
    "黑龙江省": "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭地区",
    "江苏省": "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁",
    "浙江省": "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水",
    "安徽省": "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城",
    "福建省": "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德",
    "江西省": "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶",
    "山东省": "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽",
    "河南省": "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源",
    "湖北省": "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施土家族苗族自治州",
    "湖南省": "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西土家族苗族自治州",
    "广东省": "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮",
    "广西壮族自治区": "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左",
    "海南省": "海口 三亚 三沙 儋州",
    "四川省": "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 "
    "阿坝藏族羌族自治州 甘孜藏族自治州 凉山彝族自治州",
    "贵州省": "贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南布依族苗族自治州 黔东南苗族侗族自治州 黔南布依族苗族自治州",
    "云南省": "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄彝族自治州 红河哈尼族彝族自治州 文山壮族苗族自治州 "
    "西双版纳傣族自治州 大理白族自治州 德宏傣族景颇族自治州 怒江傈僳族自治州 迪庆藏族自治州",
    "西藏自治区": "拉萨 日喀则 昌都 林芝 山南 那曲 阿里地区",
    "陕西省": "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛",
    "甘肃省": "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏回族自治州 甘南藏族自治州",
    "青海省": "西宁 海东 海北藏族自治州 黄南藏族自治州 海南藏族自治州 果洛藏族自治州 玉树藏族自治州 海西蒙古族藏族自治州",
    "宁夏回族自治区": "银川 石嘴山 吴忠 固原 中卫",
    "新疆维吾尔自治区": "乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉回族自治州 博尔塔拉蒙古自治州 巴音郭楞蒙古自治州 "
    "克孜勒苏柯尔克孜自治州 伊犁哈萨克自治州 阿克苏地区 喀什地区 和田地区 塔城地区 阿勒泰地区",
    "台湾省": "",
    "香港特别行政区": "",
    "澳门特别行政区": "",
}


def _city_name(word: str) -> str:
    return word if word.endswith(("自治州", "地区", "盟", "区", "县")) else word + "市"


#: Provincial-level units, in the order of the national administrative code.
PROVINCES: tuple[str, ...] = tuple(_CITY_DATA)
#: Prefecture-level divisions of each provincial-level unit (市, 自治州, 地区, 盟); for the
#: four municipalities, their districts and counties (区, 县).
CITIES: dict[str, tuple[str, ...]] = {
    prov: tuple(_city_name(w) for w in words.split()) for prov, words in _CITY_DATA.items()
}
_PROVINCE_OF_CITY = {city: prov for prov, cities in CITIES.items() for city in cities}

# ---------------------------------------------------------------------------
# Detection


@frozen_dataclass
class Jurisdiction:
    """A document's own jurisdiction: ``name`` (云南省, 杭州市) and its ``province``.

    ``level`` is ``province`` (省, 自治区), ``municipality`` (直辖市) or ``city``
    (a prefecture-level city of ``province``).
    """

    name: str
    province: str
    level: str

    @property
    def cities(self) -> tuple[str, ...]:
        return CITIES.get(self.name, ()) if self.level != "city" else ()


def _jurisdiction_of(name: str) -> Jurisdiction:
    if name in MUNICIPALITIES:
        return Jurisdiction(name, name, "municipality")
    if name in _CITY_DATA:
        return Jurisdiction(name, name, "province")
    return Jurisdiction(name, _PROVINCE_OF_CITY[name], "city")


_ALL_NAMES = sorted(set(PROVINCES) | set(_PROVINCE_OF_CITY), key=lambda s: (-len(s), s))
#: The names, and their lengths longest first: a name at a position is found by looking up the text
#: there in the set, length by length. This gives what a regex alternation of ``_ALL_NAMES`` (longest
#: first) matches, without compiling one (~5 ms for the two that ``detect`` used).
_NAME_SET = frozenset(_ALL_NAMES)
_NAME_LENGTHS = sorted({len(name) for name in _ALL_NAMES}, reverse=True)
#: What follows the name of an enacting body: 云南省[第十三届]人民代表大会, 贵州省人民政府.
_BODY_TAIL = r"(?:第[一二三四五六七八九十]+届)?人民(?:代表大会|政府)"


@functools.cache
def _regex(pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern)``, kept. The regexes of this module are compiled on first use, not at
    import: most runs need few of them (compiling all took ~1 ms of import)."""
    return re.compile(pattern)


def _names_at(text: str, pos: int = 0):
    """The jurisdiction names that ``text`` holds at ``pos``, longest first."""
    for n in _NAME_LENGTHS:
        word = text[pos : pos + n]
        if len(word) == n and word in _NAME_SET:
            yield word


def detect(doc: Document) -> Jurisdiction | None:
    """The document's own jurisdiction, or ``None`` (national texts, or nothing found).

    Looks, in order, at the start of the title (``云南省人民代表大会常务委员会关于…``,
    ``杭州市法律援助条例``), then at the preamble/intro lines for an enacting
    body such as ``（2021年5月27日贵州省第十三届人民代表大会常务委员会…通过）``.
    """
    title = "".join((doc.title or "").split())  # without whitespace (what ``\s`` matches)
    for name in _names_at(title):  # the longest name the title starts with
        return _jurisdiction_of(name)
    for line in (*doc.preamble, *doc.intro):
        line = "".join(line.split())
        for m in _regex(r"(?:\d+日|^)").finditer(line):
            # the longest name there that an enacting body follows
            for name in _names_at(line, m.end()):
                if _regex(_BODY_TAIL).match(line, m.end() + len(name)):
                    return _jurisdiction_of(name)
    return None


# ---------------------------------------------------------------------------
# User equivalences


def parse_equiv(spec: str) -> tuple[str, str]:
    """``"四川省=重庆市"`` -> ``("四川省", "重庆市")``; raises ConfigError when malformed."""
    left, sep, right = spec.partition("=")
    left, right = left.strip(), right.strip()
    if not sep or not left or not right or left == right:
        msg = f"invalid equivalence {spec!r}: expected LEFT=RIGHT with two different terms, e.g. 四川省=重庆市"
        raise ConfigError(msg)
    return left, right


def read_equiv_file(path: str | Path) -> tuple[tuple[str, str], ...]:
    """Read ``[equiv]`` from a TOML file: ``"四川省" = "重庆市"`` (left term = right term)."""
    import tomllib
    from pathlib import Path

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"cannot read equivalence file: {err.strerror or err}", source=str(path)) from err
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"not valid TOML: {err}", source=str(path)) from err
    table = data.get("equiv")
    if not isinstance(table, dict):
        raise ConfigError('no [equiv] table (expected lines such as "四川省" = "重庆市")', source=str(path))
    return equiv_from_table(table, "[equiv]", str(path))


def equiv_from_table(table: dict, where: str, source: str | None) -> tuple[tuple[str, str], ...]:
    """Equivalences from a TOML table ``{"四川省" = "重庆市", "本省" = ["本市"]}`` (an equivalence file's
    ``[equiv]``, or a ``lawdiff.toml`` pair's ``equiv``); ``where`` names the table in errors."""
    pairs = []
    for key, value in table.items():
        values = value if isinstance(value, list) else [value]
        for v in values:
            if not key.strip() or not isinstance(v, str) or not v.strip() or v.strip() == key.strip():
                raise ConfigError(f"{where} {key!r}: value must be a different non-empty string", source=source)
            pairs.append((key.strip(), v.strip()))
    return tuple(pairs)


# ---------------------------------------------------------------------------
# Masking

#: Province-form term -> municipality-form terms, applied only when one side is a
#: province (or autonomous region) and the other a municipality (直辖市).
LEVEL_TERMS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("本省", "本自治区"), ("本市",)),
    (("全省", "全自治区"), ("全市",)),
    (("省人民代表大会常务委员会", "自治区人民代表大会常务委员会"), ("市人民代表大会常务委员会",)),
    (("省人民代表大会", "自治区人民代表大会"), ("市人民代表大会",)),
    (("省人民政府", "自治区人民政府"), ("市人民政府",)),
    (("省级", "自治区级"), ("市级",)),
    (("设区的市级", "市（州）级", "市（州）、县级", "市、县级", "市级"), ("区县级", "区级")),
    # the local governments below the province: a municipality's 区县 play the part of both the
    # province's 设区的市 and its 县 (区县（自治县）人民政府 stands for 设区的市人民政府 as well as for
    # 县级以上地方人民政府), so these are one term
    (
        (
            "县级以上地方各级人民政府", "县级以上地方人民政府", "县级以上人民政府", "设区的市、县（市、区）人民政府",
            "市、县（市、区）人民政府", "市（州）、县（市、区）人民政府", "设区的市人民政府", "设区的市、自治州人民政府",
            "市（州）人民政府", "县（市、区）人民政府", "县级人民政府",
        ),
        (
            "市、区县（自治县）人民政府", "市、区县人民政府", "市、区人民政府", "区县（自治县）人民政府", "区县人民政府",
            "区、县人民政府", "区人民政府",
        ),
    ),
    (("设区的市、县（市、区）", "市、县（市、区）", "市（州）、县（市、区）", "县（市、区）", "设区的市"), ("区县（自治县）", "区县")),
    (("设区的市人民代表大会", "设区的市、自治州人民代表大会"), ("区人民代表大会",)),
)

#: A bare 省 (in the province's text) or 市 (in the municipality's) naming the jurisdiction's own level
#: in front of an organ or a list of lower levels: 省农业农村主管部门 / 市农业农村主管部门, 国家和省规定 /
#: 国家和本市规定, 省和设区的市人民政府 / 市和区县（自治县）人民政府. It must follow punctuation, the start
#: of the text or a function word (so 城市、超市、上市 are never read as 市) and must not start a word such as
#: 市场, 市容, 市民, 省际.
#: Between the bare level word and the local governments: 省和设区的市人民政府, 市和相关区县人民政府.
_JOINED_LOCAL = r"(?:和|、|及)(相关)?"

_LEVEL_PREFIX = (
    r"(?:^|(?<=[^\u4e00-\u9fff⟨⟩]|[和及与由同经向对在将为从按并或等报请]))"
    r"{char}(?![场容民政区县级内外际份市委长镇])"
    r"(?=(?:和|及|、)(?:相关)?(?:设区的|区|县|市)|[^，。；：、（）“”⟨⟩\s]{{0,12}}?(?:主管部门|行政部门|部门|机构|机关|法院|检察院)"
    r"|(?:有关)?规定)"
)

#: Index in LEVEL_TERMS of the local governments (县级以上地方人民政府 / 区县（自治县）人民政府).
_LOCAL_GOVERNMENTS = next(k for k, (p, _) in enumerate(LEVEL_TERMS) if "县级以上地方人民政府" in p)

#: Counted jurisdictions: 两省 / 两市 / 两省市 are one term (same number).
_COUNT_RE = r"([两二三四五六七八九])(?:省区市|省市|省区|省|市)(?![场民长委])"
_COUNT_NORM = {"二": "两"}

_LIST_SEP = "、"


@frozen_dataclass
class Masked:
    """A masked text and the original term behind each token, in order."""

    text: str
    terms: tuple[tuple[str, str], ...]  # (token, original)


@dataclass
class Masker:
    """Rewrites the text of one side into role tokens (see the module docstring)."""

    roles: dict[str, str]  # literal term -> token
    level_terms: tuple[str, ...] = ()  # terms masked as level tokens (direction-aware)
    level_token: dict[str, str] = field(default_factory=dict)
    counted: bool = False
    #: ``("省", token)`` or ``("市", token)``: the bare level word of this side (see ``_LEVEL_PREFIX``)
    prefix: tuple[str, str] | None = None
    #: token of the local governments (县级以上地方人民政府 / 区县（自治县）人民政府): the level word joined
    #: to them (省和设区的市人民政府, 市和区县（自治县）人民政府) is that token too
    local_token: str | None = None
    _regex: re.Pattern[str] | None = field(default=None, repr=False)

    @property
    def active(self) -> bool:
        return bool(self.roles or self.level_token or self.counted)

    def _pattern(self) -> re.Pattern[str]:
        if self._regex is None:
            names = set(self.roles) | set(self.level_token) | set(_ALL_NAMES)
            alts = sorted(names, key=lambda s: (-len(s), s))
            pattern = "|".join(map(re.escape, alts))
            if self.prefix is not None:  # tried after the literal terms at the same position
                pattern += "|(?P<prefix>" + _LEVEL_PREFIX.format(char=re.escape(self.prefix[0])) + ")"
            self._regex = re.compile(pattern)
        return self._regex

    def mask(self, text: str) -> Masked:
        """Mask ``text`` (already normalised); unknown names stay literal."""
        if not self.active:
            return Masked(text, ())
        out: list[str] = []
        terms: list[tuple[str, str]] = []
        pos = 0
        regex = self._pattern()
        matches = list(regex.finditer(text))
        i = 0
        while i < len(matches):
            m = matches[i]
            if m.lastgroup == "prefix" and self.prefix is not None:
                out.append(text[pos : m.start()])
                nxt = matches[i + 1] if i + 1 < len(matches) else None
                joined = None
                if nxt is not None:
                    joined = _regex(_JOINED_LOCAL).fullmatch(text, m.end(), nxt.start())
                if joined and self.level_token.get(nxt.group(0)) == self.local_token:
                    # 省和设区的市人民政府 / 市和区县（自治县）人民政府 / 县级以上人民政府: one term, the local governments
                    out.append((joined.group(1) or "") + self.local_token)
                    terms.append((self.local_token, text[m.start() : nxt.end()]))
                    pos = nxt.end()
                    i += 2
                    continue
                out.append(self.prefix[1])
                terms.append((self.prefix[1], m.group(0)))
                pos = m.end()
                i += 1
                continue
            # gather a run of names joined by 、
            run = [m]
            while (
                i + 1 < len(matches)
                and matches[i + 1].lastgroup is None
                and matches[i + 1].start() == run[-1].end() + len(_LIST_SEP)
                and text[run[-1].end() : matches[i + 1].start()] == _LIST_SEP
                and self._is_name(matches[i + 1].group(0))
                and self._is_name(run[-1].group(0))
            ):
                run.append(matches[i + 1])
                i += 1
            i += 1
            if not any(r.group(0) in self.roles or r.group(0) in self.level_token for r in run):
                continue  # only literal names: nothing to mask
            members = [self._member(r.group(0)) for r in run]
            out.append(text[pos : run[0].start()])
            token = "⟨" + "|".join(sorted(set(members))) + "⟩"
            original = text[run[0].start() : run[-1].end()]
            out.append(token)
            terms.append((token, original))
            pos = run[-1].end()
        out.append(text[pos:])
        masked = "".join(out)
        if self.counted:
            masked, counted_terms = self._mask_counts(masked)
            terms = _merge_terms(masked, terms, counted_terms)
        if terms:
            masked = _sort_entries(masked)
        return Masked(masked, tuple(terms))

    def _is_name(self, word: str) -> bool:
        return word not in self.level_token

    def _member(self, word: str) -> str:
        if word in self.level_token:
            return self.level_token[word].strip("⟨⟩")
        token = self.roles.get(word)
        return token if token is not None else word

    @staticmethod
    def _mask_counts(text: str) -> tuple[str, list[tuple[int, str, str]]]:
        found: list[tuple[int, str, str]] = []
        out: list[str] = []
        pos = 0
        for m in _regex(_COUNT_RE).finditer(text):
            n = _COUNT_NORM.get(m.group(1), m.group(1))
            token = f"⟨{n}方⟩"
            out.append(text[pos : m.start()])
            found.append((sum(len(s) for s in out), token, m.group(0)))
            out.append(token)
            pos = m.end()
        out.append(text[pos:])
        return "".join(out), found


#: Names by their first character (for :func:`_names_in`), and each name's place in ``_ALL_NAMES``.
_NAMES_BY_FIRST: dict[str, list[str]] = {}
for _name in _ALL_NAMES:
    _NAMES_BY_FIRST.setdefault(_name[0], []).append(_name)
del _name
_NAME_ORDER = {name: k for k, name in enumerate(_ALL_NAMES)}


def _names_in(text: str) -> tuple[str, ...]:
    """The jurisdiction names that occur in ``text``, in the order of ``_ALL_NAMES`` (longest first)."""
    found = [name for ch in set(text).intersection(_NAMES_BY_FIRST) for name in _NAMES_BY_FIRST[ch] if name in text]
    found.sort(key=_NAME_ORDER.__getitem__)
    return tuple(found)


@functools.lru_cache(maxsize=256)
def _entry_list(names: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of a list of entries (see :func:`_sort_entries`) whose literal names are ``names``."""
    token = r"⟨[^⟩]*⟩"
    if names:
        alternation = "|".join(map(re.escape, names))
        atom = rf"(?:{token}|(?:{alternation})(?:、(?:{alternation}))*)"
    else:  # (an empty alternation would match the empty string)
        atom = rf"(?:{token})"
    entry = rf"{atom}(?:及{atom})*"
    return re.compile(rf"{entry}(?:，{entry})+")


def _sort_entries(masked: str) -> str:
    """Sort the entries of a list of jurisdictions separated by ``，`` (entries such as ``贵州省及毕节市、遵义市``).

    Coordinated texts list their partners with their cities in their own order (``与贵州省及毕节市、遵义市，
    四川省及泸州市`` vs ``与云南省及昭通市，贵州省及毕节市、遵义市``); once names are role tokens the two lists
    hold the same entries. Only lists with at least one token are touched.

    The list pattern holds the alternation of jurisdiction names eight times over; with all 454 names
    it took 30 ms to compile, the larger part of a first comparison of two provinces' texts. Names
    that do not occur in ``masked`` cannot match, so the pattern is built from the names that do
    (:func:`_names_in`, in the same longest-first order): the same matches, a pattern compiled in
    well under a millisecond (and kept, :func:`_entry_list`).
    """
    if "，" not in masked:
        return masked

    def repl(m: re.Match[str]) -> str:
        entries = m.group(0).split("，")
        return "，".join(sorted(entries)) if "⟨" in m.group(0) else m.group(0)

    return _entry_list(_names_in(masked)).sub(repl, masked)


def _merge_terms(masked: str, terms: list[tuple[str, str]], counted: list[tuple[int, str, str]]) -> list[tuple[str, str]]:
    """Order the role terms and counted terms by where their tokens occur in ``masked``."""
    located: list[tuple[int, tuple[str, str]]] = []
    start = 0
    for token, original in terms:
        at = masked.find(token, start)
        located.append((at, (token, original)))
        start = at + len(token) if at >= 0 else start
    located.extend((at, (token, original)) for at, token, original in counted)
    located.sort(key=lambda x: x[0])
    return [t for _, t in located]


def build_maskers(
    left: Jurisdiction | None,
    right: Jurisdiction | None,
    equivalences: Sequence[tuple[str, str]] = (),
) -> tuple[Masker, Masker]:
    """Maskers for the left and right texts.

    Jurisdiction roles are used only when both sides are detected and differ;
    user ``equivalences`` (left term, right term) always apply.
    """
    lroles: dict[str, str] = {}
    rroles: dict[str, str] = {}
    llevel: dict[str, str] = {}
    rlevel: dict[str, str] = {}
    counted = False
    if left is not None and right is not None and left.name != right.name:
        counted = True
        lroles[left.name] = rroles[right.name] = "SELF"
        lroles[right.name] = rroles[left.name] = "OTHER"
        lroles.update({"本省": "SELF", "本市": "SELF", "本自治区": "SELF"} if left.level != "city" else {"本市": "SELF"})
        rroles.update({"本省": "SELF", "本市": "SELF", "本自治区": "SELF"} if right.level != "city" else {"本市": "SELF"})
        for city in left.cities:
            lroles.setdefault(city, "SELF-CITY")
            rroles.setdefault(city, "OTHER-CITY")
        for city in right.cities:
            rroles.setdefault(city, "SELF-CITY")
            lroles.setdefault(city, "OTHER-CITY")
        levels = {left.level, right.level}
        if levels == {"province", "municipality"}:
            province_left = left.level == "province"
            for k, (p_terms, m_terms) in enumerate(LEVEL_TERMS):
                token = f"LEVEL{k}"
                for t in p_terms:
                    (llevel if province_left else rlevel)[t] = token
                for t in m_terms:
                    (rlevel if province_left else llevel)[t] = token
            # 本省/本市 are level terms here, so that 本市 is not a SELF role in a province's text
            for roles in (lroles, rroles):
                for t in ("本省", "本市", "本自治区"):
                    roles.pop(t, None)
    for k, (lt, rt) in enumerate(equivalences):
        own = _roles_of(lt, lroles)
        if own and own == _roles_of(rt, rroles) and _roles_of(rt, lroles) == _roles_of(lt, rroles):
            continue  # detection already makes these terms one, and each side's naming of the other too
        # symmetric: the two terms are one token, and (as each coordinated text names the other side)
        # the right term in the left text and the left term in the right text are another; this
        # overrides the detected roles of those literal terms, so both sides read them the same way
        lroles[lt] = rroles[rt] = f"EQ{k}"
        lroles[rt] = rroles[lt] = f"EQ{k}'"
    prefix_l = prefix_r = local = None
    if llevel:  # province and municipality: the bare level word (省 / 市) of each side
        province_left = left is not None and left.level == "province"
        prefix_l = ("省" if province_left else "市", "⟨LEVEL0⟩")
        prefix_r = ("市" if province_left else "省", "⟨LEVEL0⟩")
        local = f"⟨LEVEL{_LOCAL_GOVERNMENTS}⟩"
    lm = Masker(
        dict(lroles), level_token={t: f"⟨{v}⟩" for t, v in llevel.items()}, counted=counted, prefix=prefix_l,
        local_token=local,
    )
    rm = Masker(
        dict(rroles), level_token={t: f"⟨{v}⟩" for t, v in rlevel.items()}, counted=counted, prefix=prefix_r,
        local_token=local,
    )
    return lm, rm


def _roles_of(term: str, roles: dict[str, str]) -> frozenset[str] | None:
    """The roles of ``term`` (or of each member of a ``、`` list) on one side; None if one has none."""
    if term in roles:
        return frozenset((roles[term],))
    members = term.split(_LIST_SEP)
    if len(members) > 1 and all(m in roles for m in members):
        return frozenset(roles[m] for m in members)
    return None


def term_differences(left: Masked, right: Masked) -> tuple[TermDiff, ...]:
    """The terms that differ behind equal tokens of two masked texts (deduplicated, in order)."""
    seen: set[tuple[str, str]] = set()
    diffs: list[TermDiff] = []
    rterms = list(right.terms)
    for (ltok, lorig), (rtok, rorig) in zip(left.terms, rterms):
        if ltok != rtok or lorig == rorig:
            continue
        if (lorig, rorig) in seen:
            continue
        seen.add((lorig, rorig))
        diffs.append(TermDiff(lorig, rorig))
    return tuple(diffs)
