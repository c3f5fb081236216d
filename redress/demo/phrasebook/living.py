"""Grievances about daily life: pollution, public services, money, officials, neighbours."""

from __future__ import annotations

from redress.demo.phrasebook.base import Phrases, Scenario

POLLUTION = (
    Scenario(
        key="wastewater",
        count=(8, 150),
        people_per_count=(2, 4),
        weight=1.2,
        zh=Phrases(
            titles=(
                "{factory}夜间偷排废水污染{river}",
                "{village}{river}水发黑发臭",
                "{factory}{night}往{river}排污",
            ),
            openings=(
                "{place}的{factory}{night}往{river}里排废水，第二天水就变黑了，还有{smell}。",
                "最近{river}的水越来越浑，下游{n}户村民都不敢用河水浇菜了，怀疑是上游的{factory}在排污。",
            ),
            details=(
                "排污口藏在厂区后面的芦苇丛里，白天看不出来。",
                "河里的鱼死了一大片。",
                "我们拍了视频，可以提供。",
                "环保检查的时候厂里就停产，检查一走又开始排。",
            ),
            answers=(
                "接报后，执法人员夜间突击检查，在厂区后侧发现暗管，现场采样检测化学需氧量超标。"
                "已依法对{factory}立案查处，责令停产整治并封堵暗管。",
                "经现场检查和水质监测，{factory}污水处理设施运行不正常，已责令限期整改并处罚款，"
                "下游水质已恢复正常，后续将不定期夜查。",
            ),
        ),
        en=Phrases(
            titles=(
                "{factory} discharging wastewater into {river} at night",
                "Water in {river} at {village} black and foul-smelling",
            ),
            openings=(
                "{factory} in {place} discharges wastewater into {river} {night}, and by morning "
                "the water is black with {smell}.",
                "{river} has been getting murkier, and the {n} households downstream no longer "
                "dare water their vegetables with it. We suspect {factory} upstream.",
            ),
            details=(
                "The outlet is hidden in the reeds behind the plant.",
                "A lot of fish have died.",
                "We have videos and can send them.",
                "Whenever inspectors come the plant stops; when they leave it starts again.",
            ),
            answers=(
                "Inspectors made an unannounced night visit and found a hidden pipe behind the "
                "plant; samples exceeded the chemical oxygen demand limit. A case has been "
                "opened against {factory}, which must stop production and seal the pipe.",
                "Inspection and water tests found that {factory}'s treatment plant was not "
                "working properly. It has been fined and ordered to fix it; the water downstream "
                "is back to normal and we will make unannounced night checks.",
            ),
        ),
    ),
    Scenario(
        key="fumes",
        count=(10, 200),
        people_per_count=(2, 4),
        zh=Phrases(
            titles=(
                "{factory}废气扰民，{village}村民夜里闻到{smell}",
                "{village}周边{smell}严重影响生活",
            ),
            openings=(
                "{place}附近的{factory}{night}排放废气，整个村子都是{smell}，窗户都不敢开。",
                "自从{factory}投产以后，{village}一带经常有{smell}，不少老人和孩子咳嗽、头晕。",
            ),
            details=(
                "白天味道小一些，一到晚上就特别重。",
                "我们怀疑是环保设施晚上不开。",
                "村里有{n}户人家受影响。",
                "去年就反映过，整改了一阵子又反弹了。",
            ),
            answers=(
                "经监测，{factory}厂界无组织排放浓度超标，废气处理设施存在夜间停运情况。已责令限期整改，"
                "安装在线监控，整改期间执法人员每周夜查一次。",
            ),
        ),
        en=Phrases(
            titles=(
                "Fumes from {factory} over {village} at night",
                "{smell} around {village} every evening",
            ),
            openings=(
                "{factory} near {place} releases fumes {night}, and there is {smell} across the "
                "whole village. We cannot open our windows.",
                "Since {factory} opened there is often {smell} around {village}, and many old "
                "people and children have coughs and headaches.",
            ),
            details=(
                "It is milder in the day and much worse at night.",
                "We suspect the treatment equipment is switched off at night.",
                "{n} households in the village are affected.",
            ),
            answers=(
                "Monitoring found emissions above the limit at the boundary of {factory} and its "
                "treatment equipment switched off at night. It must fix this by a deadline and "
                "install online monitoring; inspectors will check weekly at night meanwhile.",
            ),
        ),
    ),
    Scenario(
        key="site-noise",
        people_per_count=(1, 4),
        zh=Phrases(
            titles=("{site}夜间施工噪音扰民", "{site}凌晨还在施工，居民无法休息"),
            openings=("{place}的{site}最近每天施工到凌晨，打桩机和混凝土泵车吵得整栋楼都睡不着。",),
            details=(
                "家里有高三的孩子，晚上根本没法复习。",
                "打电话给施工方，对方说有夜间施工许可，但从来没见过公示。",
                "渣土车进出把路面弄得全是泥。",
            ),
            answers=(
                "经核查，该工地未取得夜间施工许可。已责令施工单位22时至次日6时停止高噪声作业，"
                "并对渣土车辆冲洗不到位问题予以处罚。",
            ),
        ),
        en=Phrases(
            titles=("Night-time construction noise from the {site}",),
            openings=(
                "The {site} in {place} works past midnight every day, and the pile driver and "
                "concrete pumps keep the whole building awake.",
            ),
            details=(
                "The builder claims to have a night-work permit but it has never been posted.",
                "Muck trucks leave the road covered in mud.",
            ),
            answers=(
                "The site had no permit for night work. The builder must stop noisy work between "
                "10 pm and 6 am and has been fined for trucks leaving the site unwashed.",
            ),
        ),
    ),
    Scenario(
        key="pig-farm",
        count=(6, 80),
        people_per_count=(2, 4),
        weight=0.7,
        zh=Phrases(
            titles=("{village}养殖场粪污直排农田", "养猪场臭气和污水影响{village}村民"),
            openings=(
                "{place}有一家养猪场，粪污不经处理直接排到旁边的农田和水沟里，夏天臭得受不了。",
            ),
            details=(
                "苍蝇蚊子特别多。",
                "附近几口井的水都有味道了。",
                "养殖场离村民住房不到两百米，周边{n}户都受影响。",
            ),
            answers=(
                "经查，该养殖场粪污处理设施不完善，已责令其配套建设干湿分离和沼液储存设施并限期完成，"
                "整改完成前压减存栏量。",
            ),
        ),
        en=Phrases(
            titles=("Pig farm in {village} dumping manure on farmland",),
            openings=(
                "A pig farm in {place} lets its manure run straight into the fields and ditches "
                "next to it, and in summer the smell is unbearable.",
            ),
            details=(
                "The wells nearby now taste of it.",
                "The farm is less than two hundred metres from {n} households.",
            ),
            answers=(
                "The farm's manure treatment is inadequate. It must install solid-liquid "
                "separation and slurry storage by a deadline and cut its herd until then.",
            ),
        ),
    ),
)

