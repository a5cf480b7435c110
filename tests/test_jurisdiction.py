"""Jurisdiction detection, masking and user equivalences."""
from __future__ import annotations

import pytest

from lawdiff import jurisdiction as jur
from lawdiff.errors import ConfigError
from lawdiff.model import Article, Clause, Document
from lawdiff.normalize import compare_key


def doc(title: str, *texts: str) -> Document:
    body = tuple(Article(k + 1, f"第{k + 1}条", (Clause(1, t),)) for k, t in enumerate(texts))
    return Document(title=title, body=body)


def masked_equal(left: Document, right: Document, a: str, b: str, equiv=()) -> bool:
    lm, rm = jur.build_maskers(jur.detect(left), jur.detect(right), equiv)
    return lm.mask(compare_key(a)).text == rm.mask(compare_key(b)).text


def test_data_has_all_provincial_units():
    assert len(jur.PROVINCES) == 34
    assert "昭通市" in jur.CITIES["云南省"]
    assert {"毕节市", "遵义市"} <= set(jur.CITIES["贵州省"])
    assert "泸州市" in jur.CITIES["四川省"]
    assert "恩施土家族苗族自治州" in jur.CITIES["湖北省"]


def test_detect_from_titles():
    assert jur.detect(doc("云南省人民代表大会常务委员会关于加强赤水河流域共同保护的决定")).name == "云南省"
    chongqing = jur.detect(doc("重庆市优化营商环境条例"))
    assert (chongqing.name, chongqing.level) == ("重庆市", "municipality")
    hangzhou = jur.detect(doc("杭州市法律援助条例"))
    assert (hangzhou.level, hangzhou.province) == ("city", "浙江省")
    assert jur.detect(doc("中华人民共和国立法法")) is None


def test_detect_from_preamble():
    d = Document(title="关于加强赤水河流域共同保护的决定", body=(),
                 preamble=("（2021年5月27日贵州省第十三届人民代表大会常务委员会第二十六次会议通过）",))
    assert jur.detect(d).name == "贵州省"


def test_detect_real_joint_decisions(corpora):
    from lawdiff.io import read

    assert jur.detect(read(corpora / "yunnan_chishui_joint_decision_2021.md")).name == "云南省"
    assert jur.detect(read(corpora / "guizhou_chishui_joint_decision_2021.md")).name == "贵州省"


YUNNAN = doc("云南省人民代表大会常务委员会关于某事的决定")
GUIZHOU = doc("贵州省人民代表大会常务委员会关于某事的决定")
SICHUAN = doc("四川省嘉陵江流域生态环境保护条例")
CHONGQING = doc("重庆市人民代表大会常务委员会关于某事的决定")


def test_partners_in_another_order_and_own_cities():
    assert masked_equal(YUNNAN, GUIZHOU, "加强与贵州省、四川省同级人民政府的沟通", "加强与云南省、四川省同级人民政府的沟通")
    assert masked_equal(YUNNAN, GUIZHOU, "加强与四川省、贵州省的沟通", "加强与云南省、四川省的沟通")
    assert masked_equal(YUNNAN, GUIZHOU, "本省及昭通市制定", "本省及毕节市、遵义市制定")


def test_masking_keeps_real_differences():
    # a third party is not a role: 四川省 and 湖南省 stay different
    assert not masked_equal(YUNNAN, GUIZHOU, "与四川省协商", "与湖南省协商")
    # between two provinces, 省人民政府 and 市人民政府 are different governments
    assert not masked_equal(YUNNAN, GUIZHOU, "省人民政府负责", "市人民政府负责")
    # the same jurisdiction on both sides: nothing is masked
    assert not masked_equal(YUNNAN, YUNNAN, "本省及昭通市", "本省及曲靖市")
    # no jurisdiction detected (national texts): nothing is masked
    national = doc("中华人民共和国某法")
    assert not masked_equal(national, national, "云南省", "贵州省")
    assert not masked_equal(YUNNAN, GUIZHOU, "三省共同", "两省共同")


def test_province_versus_municipality_wording():
    assert masked_equal(SICHUAN, CHONGQING, "本省加强保护", "本市加强保护")
    assert masked_equal(SICHUAN, CHONGQING, "省人民政府应当", "市人民政府应当")
    assert masked_equal(SICHUAN, CHONGQING, "县级以上地方人民政府应当", "区县（自治县）人民政府应当")
    assert masked_equal(SICHUAN, CHONGQING, "设区的市、县（市、区）人民政府", "区县（自治县）人民政府")
    assert masked_equal(SICHUAN, CHONGQING, "两省加强合作", "两市加强合作")
    assert masked_equal(SICHUAN, CHONGQING, "与重庆市协同", "与四川省协同")
    # direction matters: in the province's text 市人民政府 is a city government, in the
    # municipality's the top level (the aligner still calls literally equal texts identical)
    assert not masked_equal(SICHUAN, CHONGQING, "市人民政府应当", "市人民政府应当")
    assert not masked_equal(SICHUAN, CHONGQING, "市人民政府应当", "省人民政府应当")


def test_term_differences_name_the_terms():
    lm, rm = jur.build_maskers(jur.detect(YUNNAN), jur.detect(GUIZHOU))
    a = lm.mask("本省及昭通市制定，加强与贵州省及毕节市、遵义市")
    b = rm.mask("本省及毕节市、遵义市制定，加强与云南省及昭通市")
    assert a.text == b.text
    terms = [(t.old, t.new) for t in jur.term_differences(a, b)]
    assert terms == [("昭通市", "毕节市、遵义市"), ("贵州省", "云南省"), ("毕节市、遵义市", "昭通市")]


def test_user_equivalences():
    national = doc("某某条例")
    assert not masked_equal(national, national, "四川省人民政府", "重庆市人民政府")
    assert masked_equal(national, national, "四川省人民政府", "重庆市人民政府", equiv=[("四川省", "重庆市")])
    # the partner named by each side swaps too
    assert masked_equal(national, national, "与重庆市合作", "与四川省合作", equiv=[("四川省", "重庆市")])


@pytest.mark.parametrize("spec", ["四川省", "=重庆市", "四川省=", "四川省=四川省"])
def test_parse_equiv_rejects_malformed(spec):
    with pytest.raises(ConfigError):
        jur.parse_equiv(spec)


def test_parse_equiv():
    assert jur.parse_equiv(" 四川省 = 重庆市 ") == ("四川省", "重庆市")


def test_equiv_file(tmp_path):
    f = tmp_path / "equiv.toml"
    f.write_text('[equiv]\n"四川省" = "重庆市"\n"本省" = ["本市"]\n', encoding="utf-8")
    assert jur.read_equiv_file(f) == (("四川省", "重庆市"), ("本省", "本市"))
    bad = tmp_path / "bad.toml"
    bad.write_text("[equiv\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.toml"):
        jur.read_equiv_file(bad)
    missing = tmp_path / "none.toml"
    missing.write_text('[other]\na = "b"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[equiv\]"):
        jur.read_equiv_file(missing)
    with pytest.raises(ConfigError):
        jur.read_equiv_file(tmp_path / "absent.toml")


def test_municipality_districts_and_levels():
    assert "渝北区" in jur.CITIES["重庆市"] and "浦东新区" in jur.CITIES["上海市"]
    assert masked_equal(SICHUAN, CHONGQING, "四川省、广安市人民政府", "重庆市、渝北区人民政府")
    assert masked_equal(SICHUAN, CHONGQING, "行使省级、市级行政管理权", "行使市级、区级行政管理权")
    assert not masked_equal(SICHUAN, CHONGQING, "行使省级行政管理权", "行使区级行政管理权")
