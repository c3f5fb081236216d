"""Grievances about land and homes: compensation, demolition, housing, legacy issues."""

from __future__ import annotations

from redress.demo.phrasebook.base import Phrases, Scenario

LAND_COMPENSATION = (
    Scenario(
        key="compensation-rate",
        count=(10, 200),
        people_per_count=(2, 4),
        weight=0.6,
        zh=Phrases(
            titles=(
                "{village}征地补偿标准偏低，{n}户村民有异议",
                "{project}征地补偿比邻镇低，村民不认可",
            ),
            openings=(
                "{project}征用了{place}{mu}{land}，补偿标准是{rate}，比相邻乡镇低很多，"
                "{n}户村民都不同意。",
            ),
            details=(
                "村里开过一次会，但补偿方案没有张榜公示。",
                "青苗和地上附着物的补偿根本没有算。",
                "我们不反对项目建设，只希望补偿公平公开。",
            ),
            answers=(
                "经核查，{project}征地补偿按省政府公布的区片综合地价执行，与相邻乡镇所处区片不同，"
                "标准有所差异。镇村已召开村民代表会议解释政策，并对青苗和地上附着物补偿进行了复核补充。",
            ),
        ),
        en=Phrases(
            titles=("{n} households in {village} object to the land compensation rate",),
            openings=(
                "The {project} took {mu} of {land} in {place} at {rate}, far below the "
                "neighbouring townships. {n} households do not accept it.",
            ),
            details=(
                "The compensation plan was never posted publicly in the village.",
                "We do not oppose the project; we only want fair and open compensation.",
            ),
            answers=(
                "The rate for the {project} is the provincial zone price, which differs from the "
                "neighbouring townships' zone. The village held a representatives' meeting to "
                "explain it, and payments for crops and structures were checked and topped up.",
            ),
        ),
    ),
    Scenario(
        key="compensation-unpaid",
        count=(10, 200),
        people_per_count=(2, 4),
        weight=0.6,
        zh=Phrases(
            titles=(
                "{project}征用{village}{land}，补偿款未发放",
                "{village}征地补偿款{months}未到村民手中",
            ),
            openings=(
                "{project}占用我们组的{land}已经{months}了，补偿款到现在还没有发到村民手里，涉及{n}户。",
            ),
            details=(
                "我们问补偿款去哪了，村干部说钱在镇里。",
                "有几户的承包地面积和确权证上的不一样。",
                "村里开过一次会，但补偿方案没有张榜公示。",
            ),
            answers=(
                "经核查，{project}征地补偿已按省定区片综合地价标准足额拨付至镇财政所，因个别农户"
                "承包面积存在争议暂缓发放。现已重新测量确认，补偿款已于本月发放到户，并在村务公开栏"
                "张榜公示。",
            ),
        ),
        en=Phrases(
            titles=("Compensation for land taken for the {project} not paid",),
            openings=(
                "The {project} has used our group's {land} in {place} for {months}, and the "
                "compensation has still not reached the {n} households.",
            ),
            details=(
                "The village officials say the money is with the township.",
                "Some families' plot sizes differ from their land certificates.",
            ),
            answers=(
                "The compensation for the {project} was paid in full to the township finance "
                "office, but held back because some plot sizes were disputed. The plots have "
                "been re-measured, the money paid to each household this month and the list "
                "posted on the village notice board.",
            ),
        ),
    ),
    Scenario(
        key="work-before-agreement",
        count=(5, 80),
        people_per_count=(2, 4),
        weight=0.4,
        zh=Phrases(
            titles=("{project}占用{land}{mu}，补偿没谈妥就开工", "{village}{land}未签协议就被推平"),
            openings=(
                "{place}的{land}还没有签补偿协议，{project}的施工队就开进来推平了，涉及{n}户。",
            ),
            details=(
                "青苗和地上附着物都被毁了，没有任何补偿。",
                "我们去拦的时候，施工队说他们只管干活。",
            ),
            answers=(
                "经核实，该地块青苗及地上附着物补偿确有漏项，已委托评估机构补充评估，补偿款随第二批"
                "发放。对未签协议先行施工的问题，已责令施工单位停工，待协议签订后再行施工。",
            ),
        ),
        en=Phrases(
            titles=("Work on the {project} started before compensation was agreed",),
            openings=(
                "Contractors for the {project} bulldozed {land} in {place} before anyone had "
                "signed a compensation agreement. {n} households are affected.",
            ),
            details=("The crops and everything on the land were destroyed with no payment.",),
            answers=(
                "Crops and structures on the land were indeed left out. An assessor has valued "
                "them and the money will come with the second instalment. The contractor has "
                "been told to stop work wherever no agreement has been signed.",
            ),
        ),
    ),
    Scenario(
        key="homestead",
        people_per_count=(2, 5),
        zh=Phrases(
            titles=("宅基地建房审批迟迟不办", "{village}宅基地申请一年多没有结果"),
            openings=(
                "我家是{place}的农户，{since}就提交了宅基地建房申请，材料都齐了，到现在还没有批下来。",
            ),
            details=(
                "村里说要等镇里，镇里说要等县里的指标。",
                "一家五口挤在老房子里，老房子已经是危房。",
                "同一批申请的邻居有的已经批了。",
            ),
            answers=(
                "经查，申请人的宅基地申请材料齐全，符合一户一宅条件，已纳入本年度用地计划。"
                "自然资源所已完成现场踏勘，审批手续将于近期办结。",
            ),
        ),
        en=Phrases(
            titles=("Homestead building application stuck for months",),
            openings=(
                "We are a farming family in {place}. We applied to build on our homestead plot "
                "{since} with all the papers, and still have no answer.",
            ),
            details=(
                "The village says it is waiting for the township, the township for the county's "
                "quota.",
                "Five of us live in the old house, which is no longer safe.",
            ),
            answers=(
                "Your application is complete and meets the one-household-one-plot rule. It is "
                "in this year's land plan, the site survey is done and approval will follow "
                "shortly.",
            ),
        ),
    ),
    Scenario(
        key="land-lease-rent",
        count=(5, 40),
        people_per_count=(2, 4),
        weight=0.7,
        zh=Phrases(
            titles=("{village}土地流转租金{months}未支付", "流转土地租金被拖欠，{n}户村民受影响"),
            openings=(
                "{year}年村里把我们组的{mu}{land}流转给一家农业公司种苗木，前几年租金按时付，"
                "今年已经拖欠{months}，涉及{n}户。",
            ),
            details=(
                "公司老板说苗木卖不出去，没钱付租金。",
                "现在地里长满了草，我们想收回来自己种也不行。",
                "合同是村委会代签的，我们手里只有一张复印件。",
            ),
            answers=(
                "经自然资源所和农业办核查，该公司拖欠流转租金属实。经协调，公司以苗木作抵押并分期"
                "支付欠款，首期已支付。如继续违约，村集体将依合同解除流转、收回土地。",
            ),
        ),
        en=Phrases(
            titles=("Rent for leased farmland in {village} unpaid for {months}",),
            openings=(
                "In {year} the village leased {mu} of our group's {land} to a nursery company. "
                "The rent was paid at first, but this year it is {months} overdue, affecting "
                "{n} households.",
            ),
            details=(
                "The owner says he cannot sell the trees and has no money.",
                "The contract was signed by the village committee and we only have a photocopy.",
            ),
            answers=(
                "The rent is owed. The company has pledged its trees as security and agreed to "
                "pay in instalments; the first has been paid. If it defaults again the village "
                "will end the lease and take the land back.",
            ),
        ),
    ),
)