PUBLIC_SERVICES = (
    Scenario(
        key="water-cuts",
        count=(10, 300),
        people_per_count=(2, 3),
        zh=Phrases(
            titles=("{village}自来水频繁停水", "{village}停水{days}没有任何通知"),
            openings=("{place}这{weeks}经常停水，有时一停就是一整天，也没有提前通知。",),
            details=(
                "村里老人多，只能去井里挑水。",
                "打水务公司电话总是占线。",
                "听说是管网老化，一直说要改造。",
            ),
            answers=(
                "经排查，停水原因系主管道老化爆管，已完成抢修，{village}管网改造已纳入今年农村供水"
                "提升工程，预计年底完工。",
            ),
        ),
        en=Phrases(
            titles=("Frequent water cuts in {village}",),
            openings=(
                "For {weeks} the water in {place} keeps being cut off, sometimes for a whole "
                "day, with no warning.",
            ),
            details=(
                "Many old people here now carry water from the well.",
                "The water company's phone is always engaged.",
            ),
            answers=(
                "The cuts were caused by bursts in an old main, now repaired. The {village} "
                "network is in this year's rural water upgrade, due by the end of the year.",
            ),
        ),
    ),
    Scenario(
        key="water-quality",
        count=(10, 300),
        people_per_count=(2, 3),
        weight=0.6,
        zh=Phrases(
            titles=("{village}饮用水发黄有异味",),
            openings=("{place}的自来水最近发黄，烧开后壶底有一层沉淀。",),
            details=("家里有小孩，不敢直接喝。", "打水务公司电话总是占线。"),
            answers=(
                "经县疾控中心水样检测，浑浊度超标系管道冲洗不足所致。水务公司已对管网进行冲洗，复检合格。",
            ),
        ),
        en=Phrases(
            titles=("Tap water in {village} yellow and smelly",),
            openings=(
                "The tap water in {place} has turned yellow and leaves a deposit in the kettle.",
            ),
            details=("We have small children and dare not drink it.",),
            answers=(
                "Tests showed the cloudiness came from pipes not being flushed. The network has "
                "been flushed and a re-test passed.",
            ),
        ),
    ),
    Scenario(
        key="potholes",
        people_per_count=(1, 4),
        zh=Phrases(
            titles=("{village}{road}坑洼不平多年未修", "{village}{road}被渣土车压坏"),
            openings=("{place}的{road}到处是坑，下雨天积水，骑电动车的已经摔过好几次。",),
            details=(
                "这条路是孩子们上学的必经之路。",
                "去年说要修，测量过一次就没有下文了。",
                "路是被拉石料的大货车压坏的，车还在照常通行。",
            ),
            answers=("经现场查看，已对{road}坑槽进行修补，并将该路段大中修列入明年养护计划。",),
        ),
        en=Phrases(
            titles=("Potholes on {road} in {village} unrepaired for years",),
            openings=(
                "{road} in {place} is full of potholes that fill with water when it rains; "
                "several people on e-bikes have fallen.",
            ),
            details=(
                "The children walk this way to school.",
                "Last year someone came to measure it and nothing happened.",
            ),
            answers=(
                "The potholes on {road} have been patched and the section is in next year's "
                "resurfacing programme.",
            ),
        ),
    ),
    Scenario(
        key="street-lights",
        people_per_count=(1, 4),
        weight=0.7,
        zh=Phrases(
            titles=("{village}{road}路灯坏了{weeks}没人修", "{village}{road}晚上一片漆黑"),
            openings=("{place}{road}的路灯坏了{weeks}，晚上黑漆漆的，学生放学很不安全。",),
            details=("这条路是孩子们上学的必经之路。", "前几天晚上有老人在这里摔倒了。"),
            answers=("路灯故障系线路老化，已更换线路和灯具，现已恢复照明。",),
        ),
        en=Phrases(
            titles=("Street lights out on {road} in {village} for {weeks}",),
            openings=(
                "The street lights on {road} in {place} have been out for {weeks} and it is "
                "pitch dark when the children come home.",
            ),
            details=("An old man fell there in the dark last week.",),
            answers=(
                "The fault was old wiring, now replaced with the lamps; the lights work again.",
            ),
        ),
    ),
    Scenario(
        key="bus",
        count=(30, 300),
        weight=0.6,
        zh=Phrases(
            titles=("{village}村民坐公交难", "{bus}调整后{village}村民出行困难"),
            openings=(
                "{bus}原来经过{village}，上个月改线以后不再进村了，村民去镇上要走四十分钟。",
                "{bus}从每半小时一班减到两小时一班，早上赶不上上班上学。",
            ),
            details=(
                "村里老人看病、买菜都靠这趟车。",
                "没有任何公告，我们在站台等了一个多小时才知道。",
            ),
            answers=(
                "经协调公交公司，{bus}已恢复进村停靠，并在早晚高峰各增加一个班次。",
                "公交公司因运力调整改线，现已增设进村循环接驳车，每日往返八班。",
            ),
        ),
        en=Phrases(
            titles=("Bus changes leave {village} stranded",),
            openings=(
                "{bus} used to run through {village}, but since it was rerouted last month it "
                "no longer enters the village and it is a forty-minute walk to town.",
            ),
            details=(
                "Older villagers depend on this bus to see the doctor and to shop.",
                "There was no notice; we found out after waiting an hour at the stop.",
            ),
            answers=(
                "After talks with the bus company, {bus} stops in the village again, with an "
                "extra journey in each rush hour.",
            ),
        ),
    ),
    Scenario(
        key="rubbish-collection",
        count=(10, 150),
        people_per_count=(2, 3),
        zh=Phrases(
            titles=("{village}垃圾清运不及时", "{village}垃圾{days}没人清运"),
            openings=("{place}的垃圾箱已经{days}没人清运了，垃圾溢出来堆在路边，天热臭得厉害。",),
            details=("换了环卫公司以后就一直这样。", "卫生费我们是交了的。"),
            answers=(
                "经督促环卫公司，积存垃圾已全部清运，{village}清运频次由隔日一次调整为每日一次。",
            ),
        ),
        en=Phrases(
            titles=("Rubbish not collected in {village}",),
            openings=(
                "The bins in {place} have not been emptied for {days}; rubbish is piling up by "
                "the road and it stinks in the heat.",
            ),
            details=("It has been like this since the cleaning contractor changed.",),
            answers=(
                "The contractor has cleared the rubbish and collection in {village} is now daily "
                "instead of every other day.",
            ),
        ),
    ),
    Scenario(
        key="transfer-station",
        count=(10, 150),
        people_per_count=(2, 3),
        weight=0.5,
        zh=Phrases(
            titles=("{spot}旁垃圾中转站臭味扰民",),
            openings=("{place}{spot}旁边的垃圾中转站离住户太近，臭味大，还招老鼠。",),
            details=("夏天根本不敢开窗。", "附近住着{n}户人家。"),
            answers=("已对中转站进行除臭和消杀，增加冲洗频次，并着手研究中转站迁址方案。",),
        ),
        en=Phrases(
            titles=("Smell from the rubbish transfer station by {spot}",),
            openings=(
                "The rubbish transfer station next to {spot} in {place} is too close to homes; "
                "it smells and attracts rats.",
            ),
            details=("In summer we cannot open our windows.",),
            answers=(
                "The station has been deodorised and disinfected, is washed more often, and "
                "moving it is being studied.",
            ),
        ),
    ),
    Scenario(
        key="school-merged",
        count=(10, 120),
        weight=0.3,
        transfer_to="education",
        zh=Phrases(
            titles=("{village}村小撤并后孩子上学路远", "{village}孩子上学没有校车"),
            openings=("{village}的村小撤并后，孩子们要到镇上读书，每天来回十几里路，也没有校车。",),
            details=("家长们轮流接送，很多人因此没法出去打工。", "冬天天不亮就得出门。"),
            answers=(
                "经县教育局协调，已开通{village}至镇中心小学的校车线路，每天早晚各一班，费用由财政补贴。",
            ),
        ),
        en=Phrases(
            titles=("Village school closed, children in {village} face a long walk",),
            openings=(
                "Since the school in {village} was merged, the children go to school in town, "
                "several kilometres each way, with no school bus.",
            ),
            details=("Parents take turns driving the children, so many cannot go out to work.",),
            answers=(
                "The education bureau has started a school bus from {village} to the central "
                "primary school, morning and afternoon, paid for by the county.",
            ),
        ),
    ),
    Scenario(
        key="school-meals",
        weight=0.3,
        people_per_count=(1, 3),
        transfer_to="education",
        zh=Phrases(
            titles=("{township}中心小学食堂收费不透明",),
            openings=(
                "{township}中心小学的食堂每学期都涨价，饭菜质量却越来越差，学校也不公开账目。",
            ),
            details=("孩子回家经常说吃不饱。", "家长们在群里问，老师让我们别问。"),
            answers=("经核查，学校食堂已实行伙食费收支每月公示，并成立家长膳食委员会参与监督。",),
        ),
        en=Phrases(
            titles=("School meal charges in {township} not transparent",),
            openings=(
                "Meal charges at the {township} central primary school rise every term while "
                "the food gets worse, and the school publishes no accounts.",
            ),
            details=("The children often come home hungry.",),
            answers=(
                "The school now publishes its meal income and spending every month, and a "
                "parents' committee helps oversee the canteen.",
            ),
        ),
    ),
    Scenario(
        key="village-clinic",
        count=(30, 200),
        weight=0.4,
        transfer_to="health",
        zh=Phrases(
            titles=("{village}卫生室长期没有医生",),
            openings=(
                "{village}卫生室的村医退休后一直没人接替，老人量个血压、拿个常用药都要跑到镇上。",
            ),
            details=("村里六十岁以上的老人有一百多个。", "镇卫生院排队要大半天。"),
            answers=(
                "经县卫生健康局协调，已安排镇卫生院医生每周三次到{village}卫生室坐诊，并将该村纳入"
                "明年乡村医生定向招聘计划。",
            ),
        ),
        en=Phrases(
            titles=("No doctor at the {village} clinic",),
            openings=(
                "Since the village doctor in {village} retired nobody has replaced him, and old "
                "people must go into town just to have their blood pressure checked.",
            ),
            details=("Over a hundred villagers are over sixty.",),
            answers=(
                "Doctors from the township health centre will hold clinics in {village} three "
                "times a week, and the village is in next year's plan to recruit a doctor.",
            ),
        ),
    ),
)

