"""Make the test-only CJK font tests/fonts/BriefgenTestCJK-Regular.ttf (run by hand, not by the tests).

Usage: python tools/subset_test_cjk.py [SOURCE.ttf]

In:  Droid Sans Fallback Full (Debian package ``fonts-droid-fallback``, Apache License 2.0), a CJK font
     with TrueType (glyf) outlines: ReportLab reads only those, so the CFF Noto Sans CJK will not do.
Out: a subset of a few hundred common Chinese characters (every one the test briefs use among them),
     CJK punctuation and the space, without hinting, at 1000 units per em, renamed "BriefgenTestCJK" (Droid is a Google
     trademark, which the Apache licence does not grant), with a note of the change in its name
     table as the licence's section 4 asks. It ships only in tests/fonts/, never in the package.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
TARGET = ROOT / "tests" / "fonts" / "BriefgenTestCJK-Regular.ttf"
FAMILY = "BriefgenTestCJK"

#: Names the test briefs print (tests/briefs/multilingual.yaml); they must all be in the subset.
NAMES = "刘晓波 习近平 北京 上海 香港 新疆 乌鲁木齐 西藏 拉萨 王 刘霞 伊力哈木 许志永 丁家喜 高智晟 人权 律师"
#: The most frequent simplified Chinese characters and common surnames, so that other tests have room.
COMMON = (
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后"
    "小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长"
    "知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最"
    "间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市"
    "眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计"
    "或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让"
    "认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办"
    "运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持"
    "取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞"
    "观争究包组造落视济喜离虽坏兴切支拉雨注且陈杨赵吴徐孙朱胡郭罗郑梁谢宋唐韩冯邓曹彭曾肖田董袁潘蒋蔡余杜"
    "叶苏魏吕丁沈姚卢姜崔钟谭陆汪范贾夏韦付邹孟熊秦邱尹薛闫段雷侯龙陶黎贺顾郝龚邵严覃戴莫孔汤狱捕押审判刑"
    "罪释放记者抗议选举自由"
)
#: CJK punctuation and the ideographic space.
PUNCTUATION = "、。，：；！？（）《》「」『』　"


def subset_font(source: Path = SOURCE, target: Path = TARGET) -> Path:
    font = TTFont(source, recalcTimestamp=False)  # the same source gives the same bytes
    cmap = font.getBestCmap()
    wanted = dict.fromkeys(NAMES.replace(" ", "") + COMMON + PUNCTUATION + " ")
    missing = [c for c in NAMES.replace(" ", "") if ord(c) not in cmap]
    if missing:
        raise SystemExit(f"{source} lacks {' '.join(missing)}, which the test briefs print")
    unicodes = [ord(c) for c in wanted if ord(c) in cmap]
    options = subset.Options()
    options.hinting = False
    options.layout_features = []  # ReportLab sets characters one by one; no shaping tables needed
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 10, 13, 14]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    # 1000 units per em, not Droid's 256: ReportLab's subsetter writes glyphs after hhea.numberOfHMetrics
    # (all but 3 here: every ideograph is as wide) into the PDF with their advance already scaled to 1000
    # units, which PDF/UA validators then find at odds with /Widths. At 1000 units the two agree.
    scale_upem(font, 1000)
    _rename(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    print(f"{target.relative_to(ROOT)}: {len(unicodes)} characters, {target.stat().st_size // 1024} KB")
    return target


def _rename(font: TTFont) -> None:
    """New family and PostScript names; the change noted in the description (name ID 10)."""
    notice = (f"{FAMILY} is a modified subset of Droid Sans Fallback Full (Debian fonts-droid-fallback), made"
              " for briefgen's tests by tools/subset_test_cjk.py: a few hundred characters kept, hinting"
              " removed, scaled to 1000 units per em, renamed. Licensed under the Apache License 2.0.")
    names = font["name"]
    names.names = [r for r in names.names if r.platformID == 3]  # one record set, Windows Unicode
    for name_id, text in ((1, FAMILY), (2, "Regular"), (3, f"{FAMILY}-Regular;briefgen test subset"),
                          (4, FAMILY), (5, "Version 1.00c; briefgen test subset"), (6, f"{FAMILY}-Regular"),
                          (10, notice)):
        names.setName(text, name_id, 3, 1, 0x409)


if __name__ == "__main__":
    subset_font(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
