"""N realistic case files in the case format, the same for the same seed.

Every key of ``generator.format.schema.CASE`` is filled (see :func:`missing_keys`): distinct county names
from syllable tables plus 县/市/区 spread over the 13 cities, three industries from a list of 41
industry terms with three enterprises each, four policies, six targets (one per aspect of 创建标准),
three or four experiences over the four systems with Markdown bodies, evaluations that agree with
the status, two contacts and one small attachment. Cases still 创建中 (before the mid-term
evaluation) have, as the format says, no ``evaluations`` and no ``actual`` values yet; they are
one in eight. A case page comes to about 2,500 Chinese
characters. The data is invented and marked ``sample: true``.

``python -m bench.cases N DIR`` writes ``DIR/<id>.yaml`` and ``DIR/<id>/plan-summary.pdf``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from generator.format import schema
from generator.format.schema import Field

# --- Tables ------------------------------------------------------------------------------------

# Syllables for county names: (character, pinyin). A name is one of the first, one of the second
# and 县/市/区; 75 × 60 pairs give about 4,500 distinct names, less those of real Hebei counties.
FIRST = tuple(
    (s[0], s[1:]) for s in (
        "安an 宝bao 北bei 滨bin 昌chang 辰chen 成cheng 崇chong 大da 丹dan 德de 东dong 丰feng 福fu "
        "阜fu 高gao 广guang 海hai 和he 河he 衡heng 红hong 华hua 怀huai 黄huang 惠hui 吉ji 嘉jia "
        "建jian 金jin 景jing 靖jing 康kang 乐le 丽li 临lin 龙long 隆long 鹿lu 洛luo 茂mao 美mei "
        "明ming 南nan 宁ning 平ping 普pu 庆qing 清qing 仁ren 荣rong 瑞rui 三san 山shan 尚shang "
        "寿shou 顺shun 泰tai 天tian 通tong 万wan 威wei 文wen 武wu 西xi 新xin 兴xing 永yong 玉yu "
        "元yuan 云yun 长chang 正zheng 中zhong 阳yang 青qing 晋jin"
    ).split()
)
SECOND = tuple(
    (s[0], s[1:]) for s in (
        "安an 城cheng 川chuan 定ding 丰feng 谷gu 海hai 和he 河he 华hua 化hua 江jiang 津jin "
        "康kang 乐le 陵ling 宁ning 平ping 浦pu 泉quan 山shan 水shui 顺shun 台tai 田tian 亭ting "
        "泽ze 州zhou 源yuan 阳yang 原yuan 远yuan 云yun 兴xing 义yi 邑yi 营ying 峪yu 章zhang "
        "丘qiu 岭ling 林lin 门men 南nan 桥qiao 沙sha 塘tang 溪xi 乡xiang 岩yan 庄zhuang 洲zhou "
        "坪ping 集ji 关guan 口kou 店dian 屯tun 堡bao 都du"
    ).split()
)
SUFFIXES = (("县", 14), ("市", 4), ("区", 2))

# Industry terms with three products each and the links of their chain.
INDUSTRIES: tuple[tuple[str, tuple[str, ...], str], ...] = tuple(
    (name, tuple(products.split()), links)
    for name, products, links in (
        line.split("|") for line in """