CONSUMER_FINANCE = (
    Scenario(
        key="investment-scheme",
        count=(20, 300),
        weight=1.0,
        zh=Phrases(
            titles=(
                "{platform}爆雷，{n}名投资人本金无法兑付",
                "{platform}以高息为诱饵吸收资金后停止兑付",
                "{village}{n}名老人参与{platform}投资血本无归",
            ),
            openings=(
                "{platform}以年化12%的收益在{township}发展了很多投资人，大部分是老年人，"
                "{since}开始停止兑付，涉及{n}人，金额{total}。",
                "我们{village}有{n}名老人被{platform}的业务员拉去听讲座、领鸡蛋，后来每人投了几万元，"
                "现在公司人去楼空。",
            ),
            details=(
                "业务员说是政府支持的项目，还给我们看了营业执照。",
                "有的老人把养老钱和看病钱都投进去了。",
                "公司办公室已经搬空，负责人电话关机。",
                "我们希望政府尽快立案，追回资金。",
            ),
            answers=(
                "县市场监管局、公安局已对{platform}涉嫌非法吸收公众存款问题立案侦查，相关资产已依法"
                "查封冻结。请投资人携带投资凭证到指定地点登记，后续清退工作将依法公开进行。",
            ),
        ),
        en=Phrases(
            titles=(
                "{platform} stops repayments, {n} investors left without their money",
                "{n} elderly people in {village} lost savings to {platform}",
            ),
            openings=(
                "{platform} promised 12% a year and signed up many investors in {township}, "
                "mostly elderly. It stopped paying out {since}, affecting {n} people and {total}.",
                "{n} elderly people in {village} were drawn into {platform} through free talks "
                "and gifts of eggs, and each invested tens of thousands of yuan. Now the office "
                "is empty.",
            ),
            details=(
                "The salespeople said it was backed by the government and showed a licence.",
                "Some people put in their savings for old age and medical bills.",
            ),
            answers=(
                "The market regulation bureau and the police have opened an investigation into "
                "{platform} for illegally taking public deposits, and its assets are frozen. "
                "Investors should register with their receipts; any repayment will be handled "
                "openly under the law.",
            ),
        ),
    ),
    Scenario(
        key="prepaid-card",
        count=(5, 200),
        weight=0.8,
        zh=Phrases(
            titles=("{shop}突然关门，预付卡无法退款", "{shop}办卡后跑路，{n}名会员维权"),
            openings=(
                "{place}的{shop}上周突然关门，我们很多人都办了会员卡，卡里还有几千块钱。",
                "{shop}在关门前一个月还在搞充值优惠，现在老板失联，涉及会员{n}人。",
            ),
            details=(
                "门上只贴了一张“停业装修”的通知。",
                "我们建了一个维权群，已经有一百多人。",
                "听说老板在别的地方又开了一家。",
            ),
            answers=(
                "经调查，{shop}经营者已联系到位。经调解，经营者同意分三期退还会员余额，或由同业商家"
                "承接剩余服务，会员可自愿选择。",
            ),
        ),
        en=Phrases(
            titles=("{shop} closed overnight, prepaid cards worthless",),
            openings=(
                "{shop} in {place} closed without warning last week. Many of us have membership "
                "cards with thousands of yuan still on them.",
                "A month before it closed, {shop} was still offering top-up deals. Now the owner "
                "cannot be reached and {n} members are affected.",
            ),
            details=("There is only a 'closed for renovation' notice on the door.",),
            answers=(
                "We located the owner of {shop}, who agreed in mediation to refund balances in "
                "three instalments; members may instead have another business take over the "
                "remaining services.",
            ),
        ),
    ),
    Scenario(
        key="fake-fertiliser",
        people_per_count=(1, 2),
        weight=0.5,
        zh=Phrases(
            titles=("在{market}买到假冒化肥", "{village}村民买到劣质复合肥"),
            openings=(
                "我{since}在{market}买了二十袋复合肥，施下去庄稼一点效果都没有，送检发现养分严重不足。",
            ),
            details=("发票和购买记录我都保留了。", "和我一起买的还有好几户。"),
            answers=(
                "经抽样检验，该批次复合肥养分含量不合格，已责令经营者下架召回，对购买户按损失给予赔偿。",
            ),
        ),
        en=Phrases(
            titles=("Fake fertiliser sold at {market}",),
            openings=(
                "I bought twenty bags of compound fertiliser at {market} {since}. It did nothing "
                "for my crops and a test showed it had hardly any nutrients.",
            ),
            details=("I kept the receipt.",),
            answers=(
                "Samples of that batch failed the nutrient test. The seller must withdraw and "
                "recall it and compensate the buyers for their losses.",
            ),
        ),
    ),
    Scenario(
        key="ebike-battery",
        people_per_count=(1, 1),
        weight=0.5,
        zh=Phrases(
            titles=("电动车电池质量问题商家拒绝退换", "{village}电动车店卖的电池半年就坏"),
            openings=(
                "我在{place}一家电动车店买的电动车，不到半年电池就充不进电，商家说是人为损坏不给换。",
            ),
            details=("发票和保修卡我都保留了。", "店里说要换电池得自己出钱。"),
            answers=("经第三方检测，电池故障属产品质量问题，商家已为申请人免费更换电池。",),
        ),
        en=Phrases(
            titles=("E-bike shop refuses to replace faulty battery",),
            openings=(
                "I bought an e-bike at a shop in {place}. Within six months the battery would "
                "not charge, and the shop says I damaged it.",
            ),
            details=("I have the receipt and the warranty card.",),
            answers=(
                "An independent test found a manufacturing fault; the shop has replaced the "
                "battery free of charge.",
            ),
        ),
    ),
)