DEMOLITION = (
    Scenario(
        key="resettlement-delay",
        count=(15, 260),
        people_per_count=(2, 4),
        zh=Phrases(
            titles=(
                "{redevelopment}安置房延期交付{years}年",
                "{redevelopment}{n}户拆迁户盼安置房",
            ),
            openings=(
                "我们是{place}{redevelopment}的拆迁户，共{n}户，按协议安置房应在{deadline}交付，"
                "到现在还没有建好。",
                "{redevelopment}拆迁已经{years}年了，过渡费从{since}开始就停发了，我们还在外面租房子住。",
            ),
            details=(
                "工地现在基本停工，开发商说资金周转困难。",
                "过渡费每月只有几百块钱，根本租不到房子。",
                "家里老人等不到新房，已经去世了。",
                "我们只想知道安置房到底什么时候能交。",
            ),
            answers=(
                "经县住建局核查，安置房项目因施工单位资金问题进度滞后。县政府已协调专项资金，项目已"
                "全面复工，预计明年六月交付。逾期期间的过渡费按协议标准补发，并自本月起恢复按月发放。",
            ),
        ),
        en=Phrases(
            titles=("Resettlement flats for the {redevelopment} {years} years late",),
            openings=(
                "We are {n} families whose homes were demolished for the {redevelopment} in "
                "{place}. Our resettlement flats were due {deadline} and are still not finished.",
            ),
            details=(
                "The site has mostly stopped and the developer says it is short of cash.",
                "The allowance is a few hundred yuan a month, not enough to rent anywhere.",
            ),
            answers=(
                "The housing bureau found the project behind schedule because the builder ran "
                "out of money. The county has arranged funding, work has resumed and the flats "
                "are due next June. The allowance for the overdue period will be back-paid and "
                "paid monthly again from this month.",
            ),
        ),
    ),
    Scenario(
        key="demolition-valuation",
        people_per_count=(2, 5),
        zh=Phrases(
            titles=("拆迁评估价格明显偏低", "{redevelopment}房屋评估价太低，要求重新评估"),
            openings=(
                "我家在{place}，房屋面积{area}平方米，{redevelopment}评估公司给出的价格比周边二手房"
                "低了一半，要求重新评估没人理。",
            ),
            details=(
                "评估报告送到我们手里时，申请复核的时间已经过了。",
                "我们要的不多，就是按市场价公平补偿。",
            ),
            answers=(
                "已安排另一家有资质的评估机构重新评估，结果已送达申请人。申请人如仍有异议，"
                "可申请房地产价格评估专家委员会鉴定。",
            ),
        ),
        en=Phrases(
            titles=("Valuation of our house far below market price",),
            openings=(
                "Our house in {place} is {area} square metres, and the valuer's figure is half "
                "what similar houses nearby sell for. Nobody answers our request for a new "
                "valuation.",
            ),
            details=("We only want fair compensation at market price.",),
            answers=(
                "A second licensed valuer has revalued the house and the report has been "
                "delivered to you. If you still disagree you may ask the expert committee.",
            ),
        ),
    ),
    Scenario(
        key="demolished-without-agreement",
        people_per_count=(2, 5),
        weight=0.4,
        zh=Phrases(
            titles=("{village}房屋未签协议被拆除",),
            openings=(
                "我家在{place}的房子还没有签拆迁协议，{since}趁家里没人被拆了，屋里的东西也没来得及搬。",
            ),
            details=("拆的时候没有出示任何法律文书。", "家里的家具电器全埋在了废墟里。"),
            answers=(
                "经调查，该户房屋拆除未履行法定程序，相关责任人员已被追责。经协商，已按评估价加室内"
                "财物损失给予补偿，双方签订了补偿协议。",
            ),
        ),
        en=Phrases(
            titles=("House in {village} demolished before any agreement was signed",),
            openings=(
                "Our house in {place} was demolished {since} while we were out, before we had "
                "signed anything. Our belongings were still inside.",
            ),
            details=("Nobody showed us any legal document when it was demolished.",),
            answers=(
                "The demolition did not follow the legal procedure and those responsible have "
                "been held to account. Compensation at the valuation plus your lost belongings "
                "has been agreed and signed.",
            ),
        ),
    ),
    Scenario(
        key="resettlement-quality",
        count=(6, 80),
        people_per_count=(2, 4),
        weight=0.6,
        zh=Phrases(
            titles=("{estate}安置房墙体开裂漏水", "安置房交付不到一年，{n}户出现质量问题"),
            openings=("我们去年搬进{estate}安置房，不到一年就有{n}户出现墙体开裂、卫生间漏水。",),
            details=("找开发商维修，说要等保修单位统一安排。", "一下雨楼道里就渗水。"),
            answers=(
                "经县住建局组织质量检测，部分住户墙体抹灰开裂和防水层施工确有缺陷。施工单位已在保修期"
                "内完成维修，住建局已组织回访验收。",
            ),
        ),
        en=Phrases(
            titles=("Cracks and leaks in resettlement flats at {estate}",),
            openings=(
                "We moved into the resettlement flats at {estate} last year. Within a year {n} "
                "households have cracked walls and leaking bathrooms.",
            ),
            details=("The stairwell gets wet every time it rains.",),
            answers=(
                "The housing bureau had the flats tested and found faults in the plaster and "
                "waterproofing. The builder has repaired them under warranty and the bureau has "
                "inspected the work.",
            ),
        ),
    ),
)