装备制造|数控机床 液压元件 工程机械|铸锻件、精密机加工、整机装配、再制造
专精特新|精密轴承 压力传感器 特种阀门|细分零部件、检测认证、配套服务
新材料|高性能纤维 特种合金 功能薄膜|原材料提纯、复合改性、制品加工
生物医药|原料药 生物制剂 化学制剂|研发外包、原料药、制剂、医药流通
钢铁深加工|冷轧薄板 精密焊管 镀锌板|冶炼、轧制、涂镀、剪切配送
汽车零部件|制动总成 车身冲压件 汽车线束|模具、冲压、焊装、总成
电子信息|电子元器件 印制电路板 显示模组|电子材料、元器件、模组、整机
新能源|锂电池 储能系统 充电桩|正负极材料、电芯、模组、梯次利用
节能环保|除尘设备 污水处理设备 余热锅炉|设计咨询、装备制造、工程总包、运营维护
食品加工|速冻食品 休闲食品 调味品|种养基地、初加工、精深加工、冷链物流
纺织服装|功能面料 针织服装 家用纺织品|纺纱、织造、印染、成衣
绿色建材|装配式构件 新型墙材 保温材料|骨料、预制构件、建筑部品、装配施工
精细化工|医药中间体 涂料助剂 水处理剂|基础化工、中间体、专用化学品
现代中药|中药饮片 中成药 中药提取物|道地药材种植、饮片加工、提取、制剂
轨道交通装备|转向架 制动系统 车辆配件|铸件、关键零部件、系统集成
航空航天|航空零部件 工业无人机 复合材料构件|材料、零部件、整机、维修
智能制造|工业机器人 智能产线 工业软件|核心部件、系统集成、应用服务
新能源汽车|驱动电机 电控系统 专用车整车|三电系统、车身、整车、后市场
光伏|光伏组件 光伏逆变器 跟踪支架|硅片、电池片、组件、电站运维
风电装备|风机叶片 风电塔筒 齿轮箱|铸锻件、核心部件、整机、运维
氢能|燃料电池 储氢瓶 电解槽|制氢、储运、加注、终端应用
大数据|服务器 存储设备 边缘计算设备|硬件制造、数据中心、数据服务
通用航空|轻型飞机 航空发动机部件 航电设备|整机、维修、培训、运营
高端装备|盾构机 大型压力机 精密仪器|设计研发、核心部件、整机集成
五金制品|紧固件 五金工具 建筑五金|线材、冷镦、热处理、表面处理
皮革箱包|箱包 皮具 毛皮制品|鞣制、设计、加工、品牌营销
羊绒制品|羊绒纱线 羊绒衫 羊绒面料|分梳、纺纱、织造、成衣
家具制造|实木家具 板式家具 办公家具|板材、设计、加工、渠道销售
农副产品加工|专用面粉 食用油 肉制品|收储、初加工、精深加工、品牌营销
医疗器械|医用耗材 康复器械 体外诊断设备|材料、零部件、整机、检测
乳制品|液态奶 婴幼儿配方奶粉 奶酪|牧场、加工、冷链、销售
玻璃制品|浮法玻璃 节能玻璃 玻璃器皿|原料、熔制、深加工
铸造|精密铸件 球墨铸铁件 铝合金压铸件|熔炼、造型、热处理、机加工
管道装备|管件 管道阀门 防腐管道|钢管、管件、防腐、安装
电线电缆|电力电缆 特种电缆 通信光缆|铜杆、拉丝、绞制、护套
橡塑制品|橡胶密封件 塑料管材 输送带|原料、混炼、成型、硫化
包装印刷|纸包装 塑料软包装 标签印刷品|原纸、印刷、模切、成品
葡萄酒|干红葡萄酒 起泡酒 白兰地|种植、酿造、灌装、酒庄文旅
陶瓷|卫生陶瓷 日用陶瓷 工业陶瓷|原料、成型、烧成、装饰
再生资源|再生铝 再生塑料 废钢加工件|回收、分拣、加工、再制造
数字经济|工业互联网平台 智能终端 集成电路封装|平台、终端、应用、服务
""".strip().splitlines()
    )
)
INDUSTRY_NAMES = tuple(name for name, _, _ in INDUSTRIES)

TAGS = ("数字化转型", "智能化改造", "绿色制造", "专精特新", "链长制", "产业集群", "技术改造", "亩均效益",
        "京津冀协同", "工业互联网", "质量品牌", "人才引育", "园区提质", "招商引资", "标准化", "延链补链",
        "服务型制造", "中小企业", "科技成果转化", "节能降碳")

COMPANY_FORMS = ("有限公司", "股份有限公司", "科技有限公司", "集团有限公司", "制造有限公司")
BRAND_CHARS = "冠坤晟耐达远宏泰丰瑞鑫源华盛诚凯德润禾锦宇通博众川海金正联创"
TECHNIQUES = ("在线检测与闭环控制", "柔性化生产线改造", "数字孪生工艺仿真", "精密成形与热处理",
              "低能耗连续生产工艺", "模块化设计与快速换型", "激光焊接与自动装配", "关键工序数控化",
              "智能仓储与追溯系统", "表面处理清洁生产工艺", "高精度加工与装配", "配方优化与过程控制")
DIRECTIONS = ("关键共性技术攻关", "新产品开发与中试", "工艺装备数字化", "节能降耗与清洁生产",
              "标准制定与检测认证", "轻量化与可靠性设计", "智能控制与远程运维", "新材料应用与验证")

POLICY_TITLES = (
    "{c}关于加快{i}高质量发展的若干措施", "{c}工业企业技术改造专项资金管理办法",
    "{c}支持专精特新中小企业发展的实施意见",
    "{c}制造业人才引进培育若干措施", "{c}工业企业亩均效益综合评价办法", "{c}促进科技成果转化实施细则",
    "{c}绿色制造体系建设实施方案", "{c}制造业数字化转型三年行动计划", "{c}{i}产业链链长制工作方案",
    "{c}工业园区提质增效实施办法", "{c}质量品牌提升行动方案", "{c}招商引资重点项目奖励办法",
)
POLICY_POINTS = (
    "技改项目按设备投资额给予{q2}%补助，单个项目最高{m}万元",
    "新认定的省级专精特新企业一次性奖励{m}万元，国家级小巨人奖励{m2}万元",
    "引进硕士以上人才给予安家补贴{k}万元，企业新型学徒制培训每人补贴{t}元",
    "按亩均税收、单位能耗等指标分ABCD四类，差别化配置用地、用能指标",
    "企业购买技术成果并在本地转化的，按合同额的{p2}%给予补助",
    "新建绿色工厂、绿色园区分别奖励{m}万元、{m2}万元",
    "上云用数项目按服务费用的{q2}%补助，每家企业最高{m}万元",
    "链主企业本地配套采购额增长部分按{p2}%给予奖励",
    "新获中国驰名商标、省名牌产品的企业分别奖励{m}万元、{k}万元",
    "重点项目实行“一事一议”，土地、能耗指标优先保障",
)

TARGET_CHOICES: dict[str, tuple[tuple[str, str, float, float], ...]] = {
    # aspect: (indicator, unit, baseline range low, high)
    "创新驱动": (("规模以上制造业研发投入占主营业务收入比重", "%", 0.8, 1.6),
                 ("高新技术企业数量", "家", 20, 80), ("每万人发明专利拥有量", "件", 1.5, 6)),
    "质量为先": (("制造业质量竞争力指数", "分", 80, 85), ("新增省级以上名牌产品", "个", 0, 0),
                 ("规上工业产品质量监督抽查合格率", "%", 90, 95)),
    "绿色发展": (("规模以上单位工业增加值能耗累计下降幅度", "%", 0, 0),
                 ("一般工业固体废物综合利用率", "%", 60, 80), ("新增省级以上绿色工厂", "家", 0, 0)),
    "结构优化": (("规上工业企业关键工序数控化率", "%", 40, 55),
                 ("高新技术产业增加值占规上工业比重", "%", 15, 30),
                 ("主导产业产值占规上工业比重", "%", 35, 55)),
    "人才为本": (("新增高技能人才", "人", 0, 0), ("引进制造业高层次人才", "人", 0, 0),
                 ("规上工业企业一线技工持证率", "%", 45, 65)),
    "工作保障": (("省级以上重点转型项目开工率", "%", 60, 80), ("重点转型项目完成投资", "亿元", 0, 0),
                 ("重点工作任务按期完成率", "%", 70, 85)),
}

EXPERIENCE_TITLES: dict[str, tuple[str, ...]] = {
    "新型制造业体系": ("“{i}+”延链补链，推动产品就地转化", "龙头企业带动{i}集群发展",
                       "以智能化改造提升{i}竞争力", "“链长制”推动{i}强链补链",
                       "小升规、规改股，培育{i}专精特新梯队"),
    "区域协同创新体系": ("京津院所与本地企业共建中试基地", "“企业出题、院所答题”推动成果转化",
                         "创新券撬动{i}企业研发投入", "产业技术研究院服务{i}中小企业",
                         "共享实验室降低企业研发门槛"),
    "人才培养体系": ("“订单班+新型学徒制”培养产业工人", "柔性引才服务{i}企业技术攻关",
                     "职教集团对接{i}用工需求", "技能大师工作室带徒传艺", "人才驿站留住青年技术骨干"),
    "政策保障体系": ("亩均效益评价倒逼要素向优质企业集中", "“先建后补”激发企业技改积极性",
                     "专班推进重点转型项目", "“一企一策”帮扶企业纾困升级", "财政资金“拨改投”撬动社会资本"),
}

SENTENCES = (
    "{c}把{i}作为转型主攻方向，编制产业链图谱，按“原料—部件—整机—服务”梳理出{n}个补链项目。",
    "县政府设立{m}万元专项资金，对{i}企业的技改、研发和品牌建设给予分档补助。",
    "围绕{p}等产品，引导骨干企业与下游用户签订长期供货协议，本地配套率提高到{q}%以上。",
    "实行县级领导包联重点企业制度，每月召开一次调度会，协调解决用地、融资和用工问题{n2}件。",
    "三年间{i}产值年均增长{g}%，规上企业由{e1}家增加到{e2}家。",
    "依托{park}建设标准化厂房{a}万平方米，为中小企业提供“拎包入住”的生产条件。",
    "与京津{n3}所高校院所签订合作协议，共建研发中心和中试基地，累计转化成果{n2}项。",
    "推行“共享设备+按次计费”，中小企业可租用检测设备和试验线，研发成本平均降低{q2}%。",
    "职教中心与{n3}家骨干企业开设“订单班”，企业提供实训设备和带教师傅，学生毕业即上岗。",
    "对在职职工推行新型学徒制，按“一名师傅带两名徒弟”签订培养协议，三年新增高技能人才{h}人。",
    "对规上工业企业开展亩均效益综合评价，A类企业优先保障用地用能，D类企业限期整改。",
    "评价实施后累计盘活低效用地{l}亩，全部用于{i}和配套项目。",
    "建设工业互联网平台，{n2}家企业上云用数，关键工序数控化率提高{q2}个百分点。",
    "推进清洁生产审核和节能诊断，单位工业增加值能耗累计下降{q2}%，创建省级绿色工厂{n3}家。",
    "组织企业参与行业标准制定，主导或参与制定国家和行业标准{n3}项，新增省级名牌产品{n3}个。",
    "设立人才发展专项资金，对引进的高层次人才给予安家补贴和科研启动经费。",
    "成立由工信、发改、财政、自然资源等部门组成的工作专班，实行“周调度、月通报、季观摩”。",
    "把试点示范任务分解为{n}项具体工作，明确责任单位和完成时限，纳入年度目标考核。",
    "县财政每年安排{m}万元引导资金，以“拨改投”方式撬动社会资本{m2}万元投向{i}项目。",
    "针对企业“有想法、缺中试”的短板，由政府出资建设中试基地，企业出题、院所答题、政府补助。",
    "“{brand}”等品牌产品进入{p}细分市场前列，带动配套企业{n2}家落户园区。",
    "推动{n3}家企业实施股份制改造，{n3}家企业在区域性股权市场挂牌。",
    "建立企业诉求“直通车”，对企业反映的问题实行台账管理、限时办结，办结率达到{q}%。",
    "支持{ent}牵头组建产业技术创新联盟，联合上下游企业攻关{tech}等共性技术。",
    "引进{p}项目{n3}个，总投资{m}万元，补齐了产业链中间环节。",
    "开展“专精特新”企业梯度培育，入库企业{n2}家，其中省级专精特新中小企业{n3}家。",
)

EVALUATION_NOTES = {
    "通过": ("{k}项目标中{j}项达到或超过中期进度，{i}比重提升较快；建议加快在建项目进度。",
             "创建工作组织有力，重点项目按计划推进；建议进一步加强人才引育。"),
    "优秀": ("目标全部完成，{i}延链补链和要素保障做法具有推广价值，确定为示范标杆。",
             "各项指标均超额完成，典型经验在全省交流推广。"),
    "限期整改": ("{k}项目标中仅{j}项达到中期进度，重点项目开工滞后，要求三个月内完成整改。",
                 "研发投入和能耗指标未达到进度要求，责成制定整改方案并按期报送。"),
    "中止": ("整改复查仍未达到要求，主要目标明显滞后，中止创建资格。",),
}
SUMMARY_ACTIONS = (
    "编制产业链图谱、实行链长制延链补链", "以智能化改造和上云用数提升传统产业",
    "共建中试基地推动京津成果就地转化", "以亩均效益评价倒逼要素向优质企业集中",
    "培育专精特新企业梯队、推动小升规", "以“订单班+新型学徒制”培养产业工人",
    "建设标准化厂房和公共服务平台承接产业转移", "以清洁生产和绿色工厂建设推动节能降碳",
)
SEGMENTS = ("规划", "产业发展", "技术改造", "企业服务", "人才")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林"

STATUS_WEIGHTS = (("创建中", 2), ("中期评估通过", 4), ("限期整改", 2), ("验收通过", 5), ("示范标杆", 2),
                  ("已取消", 1))


# --- Names ---------------------------------------------------------------------------------------


REAL_DIVISIONS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "hebei-county-divisions.txt"
"""Hebei's county-level divisions (the list the sample test uses): no generated county takes a real name."""


