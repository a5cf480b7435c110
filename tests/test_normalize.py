"""Normalisation: the rules, the offset map, compare keys and format notes."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lawdiff.normalize import compare_key, format_differences, normalize, strip_whitespace


def test_whitespace_rules() -> None:
    assert normalize("\ufeff第一条\u3000\u3000为了\u00a0保障\t本法\u200b。").text == "第一条 为了 保障 本法。"
    assert normalize("甲\r\n乙\r丙\n丁").text == "甲\n乙\n丙\n丁"
    assert normalize("  甲  \n  乙  ").text == "甲\n乙"


def test_width_rules_in_cjk_context_only() -> None:
    assert normalize("(一)保障;其他:如下,是否?是!").text == "（一）保障；其他：如下，是否？是！"
    assert normalize("1,000 (a) x:y").text == "1,000 (a) x:y"
    assert normalize("１９９５年６月").text == "1995年6月"
    assert normalize("１．登记").text == "1.登记"
    assert normalize("第一条．").text == "第一条．"


def test_quotes_and_title_marks() -> None:
    assert normalize('修改为:"本法"').text == "修改为：“本法”"
    assert normalize("「本法」").text == "“本法”"
    assert normalize("《关于修改<中华人民共和国消费者权益保护法>的决定》").text == "《关于修改〈中华人民共和国消费者权益保护法〉的决定》"
    assert normalize("《关于修改＜立法法＞的决定》").text == "《关于修改〈立法法〉的决定》"
    assert normalize("a < b").text == "a < b"


def test_date_zeros() -> None:
    assert normalize("二○○三年").text == "二〇〇三年"
    assert normalize("二零零三年").text == "二〇〇三年"
    assert normalize("二OO三年").text == "二〇〇三年"
    # 零 in an ordinary number, and zero runs without 年, are left alone
    assert normalize("一百零一条").text == "一百零一条"
    assert normalize("二○○三").text == "二○○三"


def test_offsets_point_back_to_source() -> None:
    src = "\ufeff第一条\u3000\u3000为了(一)\r\n１．"
    n = normalize(src)
    assert len(n.offsets) == len(n.text) + 1
    assert n.offsets[-1] == len(src)
    for i, ch in enumerate(n.text):
        s = src[n.to_source(i)]
        if ch == " ":
            assert s.isspace()
        elif ch == "\n":
            assert s in "\r\n"
        else:
            assert normalize(s).text in (ch, s) or compare_key(s) == ch or s in "(．１"


@given(st.text(alphabet=st.sampled_from(list("第一条（）()：:；;，, \u3000\u00a0\t\n\r\u200b“”\"「」《》<>＜＞〈〉○〇零二年１1．.法甲")), max_size=60))
def test_offsets_monotone_and_idempotent(text: str) -> None:
    n = normalize(text)
    assert len(n.offsets) == len(n.text) + 1
    assert all(a < b for a, b in zip(n.offsets, n.offsets[1:]))
    assert n.offsets[-1] == len(text)
    assert compare_key(compare_key(text)) == compare_key(text)
    assert normalize(n.text).text == n.text
    assert not any(ch.isspace() for ch in compare_key(text))
    # every non-space source character outside the removed set is represented
    kept = {n.to_source(i) for i in range(len(n.text))}
    for i, ch in enumerate(text):
        if not ch.isspace() and ch not in "\u200b\ufeff":
            assert i in kept


def test_compare_key_on_real_corpus_pair(corpora) -> None:
    """放假办法 2013 uses (一), 2024 （一）: the keys of the shared items match."""
    old = (corpora / "cn_public_holidays_measures_2013.md").read_text(encoding="utf-8")
    new = (corpora / "cn_public_holidays_measures_2024.md").read_text(encoding="utf-8")
    assert "(一)新年" in old and "（一）元旦" in new
    assert compare_key("(一)新年，放假1天（1月1日）") in compare_key(old)
    line_old = next(l for l in old.splitlines() if l.startswith("(五)"))
    line_new = next(l for l in new.splitlines() if "端午节" in l)
    assert compare_key(line_old) == compare_key(line_new)
    assert format_differences(line_old, line_new)[:2] == ("( vs （", ") vs ）")


def test_format_differences() -> None:
    assert format_differences("（一）本法", "(一) 本法") == ("（ vs (", "） vs )", "whitespace")
    assert format_differences("甲\u200b乙", "甲乙") == ("zero-width characters",)
    assert format_differences("同", "同") == ()
    # substantive difference: only the matching parts are examined
    assert format_differences("（一）甲乙", "(一)丙丁") == ("（ vs (", "） vs )")
    assert format_differences("甲", "乙") == ()


def test_strip_whitespace() -> None:
    assert strip_whitespace("总\u3000\u3000则") == "总则"
    assert strip_whitespace(" 总 则\u200b") == "总则"