OFFICIAL_CONDUCT = (
    Scenario(
        key="stall-confiscation",
        zh=Phrases(
            titles=("城管执法人员态度粗暴，没收摊位物品", "{village}{spot}摆摊被收走秤和菜"),
            openings=(
                "我在{place}{spot}附近摆摊卖菜，{since}执法队员过来收走了我的秤和两筐菜，态度很凶，"
                "也没有开任何单据。",
            ),
            details=(
                "当时围观的人很多，有人拍了视频。",
                "我只是想拿回东西，也希望他们以后文明执法。",
                "问他们的执法证号，他们不肯说。",
            ),
            answers=(
                "经调查，当日执法过程中存在未出具暂扣物品清单、执法用语不规范的问题，已对相关执法人员"
                "批评教育并暂停执法资格一个月，暂扣物品已退还申请人。",
            ),
        ),
        en=Phrases(
            titles=("Officers confiscated my stall goods without a receipt",),
            openings=(
                "I sell vegetables near {spot} in {place}. Enforcement officers came {since}, "
                "took my scales and two baskets of vegetables, were rough with me and gave me "
                "no paperwork.",
            ),
            details=("Many people saw it and someone filmed it.",),
            answers=(
                "The officers gave no list of the goods taken and behaved improperly. They have "
                "been reprimanded and suspended from enforcement for a month, and your goods "
                "have been returned.",
            ),
        ),
    ),
    Scenario(
        key="fine-without-receipt",
        weight=0.6,
        zh=Phrases(
            titles=("执法人员罚款不出具票据", "在{road}被罚款两百元不给票据"),
            openings=("我的货车在{place}{road}被执法人员拦下罚款两百元，交了钱却不给开票据。",),
            details=("问他们的执法证号，他们不肯说。", "同一天被罚的还有好几辆车。"),
            answers=("经核查，该罚款未按规定出具罚没票据，相关人员已调离执法岗位，罚款已退还。",),
        ),
        en=Phrases(
            titles=("Fined by officers who gave no receipt",),
            openings=(
                "My van was stopped on {road} in {place} and I was fined 200 yuan, but the "
                "officers would not give me a receipt.",
            ),
            details=("They would not tell me their badge numbers.",),
            answers=(
                "No official receipt was issued for the fine. The officer has been moved off "
                "enforcement work and the fine refunded.",
            ),
        ),
    ),
    Scenario(
        key="runaround",
        zh=Phrases(
            titles=("在{township}便民服务中心办事多次被推诿", "办{permit}跑了{times}趟还没办成"),
            openings=(
                "我为了办{permit}，在{township}便民服务中心跑了{times}趟，每次都说缺材料，"
                "但每次说的都不一样。",
            ),
            details=(
                "窗口工作人员一直在玩手机，问话也爱理不理。",
                "能不能一次性告诉我需要哪些材料？",
                "我年纪大了，跑一趟要转两次车。",
            ),
            answers=(
                "经核查，窗口工作人员未落实一次性告知制度，已通报批评。中心已安排专人为申请人代办，"
                "相关手续已办结。",
            ),
        ),
        en=Phrases(
            titles=("Sent away {times} times at the {township} service centre",),
            openings=(
                "To apply for {permit} I have been to the {township} service centre {times} "
                "times. Each time something is missing, and each time it is something different.",
            ),
            details=("Could they not tell me everything they need at once?",),
            answers=(
                "The staff did not follow the rule of telling applicants everything at once and "
                "have been formally criticised. A member of staff handled your application, "
                "which is now complete.",
            ),
        ),
    ),
    Scenario(
        key="stalled-application",
        weight=0.6,
        zh=Phrases(
            titles=("{permit}申请{months}没有结果",),
            openings=("我的{permit}材料交到{township}已经{months}了，打电话问总说在审核。",),
            details=("办事指南上写的是二十个工作日办结。", "我就想知道卡在哪个环节。"),
            answers=(
                "经核查，申请人材料齐全，因审核环节衔接不畅导致办理超时，现已办结，并对相关人员进行了"
                "提醒谈话。",
            ),
        ),
        en=Phrases(
            titles=("Application for {permit} stuck for {months}",),
            openings=(
                "I handed in my papers for {permit} in {township} {months} ago, and every time "
                "I call they say it is under review.",
            ),
            details=("The published guide says twenty working days.",),
            answers=(
                "Your papers were complete; the delay came from a hand-over between two offices. "
                "The application is now complete and the staff concerned have been spoken to.",
            ),
        ),
    ),
    Scenario(
        key="village-accounts",
        count=(5, 60),
        weight=0.5,
        zh=Phrases(
            titles=("{village}村务财务多年未公开", "{village}集体收入去向不明"),
            openings=(
                "{village}的村务公开栏已经两年没有更新了，村集体厂房出租、土地流转的收入有多少、"
                "花在哪里，村民都不知道。",
            ),
            details=("我们{n}名村民联名写过信，没有回音。", "希望上级派人来查一查账。"),
            answers=(
                "经镇纪委和农经站联合核查，{village}存在村务公开不及时的问题，已责令限期公开近三年"
                "财务收支明细，并将跟踪检查。",
            ),
        ),
        en=Phrases(
            titles=("{village} has not published its accounts for years",),
            openings=(
                "The notice board in {village} has not been updated for two years. Nobody knows "
                "what the village earns from renting out its workshops and land, or where the "
                "money goes.",
            ),
            details=("{n} of us signed a joint letter and heard nothing back.",),
            answers=(
                "A joint check found that {village} had not published its accounts on time. It "
                "must publish the last three years' income and spending by a deadline.",
            ),
        ),
    ),
    Scenario(
        key="fishpond-lease",
        count=(5, 60),
        weight=0.4,
        zh=Phrases(
            titles=("{village}集体鱼塘低价承包给村干部亲属",),
            openings=(
                "{village}把村集体的鱼塘承包给了村干部的亲戚，承包费明显偏低，也没有公开招标。",
            ),
            details=("我们{n}名村民联名写过信，没有回音。", "别的村同样的鱼塘租金要高一倍。"),
            answers=(
                "经镇纪委和农经站联合核查，{village}鱼塘发包未履行民主决策和公开招标程序，已立案调查，"
                "将依规依纪处理，鱼塘将依法重新发包。",
            ),
        ),
        en=Phrases(
            titles=("Village fish ponds in {village} leased cheaply to an official's relative",),
            openings=(
                "{village} leased the village fish ponds to a relative of a village official at "
                "a low rent, with no open tender.",
            ),
            details=("{n} of us signed a joint letter and heard nothing back.",),
            answers=(
                "The lease skipped the required village vote and open tender. A disciplinary "
                "case has been opened and the ponds will be re-let properly.",
            ),
        ),
    ),
)