def _real_stems() -> frozenset[str]:
    """``武安`` for 武安市, ``青龙`` for 青龙满族自治县: what a generated name must not start with."""
    kind = re.compile(r"(?:(?:满族|回族|蒙古族)+自治县|矿区|区|市|县)$")
    lines = REAL_DIVISIONS.read_text("utf-8").splitlines()
    return frozenset(kind.sub("", line.strip())
                     for line in lines if line.strip() and not line.startswith("#"))


def county_names(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` distinct (county name, id) pairs, the same for the same seed, none a real Hebei county's."""
    real = _real_stems()
    pairs = [(a, b) for a in FIRST for b in SECOND if a[0] != b[0] and a[0] + b[0] not in real]
    if n > len(pairs):
        raise ValueError(f"at most {len(pairs)} distinct names")
    rng = random.Random(f"names-{seed}")
    rng.shuffle(pairs)
    suffixes = [s for s, w in SUFFIXES for _ in range(w)]
    result: list[tuple[str, str]] = []
    ids: set[str] = set()
    for (c1, p1), (c2, p2) in pairs[:n]:
        slug = p1 + p2
        if slug in ids:
            slug = next(f"{slug}-{k}" for k in range(2, 100) if f"{slug}-{k}" not in ids)
        ids.add(slug)
        result.append((c1 + c2 + rng.choice(suffixes), slug))
    return result


# --- One case ------------------------------------------------------------------------------------


class _CaseMaker:
    def __init__(self, rng: random.Random, county: str, slug: str) -> None:
        self.rng = rng
        self.county = county
        self.slug = slug
        self.short = county[:2]

    def num(self, low: float, high: float, digits: int = 0) -> int | float:
        value = self.rng.uniform(low, high)
        return int(round(value)) if digits == 0 else round(value, digits)

    def fill(self, template: str, industry: str, products: tuple[str, ...], enterprise: str = "") -> str:
        r = self.rng
        return template.format(
            c=self.county, i=industry, p=r.choice(products), n=r.randint(12, 60), n2=r.randint(15, 160),
            n3=r.randint(2, 9), m=r.choice((500, 800, 1000, 1500, 2000, 3000)), m2=r.randint(3, 30) * 1000,
            q=r.randint(35, 98), q2=r.randint(5, 25), g=r.randint(8, 26), e1=r.randint(20, 60),
            e2=r.randint(61, 120), a=r.randint(5, 40), h=r.randint(800, 4000), l=r.randint(300, 3000),
            park=f"{self.short}经济开发区", brand=self.short[0] + r.choice(BRAND_CHARS),
            ent=enterprise or f"{self.short}某某{r.choice(products)}有限公司", tech=r.choice(TECHNIQUES),
            k=6, j=r.randint(3, 6), p2=r.randint(2, 8), t=r.choice((3000, 4000, 5000)),
        )

    def enterprise(self, product: str, rank: int, scale: float) -> dict[str, Any]:
        r = self.rng
        revenue = int(scale * r.uniform(0.5, 1.0) / (rank + 1))
        return {
            "name": f"{self.short}某某{product}{r.choice(COMPANY_FORMS)}",
            "revenue": revenue,
            "net_profit": int(revenue * r.uniform(-0.03, 0.09)),
            "rd_share": self.num(1.2, 8.5, 1),
            "employees": self.num(0.02, 0.6, 2),
            "products": f"{product}及配套件",
            "capacity": f"年产{product}{r.randint(2, 90)}万件",
            "output": f"上年产{product}{r.randint(1, 80)}万件",
            "core_technology": r.choice(TECHNIQUES),
        }

    def industry(self, name: str, products: tuple[str, ...], links: str, share: float) -> dict[str, Any]:
        r = self.rng
        output = int(share * r.uniform(60_000, 180_000))
        enterprises = [self.enterprise(product, rank, output * 0.6) for rank, product in enumerate(products)]
        return {
            "name": name,
            "output": output,
            "output_share": share,
            "revenue": int(output * r.uniform(0.9, 0.99)),
            "chain_links": links,
            "rd_institutions": [f"{self.short}{name}工程技术研究中心", f"{enterprises[0]['name']}技术中心"],
            "brands": [self.short[0] + c for c in r.sample(BRAND_CHARS, 3)],
            "parks": [f"{self.short}经济开发区", f"{self.short}{name}产业园"],
            "top_enterprises": enterprises,
        }

    def targets(self, evaluated: bool, good: bool) -> list[dict[str, Any]]:
        r = self.rng
        result = []
        for dimension in schema.DIMENSIONS:
            indicator, unit, low, high = r.choice(TARGET_CHOICES[dimension])
            if unit in ("人",):
                baseline, target = 0, r.randint(10, 40) * 100
            elif unit in ("家", "个", "件") and high == 0:
                baseline, target = 0, r.randint(3, 15)
            elif unit == "亿元":
                baseline, target = 0, r.randint(20, 120)
            elif high == 0:
                baseline, target = 0, r.randint(8, 18)
            elif unit in ("家", "个", "件"):
                baseline = self.num(low, high)
                target = int(baseline * r.uniform(1.2, 1.6))
            else:
                baseline = self.num(low, high, 1)
                target = round(baseline * r.uniform(1.15, 1.5), 1)
                if unit == "%":
                    target = min(target, 99.5)
            item: dict[str, Any] = {"indicator": indicator, "dimension": dimension, "unit": unit,
                                    "baseline": baseline, "target": target}
            if evaluated:
                factor = r.uniform(1.0, 1.15) if good else r.uniform(0.6, 0.95)
                actual = round(target * factor, 1) if isinstance(target, float) else int(target * factor)
                item["actual"] = min(actual, 100) if unit == "%" else actual
            result.append(item)
        return result

    def evaluations(self, status: str, batch: int, industry: str) -> list[dict[str, Any]]:
        r = self.rng
        stages: list[tuple[str, str, int]] = {
            "创建中": [],
            "中期评估通过": [("中期评估", "通过", 1)],
            "限期整改": [("中期评估", "限期整改", 1)],
            "验收通过": [("中期评估", "通过", 1), ("绩效评价", "通过", 3)],
            "示范标杆": [("中期评估", "通过", 1), ("绩效评价", "优秀", 3)],
            "已取消": [("中期评估", "限期整改", 1), ("整改复查", "中止", 2)],
        }[status]
        return [
            {"stage": stage, "date": dt.date(batch + years, r.randint(3, 11), r.randint(1, 28)),
             "result": result, "notes": self.fill(r.choice(EVALUATION_NOTES[result]), industry, ("产品",))}
            for stage, result, years in stages
        ]

    def experience(self, system: str, industry: str, products: tuple[str, ...],
                   enterprise: str) -> dict[str, Any]:
        r = self.rng
        picks = r.sample(SENTENCES, 5)
        text = [self.fill(s, industry, products, enterprise) for s in picks]
        labels = r.sample(("统筹推进", "要素保障", "精准服务", "示范带动", "考核激励", "协同联动"), 2)
        bullets = [f"- **{label}**：{sentence}" for label, sentence in zip(labels, text[2:4], strict=True)]
        body = "\n".join([text[0] + text[1], "", *bullets, "", text[4], ""])
        return {"title": r.choice(EXPERIENCE_TITLES[system]).format(i=industry), "system": system,
                "dimension": r.choice(schema.DIMENSIONS), "body": body}

    def case(self, city: str) -> dict[str, Any]:
        r = self.rng
        status = r.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
        batch = r.choice((2019, 2019, 2020, 2021))
        chosen = r.sample(INDUSTRIES, 3)
        shares = sorted((self.num(8, 40, 1) for _ in chosen), reverse=True)
        industries = [self.industry(name, products, links, share)
                      for (name, products, links), share in zip(chosen, shares, strict=True)]
        main, main_products = chosen[0][0], chosen[0][1]
        first_enterprise = industries[0]["top_enterprises"][0]["name"]
        primary = self.num(3, 15, 1)
        secondary = self.num(38, 60, 1)
        gdp = self.num(1_500_000, 12_000_000)
        mva = int(gdp * r.uniform(0.2, 0.45))
        export = self.num(10_000, 150_000)
        imports = self.num(5_000, 80_000)
        evaluated = status != "创建中"
        good = status in ("中期评估通过", "验收通过", "示范标杆")
        before, after = self.num(0.8, 1.4, 1), self.num(1.6, 2.6, 1)
        systems = list(schema.SYSTEMS) if r.random() < 0.5 else r.sample(schema.SYSTEMS, 3)
        experiences = []
        for system in systems:
            name, products, _ = r.choice(chosen)
            experiences.append(self.experience(system, name, products, first_enterprise))
        return {
            "id": self.slug,
            "county": self.county,
            "city": city,
            "batch": batch,
            "period": [batch, batch + 2],
            "status": status,
            "summary": (f"以{main}为主攻方向，{r.choice(SUMMARY_ACTIONS)}，"
                        f"{self.fill(r.choice(SENTENCES[4:5]), main, main_products)}"
                        f"规上制造业研发投入占比由{before}%提高到{after}%。"),
            "tags": [main, *r.sample([t for t in TAGS if t != main], 3)],
            "sample": True,
            "updated": dt.date(batch + 3, r.randint(1, 12), r.randint(1, 28)),
            "overview": {
                "gdp": gdp,
                "area": self.num(300, 3000),
                "population": self.num(15, 120, 1),
                "industry_structure": [primary, secondary, round(100 - primary - secondary, 1)],
                "rd_share_of_gdp": self.num(0.5, 3.0, 2),
                "mfg_value_added": mva,
                "mfg_share_of_gdp": round(mva / gdp * 100, 1),
                "mfg_enterprises": r.randint(40, 400),
                "mfg_employees": self.num(1, 15, 1),
                "trade_total": export + imports,
                "export": export,
                "import": imports,
            },
            "industries": industries,
            "innovation": {
                "rd_investment": int(mva * r.uniform(0.01, 0.03)),
                "rd_share_of_revenue": self.num(0.8, 2.8, 2),
                "national_centers": [
                    {"name": f"{industries[0]['top_enterprises'][0]['name']}国家认定企业技术中心",
                     "direction": f"{main}{r.choice(DIRECTIONS)}"},
                ],
                "provincial_centers": [
                    {"name": f"河北省{self.short}{ind['name']}技术创新中心",
                     "direction": f"{ind['name']}{r.choice(DIRECTIONS)}、{r.choice(DIRECTIONS)}"}
                    for ind in industries[:2]
                ],
            },
            "policies": [
                {"title": title.format(c=self.county, i=main),
                 "points": "；".join(self.fill(p, main, main_products) for p in r.sample(POLICY_POINTS, 2)),
                 "period": f"{batch}—{batch + r.choice((2, 3))}年"}
                for title in r.sample(POLICY_TITLES, 4)
            ],
            "targets": self.targets(evaluated, good),
            "experiences": experiences,
            "evaluations": self.evaluations(status, batch, main),
            "contacts": [
                {"name": f"{r.choice(SURNAMES)}某", "role": f"{self.county}工业和信息化局{segment}股",
                 "phone": f"000-0000-{r.randint(0, 9999):04d}"}  # obviously fictional, as in the samples
                for segment in r.sample(SEGMENTS, 2)
            ],
            "attachments": [{"title": f"{self.county}工业转型升级试点示范实施方案（摘要）",
                             "file": "plan-summary.pdf"}],
        }


def make_cases(n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """The data of ``n`` cases, in a stable order."""
    for index, (county, slug) in enumerate(county_names(n, seed)):
        rng = random.Random(f"case-{seed}-{slug}")
        yield _CaseMaker(rng, county, slug).case(schema.CITIES[index % len(schema.CITIES)])


# --- Writing -------------------------------------------------------------------------------------


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    """Short lists of words in brackets, as people write them; lists of records as blocks."""
    flow = all(not isinstance(item, (dict, list)) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)

HEADER = "# 示例数据：由 bench/cases.py 生成，县名、企业和数字均为虚构，仅供性能测试。\n"


def case_yaml(data: dict[str, Any]) -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000,
                     default_flow_style=False)
    return HEADER + body


def attachment_text(data: dict[str, Any]) -> str:
    lines = [data["attachments"][0]["title"], "", data["summary"], ""]
    lines += [f"{t['dimension']}：{t['indicator']}，目标值 {t['target']}{t['unit']}" for t in data["targets"]]
    return "\n".join(lines) + "\n"


def attachment_pdf(data: dict[str, Any]) -> bytes:
    """A small one-page PDF (an attachment must be a document type, see generator/format/attachments.py):
    the title and :func:`attachment_text` in its document properties, the page itself blank."""
    def text(value: str) -> bytes:  # a PDF text string: UTF-16BE with its byte order mark, in hex
        return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"

    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
               b"<< /Title " + text(data["attachments"][0]["title"])
               + b" /Subject " + text(attachment_text(data))
               + b" >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref))
    return bytes(out)


def write_cases(n: int, cases_dir: Path, seed: int = 0) -> list[str]:
    """Write ``n`` cases into ``cases_dir``; the ids, in order."""
    cases_dir.mkdir(parents=True, exist_ok=True)
    ids = []
    for data in make_cases(n, seed):
        (cases_dir / f"{data['id']}.yaml").write_text(case_yaml(data), encoding="utf-8")
        folder = cases_dir / data["id"]
        folder.mkdir(exist_ok=True)
        (folder / "plan-summary.pdf").write_bytes(attachment_pdf(data))
        ids.append(data["id"])
    return ids


NOT_YET_EVALUATED = ["evaluations", "targets.actual"]
"""What a case still 创建中 leaves out: see :func:`missing_keys`."""


def missing_keys(data: dict[str, Any], fld: Field = schema.CASE, path: str = "") -> list[str]:
    """Keys of the format (at any depth) that ``data`` leaves out; [] when every key is filled.

    A case still 创建中 gives :data:`NOT_YET_EVALUATED`.
    """
    missing = []
    for child in fld.fields:
        key_path = f"{path}.{child.key}" if path else child.key
        if child.key not in data:
            missing.append(key_path)
        elif child.kind == "record":
            missing += missing_keys(data[child.key], child, key_path)
        elif child.kind == "records":
            if not data[child.key]:
                missing.append(key_path)
            for item in data[child.key]:
                missing += missing_keys(item, child, key_path)
    return sorted(set(missing))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cases", description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("dest", type=Path, help="the cases folder to write into")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    ids = write_cases(args.n, args.dest, args.seed)
    print(f"wrote {len(ids)} cases to {args.dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