HOUSING_PROPERTY = (
    Scenario(
        key="lift",
        count=(20, 180),
        people_per_count=(2, 3),
        zh=Phrases(
            titles=(
                "{estate}电梯频繁故障无人维修",
                "{estate}{building}号楼电梯停用{weeks}",
            ),
            openings=(
                "{estate}{building}号楼的电梯已经停了{weeks}，楼里住着不少老人，上下楼非常困难。",
                "{estate}的电梯三天两头坏，上个月还困过人，楼里{n}户人家提心吊胆。",
            ),
            details=(
                "物业说维修要动用维修基金，要业主签字同意。",
                "物业费我们一分没少交，出了问题就推。",
                "有位八十多岁的老人已经两周没下过楼了。",
            ),
            answers=(
                "经督促，物业公司已更换电梯主板并完成检测，电梯已恢复运行。对物业公司维保不到位的问题"
                "已约谈并责令整改，并纳入物业服务质量考评。",
            ),
        ),
        en=Phrases(
            titles=(
                "Lift in block {building} at {estate} out of service for {weeks}",
                "Lifts at {estate} keep breaking down",
            ),
            openings=(
                "The lift in block {building} at {estate} has been out of order for {weeks}. "
                "Many elderly people live there and can hardly manage the stairs.",
                "The lifts at {estate} break down every few days, and last month someone was "
                "trapped.",
            ),
            details=(
                "The management company says it needs owners' signatures to use the "
                "maintenance fund.",
                "A man in his eighties has not been downstairs for two weeks.",
            ),
            answers=(
                "The management company has replaced the lift's control board and had it "
                "inspected; it is working again. The company has been warned about poor "
                "maintenance, which will count in its service rating.",
            ),
        ),
    ),
    Scenario(
        key="fee-rise",
        people_per_count=(1, 3),
        zh=Phrases(
            titles=("{estate}物业费上涨未经业主同意", "{estate}物业公司擅自提高物业费"),
            openings=(
                "{estate}物业公司贴出通知，物业费从每平方米1.2元涨到1.8元，没有开业主大会，"
                "也没有征求意见。",
            ),
            details=(
                "小区到现在还没有成立业委会。",
                "公共收益一直没有公布过。",
                "保安和保洁人员比以前还少了。",
            ),
            answers=(
                "经核查，{estate}物业费调整未履行业主大会表决程序，已责令物业公司暂停执行新标准。"
                "我们将指导小区筹备成立业主委员会，公共收益须每半年公示一次。",
            ),
        ),
        en=Phrases(
            titles=("Management fee at {estate} raised without asking owners",),
            openings=(
                "The management company at {estate} has put up a notice raising the fee from "
                "1.2 to 1.8 yuan per square metre, with no owners' meeting and no consultation.",
            ),
            details=(
                "The estate still has no owners' committee.",
                "The income from shared spaces has never been published.",
            ),
            answers=(
                "The fee rise at {estate} did not go through an owners' vote, so the company "
                "must suspend it. We will help the owners set up a committee, and shared income "
                "must be published every six months.",
            ),
        ),
    ),
    Scenario(
        key="parking-fees",
        people_per_count=(1, 3),
        weight=0.6,
        zh=Phrases(
            titles=("{estate}物业公司强制收取停车费", "{estate}物业以门禁卡要挟业主缴费"),
            openings=("{estate}物业公司把小区公共车位拿来收费，还说不交物业费就不给门禁卡。",),
            details=(
                "公共车位是全体业主的，收的钱去了哪里没人知道。",
                "家里老人进出小区都要等人开门。",
            ),
            answers=(
                "经核查，{estate}公共车位属全体业主共有，收取停车费须经业主大会同意，物业公司也不得以"
                "不交物业费为由限制业主出入。已责令其停止收费、恢复门禁卡使用。",
            ),
        ),
        en=Phrases(
            titles=("Management company at {estate} charging for shared parking",),
            openings=(
                "The management company at {estate} has started charging for the shared parking "
                "spaces and refuses gate cards to owners who have not paid the fee.",
            ),
            details=("The parking spaces belong to all the owners.",),
            answers=(
                "The shared spaces at {estate} belong to all the owners, so charging needs an "
                "owners' vote, and no one may be locked out over unpaid fees. The company has "
                "been told to stop charging and restore the gate cards.",
            ),
        ),
    ),
    Scenario(
        key="no-certificates",
        count=(20, 300),
        people_per_count=(2, 4),
        weight=0.5,
        zh=Phrases(
            titles=(
                "{estate}交房{years}年办不了不动产权证",
                "{estate}{n}户业主办证难",
            ),
            openings=(
                "我们是{estate}的业主，共{n}户，交房已经{years}年了，开发商一直办不下不动产权证，"
                "孩子上学落户都受影响。",
            ),
            details=(
                "开发商说是土地出让金没有缴清。",
                "我们的房款早就全额付清了。",
            ),
            answers=(
                "经县住建局、自然资源和规划局联合调查，{estate}办证受阻系开发商欠缴土地出让金所致。"
                "县里已成立专班督促开发商分期补缴，首批业主的不动产权证已进入办理程序。",
            ),
        ),
        en=Phrases(
            titles=("Owners at {estate} still without property certificates after {years} years",),
            openings=(
                "We are {n} owners at {estate}. We moved in {years} years ago and the developer "
                "still has not obtained our property certificates, which affects our children's "
                "school registration.",
            ),
            details=("The developer says the land premium has not been fully paid.",),
            answers=(
                "The certificates are held up because the developer has not paid the full land "
                "premium. A county task force is making it pay in instalments, and certificates "
                "for the first owners are now being processed.",
            ),
        ),
    ),
    Scenario(
        key="overdue-handover",
        count=(20, 300),
        people_per_count=(2, 4),
        weight=0.5,
        zh=Phrases(
            titles=("{developer}开发的{estate}逾期交房", "{estate}停工烂尾，{n}户业主盼交房"),
            openings=(
                "{developer}开发的{estate}合同约定{deadline}交房，现在还在停工，{n}户业主每月照还房贷。",
            ),
            details=(
                "售楼处已经关门，电话也打不通。",
                "我们只想知道什么时候能交房。",
                "很多人还在外面租房住，房贷房租两头压。",
            ),
            answers=(
                "县住建局已对{estate}项目预售资金实施监管，协调银行续贷，项目已复工，并向业主公示了"
                "新的交房时间表。",
            ),
        ),
        en=Phrases(
            titles=("{estate} by {developer} overdue and work stopped",),
            openings=(
                "{developer} promised to hand over {estate} {deadline}. Work has stopped, and "
                "{n} owners are paying mortgages every month.",
            ),
            details=("The sales office has closed and nobody answers the phone.",),
            answers=(
                "The housing bureau has taken control of the pre-sale funds and arranged further "
                "bank lending. Work has resumed and a new handover timetable has been published.",
            ),
        ),
    ),
    Scenario(
        key="roof-leak",
        people_per_count=(1, 4),
        zh=Phrases(
            titles=("{estate}顶楼漏水物业不修", "{estate}{building}号楼屋面渗漏"),
            openings=("我家住在{estate}{building}号楼顶楼，一下雨客厅就漏水，墙皮都泡掉了。",),
            details=(
                "物业说屋面防水要用维修基金，申请流程很长。",
                "家里的木地板已经起拱了。",
                "同一单元的顶楼几户都是这样。",
            ),
            answers=(
                "经协调，物业公司已申请使用专项维修资金，屋面防水维修已完成，雨后复查未再渗漏。",
            ),
        ),
        en=Phrases(
            titles=("Top-floor flat at {estate} leaks every time it rains",),
            openings=(
                "We live on the top floor of block {building} at {estate}. Every time it rains "
                "the ceiling leaks and the plaster is coming off.",
            ),
            details=("The management company says it must apply to the maintenance fund first.",),
            answers=(
                "The management company was granted the maintenance fund and the roof has been "
                "waterproofed; no leaks were found after the next rain.",
            ),
        ),
    ),
)