OTHER = (
    Scenario(
        key="drainage-ditch",
        people_per_count=(1, 4),
        transfer_to="judicial",
        zh=Phrases(
            titles=("与邻居因排水沟问题发生纠纷", "{village}邻居填沟建墙，雨水倒灌我家"),
            openings=(
                "我家和邻居之间有一条排水沟，邻居把沟填了建围墙，下雨时水全部流进我家院子。",
            ),
            details=(
                "村干部来看过，但邻居不听。",
                "两家为这件事已经吵过好几次，怕闹出更大的矛盾。",
            ),
            answers=(
                "经司法所人民调解员上门调解，双方达成一致：邻居恢复排水沟原状，围墙后移让出沟渠，"
                "调解协议已签订。",
            ),
        ),
        en=Phrases(
            titles=("Dispute with neighbour over a drainage ditch",),
            openings=(
                "The neighbours filled in the drainage ditch between our houses to build a wall, "
                "and now rain floods our yard.",
            ),
            details=("The village officials came but the neighbour would not listen.",),
            answers=(
                "A mediator from the justice office visited both families. The neighbours agreed "
                "to restore the ditch and move the wall back, and both signed the agreement.",
            ),
        ),
    ),
    Scenario(
        key="shared-path",
        people_per_count=(1, 4),
        weight=0.6,
        transfer_to="judicial",
        zh=Phrases(
            titles=("邻居在公共通道上搭建棚子", "{village}邻里共用通道被占，出行受阻"),
            openings=(
                "邻居在我们两家共用的通道上搭了一个棚子堆放杂物，车进不来，老人进出也不方便。",
            ),
            details=("村干部来看过，但邻居不听。", "通道是当年两家一起出钱修的。"),
            answers=(
                "经司法所人民调解员调解，邻居同意拆除通道上的棚子，双方约定通道共同使用、"
                "不得堆放杂物，调解协议已签订。",
            ),
        ),
        en=Phrases(
            titles=("Neighbour built a shed on our shared path",),
            openings=(
                "Our neighbour put up a shed on the path our families share. Cars cannot get "
                "through and it is hard for the elderly.",
            ),
            details=("Both families paid to build that path.",),
            answers=(
                "After mediation by the justice office, the neighbour agreed to take down the "
                "shed and both families signed an agreement to keep the path clear.",
            ),
        ),
    ),
    Scenario(
        key="square-dancing",
        people_per_count=(1, 6),
        zh=Phrases(
            titles=("{spot}广场舞音响声音太大",),
            openings=(
                "{place}{spot}每天晚上七点到十点都有人跳广场舞，音响开得特别大，住在旁边的人没法休息。",
            ),
            details=("跟她们商量过，她们说别的地方也是这样。", "家里有老人心脏不好。"),
            answers=(
                "经社区协调，广场舞队伍同意将音量控制在规定范围内，结束时间提前到晚上九点，"
                "社区为其配备了限音设备。",
            ),
        ),
        en=Phrases(
            titles=("Loud music from square dancing by {spot}",),
            openings=(
                "Every evening from seven to ten there is square dancing by {spot} in {place}, "
                "with the speakers turned right up, and nobody nearby can rest.",
            ),
            details=("We asked them nicely; they said it is the same everywhere.",),
            answers=(
                "The dancers have agreed to keep the volume within limits and finish at nine; "
                "the community has given them a volume limiter.",
            ),
        ),
    ),
    Scenario(
        key="stray-dogs",
        count=(10, 100),
        people_per_count=(2, 3),
        weight=0.6,
        zh=Phrases(
            titles=("{village}流浪狗成群，已咬伤村民",),
            openings=("{place}最近有一群流浪狗在{spot}一带出没，上周咬伤了一名放学的小学生。",),
            details=(
                "孩子们上学都要大人接送。",
                "有人说是附近工地养的，工地停工后就没人管了。",
            ),
            answers=(
                "经镇农业办和村委会组织捕捉，流浪犬已送至收容点，被咬伤人员的疫苗费用已协调解决。",
            ),
        ),
        en=Phrases(
            titles=("Pack of stray dogs in {village} has bitten a child",),
            openings=(
                "A pack of stray dogs roams around {spot} in {place}, and last week one bit a "
                "pupil on the way home from school.",
            ),
            details=("Parents now walk their children to school.",),
            answers=(
                "The dogs have been caught and taken to a shelter, and the child's vaccinations "
                "have been paid for.",
            ),
        ),
    ),
)