LEGACY_ISSUES = (
    Scenario(
        key="community-teachers",
        count=(5, 80),
        transfer_to="education",
        zh=Phrases(
            titles=("原民办代课教师教龄补助未落实", "{n}名原代课教师要求落实待遇"),
            openings=(
                "我们是{township}原来的民办代课教师，共{n}人，在村小教了十几二十年书，"
                "按政策应该发放教龄补助，我们这里一直没有落实。",
            ),
            details=(
                "隔壁县早几年就发了。",
                "我们现在都六七十岁了，没有退休金。",
                "当年的聘书和工资表有的人还保留着。",
            ),
            answers=(
                "经县教育局、人社局核查，申请人符合原民办代课教师教龄补助条件。补助自本年度起按月发放，"
                "认定名单已公布。",
            ),
        ),
        en=Phrases(
            titles=(
                "Former community teachers still waiting for their service allowance",
                "{n} former community teachers in {township} ask for their allowance",
            ),
            openings=(
                "We are {n} former community teachers who taught for ten or twenty years in "
                "village schools in {township}. The policy gives us a length-of-service "
                "allowance, but it has never been paid here.",
            ),
            details=(
                "The neighbouring county started paying it years ago.",
                "We are now in our sixties and seventies and have no pension.",
            ),
            answers=(
                "The education and social security bureaus confirmed that you qualify. The "
                "allowance will be paid monthly from this year, and the list has been published.",
            ),
        ),
    ),
    Scenario(
        key="co-op-flats",
        count=(20, 120),
        people_per_count=(2, 4),
        zh=Phrases(
            titles=("原{soe}集资房二十多年办不了产权证", "{soe}集资房{n}户业主盼办证"),
            openings=(
                "我们住的是原{soe}九十年代建的集资房，一共{n}户，当年每户都交了集资款，"
                "到现在还是没有产权证。",
            ),
            details=(
                "企业早就改制了，找不到负责的人。",
                "房子想卖卖不了，想抵押也不行。",
                "历届领导都说要解决，就是没有下文。",
            ),
            answers=(
                "经县住建局、自然资源和规划局会商，该集资房已纳入历史遗留“办证难”问题专项处置范围，"
                "按“尊重历史、分类处置”原则补办手续，首批产权证预计年内发放。",
            ),
        ),
        en=Phrases(
            titles=("Co-op flats built by {soe} still have no titles",),
            openings=(
                "We live in flats built by {soe} in the 1990s with money we contributed, {n} "
                "households in all, and we still have no property titles.",
            ),
            details=("The company was restructured long ago and nobody is responsible now.",),
            answers=(
                "These flats are now in the county's programme for historical title problems. "
                "Titles will be issued case by case, the first batch this year.",
            ),
        ),
    ),
    Scenario(
        key="reservoir-resettlers",
        count=(3, 40),
        zh=Phrases(
            titles=("水库移民后期扶持资金发放不到位", "{village}{n}名水库移民未领到扶持资金"),
            openings=(
                "我们是当年修水库搬到{place}的移民，按政策每人每年有后期扶持资金，"
                "但这几年有{n}人一直没有领到。",
            ),
            details=("名单是村里报的，有的人漏报了。", "去镇里问，说要等县里核对。"),
            answers=(
                "经核查，漏发原因系移民人口核定时信息未更新，已补录名单，所欠扶持资金一次性补发到位。",
            ),
        ),
        en=Phrases(
            titles=("Support payments for reservoir resettlers not reaching everyone",),
            openings=(
                "We were moved to {place} when the reservoir was built. Each resettler should "
                "get an annual support payment, but {n} of us have not received it for years.",
            ),
            details=("The list was drawn up by the village and some people were left off.",),
            answers=(
                "Some resettlers were missed because the records were not updated. They have "
                "been added and the arrears paid in one sum.",
            ),
        ),
    ),
    Scenario(
        key="woodland-boundary",
        count=(10, 120),
        people_per_count=(2, 4),
        weight=0.5,
        transfer_to="land",
        zh=Phrases(
            titles=("{village}与邻村山林权属争议多年未解决",),
            openings=(
                "{village}和邻村有一片山林的权属争议已经二十多年了，去年邻村在那里开始种茶，"
                "两村村民差点发生冲突。",
            ),
            details=("我们有五十年代的林权证。", "希望政府出面把界线划清楚。"),
            answers=(
                "县自然资源和规划局已组织两村代表现场勘界，依据历史档案和林权证明提出调处意见，"
                "双方已签订山林权属调解协议。",
            ),
        ),
        en=Phrases(
            titles=("Decades-old woodland boundary dispute between {village} and its neighbour",),
            openings=(
                "{village} and the next village have disputed a stretch of hillside woodland for "
                "over twenty years. Last year the other village began planting tea there and "
                "the two nearly came to blows.",
            ),
            details=("We have woodland certificates from the 1950s.",),
            answers=(
                "The natural resources bureau surveyed the boundary with both villages and, "
                "based on the archives and certificates, proposed a settlement both have signed.",
            ),
        ),
    ),
)
