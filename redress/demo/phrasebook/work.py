"""Grievances about work: wages, dismissals, restructured firms, social insurance, safety."""

from __future__ import annotations

from redress.demo.phrasebook.base import Phrases, Scenario

WAGE_ARREARS = (
    Scenario(
        key="site-wages",
        count=(12, 150),
        weight=1.0,
        zh=Phrases(
            titles=(
                "{village}{site}{n}名工人{months}未领到工资",
                "{site}拖欠{n}名农民工工资{total}",
                "{site}{contractor}失联，{n}名工人讨薪无门",
                "{township}{site}工人工资被拖欠{months}",
            ),
            openings=(
                "我们是在{place}{site}干活的农民工，一共{n}人，已经{months}没有拿到工资了。",
                "{site}的{n}名工人被拖欠工资{months}，合计{total}。",
                "我们{n}个工友在{site}做钢筋、木工和泥水活，说好每月一结，结果{months}一分钱都没发。",
            ),
            details=(
                "{contractor}说总包单位没有拨款，总包单位又说钱早就给了{contractor}，两边互相推。",
                "上个月{contractor}换了手机号，现在人也找不到了。",
                "工地的农民工工资专户我们从来没见过，考勤表一直在{contractor}手里。",
                "大家都是外地来的，家里等着这笔钱过年、给孩子交学费。",
                "我们有考勤记录和{contractor}写的欠条，可以提供。",
                "项目快完工了，再不解决工人们就要散了，到时候更找不到人。",
            ),
            answers=(
                "经核查，{site}确实存在拖欠工资情况。已责令总包单位通过农民工工资专户先行垫付，"
                "{n}名工人的工资合计{total}已全部发放到位。对{contractor}的违法行为已立案调查。",
                "经调查核实，总包单位承认欠薪事实。在我所督促下，双方签订了支付协议，首批工资已发放，"
                "余款约定十五日内付清，我所将跟踪落实；到期未付的，依法移送公安机关处理。",
            ),
        ),
        en=Phrases(
            titles=(
                "{n} workers on the {site} unpaid for {months}",
                "{contractor} gone, {n} workers owed wages at the {site}",
                "Wage arrears of {total} at the {site} in {village}",
            ),
            openings=(
                "We are {n} migrant workers on the {site} in {place}. We have not been paid "
                "for {months}.",
                "The {n} workers on the {site} are owed {total} in wages, going back {months}.",
            ),
            details=(
                "The {contractor} says the main contractor has not paid him, and the main "
                "contractor says the money was handed to the {contractor} long ago.",
                "The {contractor} changed his phone number last month and nobody can reach him.",
                "We keep our own attendance records and have IOUs for the wages owed.",
                "Most of us come from other provinces and our families are waiting for this money.",
            ),
            answers=(
                "Our inspection confirmed the arrears at the {site}. The main contractor has been "
                "ordered to pay through the migrant workers' wage account, and the {total} owed "
                "to {n} workers has been paid in full. A case has been opened against the "
                "{contractor}.",
                "The main contractor admitted the arrears and signed a payment schedule with the "
                "workers under our supervision. The first instalment has been paid and the rest "
                "is due within fifteen days; we will follow it up.",
            ),
        ),
    ),
    Scenario(
        key="factory-wages",
        weight=1.6,
        people_per_count=(1, 2),
        zh=Phrases(
            titles=(
                "{employer}拖欠工资{amount}",
                "离职后{employer}不结算{months}工资",
                "在{employer}打工{months}的工资至今未付",
                "{place}{employer}欠薪不还",
            ),
            openings=(
                "我在{place}的{employer}上班，离职时厂里还欠我{months}工资，共{amount}。",
                "我{since}进{employer}工作，老板一直以资金紧张为由拖欠工资，到现在累计{amount}。",
                "本人原在{employer}做工，{months}的工资{amount}一直没有结清。",
            ),
            details=(
                "财务说要等老板签字，老板一直说在外地出差。",
                "我多次去厂里要，每次都说下个月一定给。",
                "厂里没有和我签劳动合同，但我有微信转账记录和考勤截图可以证明。",
                "和我一样被欠工资的还有几个同事，大家都不敢再去要了。",
                "老板还说我是自己走的，要扣一个月工资当违约金。",
            ),
            answers=(
                "经核查，{employer}拖欠申请人工资{amount}属实。我所已向该单位下达限期改正指令书，"
                "该单位已在期限内一次性支付全部欠薪。",
                "经调查，双方对欠薪数额存在争议。我所组织双方调解，达成一致意见，单位于三日内支付"
                "{amount}，申请人表示认可。",
            ),
        ),
        en=Phrases(
            titles=(
                "{employer} owes me {amount} in wages",
                "Final wages not paid after leaving {employer}",
                "{months} of wages unpaid at {employer}",
            ),
            openings=(
                "I worked at {employer} in {place}, and when I left they still owed me {months} "
                "of wages, {amount} in total.",
                "I started at {employer} {since}. The owner keeps saying money is tight and now "
                "owes me {amount}.",
            ),
            details=(
                "Accounts say they need the owner's signature, and the owner is always away.",
                "I have asked at the factory many times and they always promise next month.",
                "I have no written contract, but I have bank transfers and attendance photos.",
                "Several colleagues are owed wages too but are afraid to ask again.",
            ),
            answers=(
                "Our inspection confirmed that {employer} owed you {amount}. The employer was "
                "given a formal order to pay by a set date and has paid the full amount.",
                "The two sides disagreed on the amount. After mediation at our office they agreed "
                "on {amount}, to be paid within three days.",
            ),
        ),
    ),
    Scenario(
        key="shop-closed-wages",
        count=(3, 18),
        weight=0.6,
        zh=Phrases(
            titles=(
                "{business}突然停业，{n}名员工工资无人支付",
                "{business}老板失联，员工被欠{months}工资",
            ),
            openings=(
                "{place}的{business}上周突然关门，老板联系不上，我们{n}名员工{months}的工资都没拿到。",
                "我们是{business}的员工，共{n}人。老板以生意不好为由拖欠工资，现在干脆停业了。",
            ),
            details=(
                "店里的设备还在，我们担心被人搬走，希望有关部门先帮忙看住。",
                "有的同事入职时还交过押金，也没有退。",
                "我们去派出所问过，说这属于劳动纠纷，让我们找劳动部门。",
            ),
            answers=(
                "经查，{business}经营者已联系到位，在我所督促下出具还款承诺并支付了部分工资。"
                "剩余欠款已启动欠薪保障金垫付程序，同时指导员工依法申请劳动仲裁。",
            ),
        ),
        en=Phrases(
            titles=("{business} closed suddenly, {n} staff unpaid",),
            openings=(
                "{business} in {place} closed without warning last week and the owner cannot be "
                "reached. The {n} of us who worked there are owed {months} of wages.",
            ),
            details=(
                "Some of us also paid a deposit when we started, which has not been returned.",
                "The equipment is still there and we are worried it will be moved out.",
            ),
            answers=(
                "We located the owner of {business}, who has signed a repayment undertaking and "
                "paid part of the wages. For the rest we have started payment from the wage "
                "guarantee fund and helped the staff apply for arbitration.",
            ),
        ),
    ),
)

LABOUR_DISPUTE = (
    Scenario(
        key="dismissal",
        weight=1.4,
        zh=Phrases(
            titles=(
                "{employer}无故辞退不给经济补偿",
                "被{employer}口头辞退，要求支付补偿金",
                "工作{years}年被辞退没有任何补偿",
            ),
            openings=(
                "我在{employer}工作了{years}年，上个月车间主任口头通知我明天不用来了，"
                "没有任何书面通知，也不给经济补偿。",
                "本人{since}入职{employer}，近日公司以“业务调整”为由将我辞退，只结算了当月工资。",
            ),
            details=(
                "按照劳动合同法公司应当支付经济补偿，但公司说我是自己离职的。",
                "公司让我签一份自愿离职申请，我没有签。",
                "我有工牌、工资流水和社保缴费记录。",
                "和我同时被辞退的还有几个老员工，都是快到退休年龄的。",
            ),
            answers=(
                "经调查，{employer}解除劳动合同未依法支付经济补偿。经我局调解，公司同意按工作年限"
                "支付经济补偿金，双方已签订调解协议。",
                "经核实，双方就是否属于主动离职存在争议。已告知申请人可在一年仲裁时效内向县劳动人事"
                "争议仲裁院申请仲裁，并提供了申请材料清单和法律援助渠道。",
            ),
        ),
        en=Phrases(
            titles=(
                "Dismissed by {employer} without compensation",
                "Told not to come back after {years} years at {employer}",
            ),
            openings=(
                "I had worked at {employer} for {years} years. Last month the workshop manager "
                "told me not to come in any more. There was nothing in writing and no severance.",
                "I joined {employer} {since}. This week the company dismissed me for "
                "'restructuring' and paid only this month's wages.",
            ),
            details=(
                "The company wants me to sign a form saying I resigned, which I refused.",
                "I have my staff card, pay slips and social insurance records.",
                "Several older colleagues close to retirement were dismissed at the same time.",
            ),
            answers=(
                "We found that {employer} ended your contract without the severance the law "
                "requires. After mediation the company agreed to pay severance for your years "
                "of service, and both sides signed the agreement.",
                "The two sides disagree on whether you resigned. We have explained how to apply "
                "to the county labour arbitration commission within the one-year limit and put "
                "you in touch with free legal aid.",
            ),
        ),
    ),
    Scenario(
        key="relocation-layoffs",
        count=(20, 300),
        weight=0.5,
        zh=Phrases(
            titles=(
                "{employer}整体搬迁，{n}名员工安置方案不合理",
                "{employer}变相裁员逼员工自动离职",
                "{employer}搬厂不谈补偿，{n}名职工讨说法",
            ),
            openings=(
                "{place}的{employer}要整体搬迁到外地，厂里{n}名员工要么跟着走，要么自己辞职，"
                "公司不肯谈补偿。",
                "{employer}要把我们{n}名老员工调到外省的新厂，明显是逼我们自己辞职。",
            ),
            details=(
                "很多人在厂里干了十几年，年纪大了再找工作很难。",
                "我们推选了几名代表和公司谈过两次，没有结果。",
                "听说公司准备把设备连夜运走。",
                "工会也没有出面。",
            ),
            answers=(
                "在我局协调下，{employer}与职工代表进行了三轮协商，最终确定按“N+1”标准支付经济补偿，"
                "补偿款已分两批发放完毕。",
                "经调查，{employer}调整工作地点未与职工协商一致，属于变更劳动合同。经调解，公司同意"
                "不愿随迁的职工解除劳动合同并依法支付经济补偿。",
            ),
        ),
        en=Phrases(
            titles=(
                "{n} staff at {employer} face relocation with no fair settlement",
                "{employer} moving away and refusing to discuss compensation",
            ),
            openings=(
                "{employer} in {place} is moving to another province. The {n} of us can move "
                "with it or resign, and the company refuses to talk about compensation.",
            ),
            details=(
                "Many of us have been there for over ten years and will struggle to find work "
                "at our age.",
                "We chose representatives who met the management twice, with no result.",
                "We hear the company plans to move the machines out at night.",
            ),
            answers=(
                "We brought {employer} and the workers' representatives together for three rounds "
                "of talks. The company agreed to pay one month per year of service plus one, in "
                "two instalments, both now paid.",
            ),
        ),
    ),
    Scenario(
        key="production-halt",
        count=(20, 300),
        weight=0.4,
        zh=Phrases(
            titles=(
                "{employer}停产，{n}名职工只发最低生活费",
                "{employer}停产放长假，工资补偿未落实",
            ),
            openings=(
                "{employer}从上个月开始停产，{n}名员工被要求放长假，只发最低生活费。",
                "{place}的{employer}说订单不足，全厂停工，{n}名工人{months}只拿到几百块生活费。",
            ),
            details=(
                "公司说经营困难，但老板又在别处开了新厂。",
                "社保也从上个月开始停缴了。",
                "我们推选了几名代表和公司谈过两次，没有结果。",
            ),
            answers=(
                "经查，{employer}停产期间应在第一个工资支付周期内照发工资，之后按不低于当地最低工资"
                "标准的80%发放生活费，并继续缴纳社会保险。公司已按此整改并补发差额。",
            ),
        ),
        en=Phrases(
            titles=("{employer} halts production, {n} workers left on a living allowance",),
            openings=(
                "{employer} stopped production last month and sent its {n} workers on long "
                "leave with only a minimum allowance.",
            ),
            details=(
                "The company pleads hardship, yet the owner has opened a new plant elsewhere.",
                "Our social insurance stopped being paid last month too.",
            ),
            answers=(
                "During a production halt the company must pay full wages for the first pay "
                "period, at least 80% of the minimum wage after that, and keep paying social "
                "insurance. {employer} has corrected this and paid the difference.",
            ),
        ),
    ),
    Scenario(
        key="work-injury",
        weight=0.8,
        people_per_count=(1, 1),
        zh=Phrases(
            titles=(
                "在{employer}受工伤，单位不配合工伤认定",
                "工伤后{employer}拒付医药费",
            ),
            openings=(
                "我在{employer}操作冲床时压伤了右手，住院花了{amount}，单位只垫付了一部分，"
                "现在不配合做工伤认定。",
                "{since}我在{employer}上班时从货架上摔下来，腰椎骨折，单位说我没有社保，让我自己承担。",
            ),
            details=(
                "医院的病历和诊断证明我都有。",
                "单位说我是临时工，不算工伤。",
                "现在我还不能干重活，家里就靠我一个人的收入。",
            ),
            answers=(
                "经调查核实，事故发生在工作时间和工作场所内。我局已受理工伤认定申请并认定为工伤。"
                "单位未参保期间的工伤待遇依法由单位支付，已督促其先行支付医疗费。",
            ),
        ),
        en=Phrases(
            titles=(
                "{employer} won't support my work injury claim",
                "Injured at {employer}, medical bills refused",
            ),
            openings=(
                "I crushed my right hand on a press at {employer} and spent {amount} in hospital. "
                "The company paid part of it and now refuses to support the injury claim.",
                "I fell from a rack at {employer} {since} and broke a vertebra. The company says "
                "I had no social insurance, so it is my problem.",
            ),
            details=(
                "I have the hospital records and the doctor's certificate.",
                "The company says I was a temporary worker so it does not count.",
            ),
            answers=(
                "The accident happened at work during working hours. We have accepted the "
                "application and recognised it as a work injury. As the employer had not insured "
                "you, it must pay the benefits itself and has been told to pay the medical bills "
                "first.",
            ),
        ),
    ),
)

ENTERPRISE_RESTRUCTURING = (
    Scenario(
        key="restructuring-compensation",
        count=(20, 260),
        zh=Phrases(
            titles=(
                "原{soe}改制职工身份置换补偿未到位",
                "{soe}改制时{n}名职工的经济补偿至今未兑现",
            ),
            openings=(
                "我们是原{soe}的职工，{year}年企业改制时说好给身份置换补偿，到现在还有{n}人没有拿到。",
                "{soe}改制已经十多年了，当年承诺的补偿金和集资款一直没有兑现，涉及职工{n}人。",
            ),
            details=(
                "当年的改制方案和职工代表大会决议我们都保存着。",
                "现在大部分人已经退休，有的老同事已经去世了。",
                "接手的老板说改制前的事和他没关系。",
                "我们找过几次原主管部门，答复都是研究研究。",
            ),
            answers=(
                "经查阅{soe}改制档案，改制方案确有身份置换补偿条款。县人社局已会同财政、国资部门"
                "核定补偿名单和金额，分两年纳入预算兑付，第一批已于本月发放。",
                "经核实，当年职工集资款已纳入改制清算，但部分职工未按期领取。现已公布领取名单和办理"
                "地点，请相关职工携带身份证件到县人社局办理。",
            ),
        ),
        en=Phrases(
            titles=(
                "Former workers of {soe} still owed restructuring compensation",
                "{n} former staff of {soe} never paid what they were promised",
            ),
            openings=(
                "We are former workers of {soe}. When it was restructured in {year} we were "
                "promised compensation for giving up our state-employee status, but {n} of us "
                "have still not been paid.",
            ),
            details=(
                "We kept copies of the restructuring plan and the staff congress resolution.",
                "Most of us are retired now and some have passed away.",
                "The new owner says anything before the restructuring is not his problem.",
            ),
            answers=(
                "The restructuring file of {soe} does include the compensation clause. The "
                "social security, finance and state assets offices have agreed the list and the "
                "amounts, to be paid over two years; the first instalment was paid this month.",
            ),
        ),
    ),
    Scenario(
        key="restructuring-pension-gap",
        count=(1, 1),
        people_per_count=(1, 2),
        zh=Phrases(
            titles=(
                "{soe}改制后社保断缴，退休手续办不了",
                "改制企业欠缴养老保险，无法办理退休",
            ),
            openings=(
                "我原来是{soe}的职工，改制后新公司一直没有给我们交社保，现在到了退休年龄办不了退休。",
            ),
            details=(
                "社保局说要把断缴的几年补上才行，补缴要好几万，我们拿不出来。",
                "和我情况一样的还有好几个老同事。",
            ),
            answers=(
                "经核实，改制企业欠缴养老保险费属实，县社保中心已依法向企业追缴，企业已补缴欠费，"
                "申请人的退休手续已办理完毕。",
            ),
        ),
        en=Phrases(
            titles=("Pension contributions stopped after {soe} was restructured",),
            openings=(
                "I used to work at {soe}. After the restructuring the new company never paid our "
                "social insurance, and now I have reached retirement age I cannot retire.",
            ),
            details=(
                "The social insurance office says the missing years must be paid first, which "
                "costs tens of thousands of yuan.",
            ),
            answers=(
                "The unpaid pension contributions were confirmed. The county social insurance "
                "centre recovered them from the company and your retirement has been processed.",
            ),
        ),
    ),
)

SOCIAL_INSURANCE = (
    Scenario(
        key="no-contributions",
        weight=1.2,
        zh=Phrases(
            titles=(
                "{employer}不给员工缴纳社会保险",
                "入职{years}年{employer}从未缴社保",
            ),
            openings=(
                "我在{employer}上班{years}年，公司一直没有给我们交社保，只是每个月多发两百块钱，"
                "说是社保补贴。",
                "{employer}让新员工签“自愿放弃社保”的承诺书，不签就不让入职。",
            ),
            details=(
                "我上个月生病住院才发现医保用不了。",
                "厂里大部分工人都是这种情况。",
                "我问过人事，说是老板定的，谁都改不了。",
            ),
            answers=(
                "经查，{employer}未依法为职工参保属实。我局已责令其限期为在职职工办理参保登记并补缴"
                "欠费，逾期将依法处以罚款。“自愿放弃社保”的约定无效。",
            ),
        ),
        en=Phrases(
            titles=("{employer} does not pay staff social insurance",),
            openings=(
                "I have worked at {employer} for {years} years and they have never paid our "
                "social insurance, just an extra 200 yuan a month they call an allowance.",
                "{employer} makes new staff sign a form giving up social insurance, or it will "
                "not hire them.",
            ),
            details=(
                "I only found out when I was in hospital last month and my medical insurance "
                "did not work.",
                "Most workers at the plant are in the same situation.",
            ),
            answers=(
                "The inspection confirmed that {employer} had not registered its staff. It has "
                "been ordered to register everyone and pay the arrears by a set date or face a "
                "fine. An agreement to give up social insurance has no legal effect.",
            ),
        ),
    ),
    Scenario(
        key="land-loss-pension",
        people_per_count=(1, 2),
        zh=Phrases(
            titles=(
                "被征地农民养老保险待遇迟迟未落实",
                "{village}被征地农民养老保险没有办理",
            ),
            openings=(
                "我是{place}的被征地农民，{year}年征地时说好给我们办理被征地农民养老保险，"
                "到现在还没有落实。",
            ),
            details=(
                "村里同一批征地的人有的已经领上了，有的还没有。",
                "去社保窗口问，说名单上没有我。",
            ),
            answers=(
                "经核查，申请人符合被征地农民养老保障条件，此前因名单衔接遗漏未能办理。现已补录并"
                "办理参保，待遇从符合条件的次月起补发。",
            ),
        ),
        en=Phrases(
            titles=("Land-loss farmers' pension still not arranged in {village}",),
            openings=(
                "I am a farmer in {place} whose land was taken in {year}. We were promised the "
                "pension scheme for land-loss farmers but it has not happened.",
            ),
            details=("Some people whose land was taken at the same time already receive it.",),
            answers=(
                "You meet the conditions for the land-loss pension but were left off the list by "
                "mistake. You are now enrolled and it will be back-paid from the month after you "
                "qualified.",
            ),
        ),
    ),
    Scenario(
        key="pension-miscalculated",
        zh=Phrases(
            titles=("养老金核算有误，每月少发{small}元", "退休后养老金少算{years}年工龄"),
            openings=("我去年退休，核定养老金时少算了{years}年视同缴费年限，每月少发{small}元。",),
            details=(
                "我有当年的招工表和工资档案。",
                "社保窗口让我找原单位开证明，原单位早就不在了。",
            ),
            answers=("经复核档案，申请人的视同缴费年限确有漏算，已重新核定养老金并补发差额。",),
        ),
        en=Phrases(
            titles=("My pension is {small} yuan a month short",),
            openings=(
                "I retired last year, and {years} years of my service were left out when my "
                "pension was calculated, so I get {small} yuan a month less.",
            ),
            details=(
                "The service window told me to get a letter from my old employer, which closed "
                "long ago.",
            ),
            answers=(
                "Your file shows some years of service were left out. The pension has been "
                "recalculated and the difference back-paid.",
            ),
        ),
    ),
    Scenario(
        key="medical-reimbursement",
        weight=0.7,
        people_per_count=(1, 2),
        zh=Phrases(
            titles=(
                "异地就医医保报销难",
                "住院费用医保报销被拒",
                "{amount}住院费医保只报了一小部分",
            ),
            openings=(
                "我母亲在外地住院花了{amount}，回来报销时医保中心说没做异地备案，只能报很少一部分。",
                "我父亲在县医院住院，出院结算时医保报销比例比别人低很多，问了几次都说不清楚。",
            ),
            details=(
                "住院时医院并没有提醒我们要备案。",
                "家里经济条件不好，这笔钱对我们影响很大。",
            ),
            answers=(
                "经核实，申请人的情况符合补办异地就医备案条件，已为其补办备案并按规定比例重新结算，"
                "差额已打入社保卡。",
            ),
        ),
        en=Phrases(
            titles=("Hospital bill reimbursement refused",),
            openings=(
                "My mother spent {amount} in a hospital in another city. The medical insurance "
                "centre says she did not register for treatment elsewhere and will pay only a "
                "small part.",
            ),
            details=("Nobody at the hospital told us we had to register.",),
            answers=(
                "Your case qualifies for retrospective registration. The bill has been "
                "re-assessed at the normal rate and the difference paid into the social "
                "security card.",
            ),
        ),
    ),
    Scenario(
        key="minimum-allowance",
        weight=0.7,
        people_per_count=(2, 5),
        transfer_to="civil",
        zh=Phrases(
            titles=("{village}低保评定不公开不公平", "家庭困难申请低保被拒"),
            openings=(
                "我家两位老人常年生病，孩子还在读书，申请低保被拒了，村里有的人家有车有房却吃着低保。",
                "{village}的低保名单从来没有公示过，不知道是怎么评的。",
            ),
            details=("村里说名额有限。", "希望上面派人来核实一下。"),
            answers=(
                "经民政办入户核查，申请人家庭符合低保条件，已按程序纳入保障，从下月起发放。"
                "对{village}低保评议未公示的问题已责令整改，全镇低保名单已在各村公示。",
            ),
        ),
        en=Phrases(
            titles=(
                "Minimum living allowance refused despite real hardship",
                "How is the minimum living allowance decided in {village}?",
            ),
            openings=(
                "Both my parents are chronically ill and my child is at school, but our "
                "application for the minimum living allowance was refused, while some families "
                "with cars and houses receive it.",
                "The list of families receiving the minimum living allowance in {village} has "
                "never been posted.",
            ),
            details=("The village says places are limited.",),
            answers=(
                "The civil affairs office visited your home and found your family qualifies. "
                "Payments start next month. {village} has been told to post its list, and every "
                "village in the township has now done so.",
            ),
        ),
    ),
)

WORK_SAFETY = (
    Scenario(
        key="workshop-fire-risk",
        people_per_count=(1, 3),
        zh=Phrases(
            titles=(
                "{place}民房内违规开设{workshop}，存在火灾隐患",
                "居民楼下{workshop}堆放大量易燃物",
                "{village}{workshop}“三合一”住人，消防隐患大",
            ),
            openings=(
                "{place}有一家{workshop}开在居民自建房里，一楼生产、二楼三楼住人，楼道里堆满了原材料。",
                "{spot}附近的{workshop}每天用液化气罐，旁边就是住户，一旦出事后果不堪设想。",
            ),
            details=(
                "晚上工人就睡在车间里，窗户都装了防盗网。",
                "消防通道被货物堵死了，只剩一个出口。",
                "上周已经冒过一次烟，幸亏发现得早。",
                "电线私拉乱接，插线板一个连一个。",
            ),
            answers=(
                "接报后，应急管理办会同消防救援站当日进行检查，责令该作坊立即停止生产，清理易燃物品，"
                "拆除违规住人设施。经复查，隐患已整改完毕。",
            ),
        ),
        en=Phrases(
            titles=(
                "Fire risk: {workshop} operating inside a house in {village}",
                "Gas cylinders at a {workshop} next to homes",
            ),
            openings=(
                "A {workshop} in {place} runs on the ground floor of a family house, with people "
                "living upstairs and the stairs full of materials.",
                "The {workshop} near {spot} uses gas cylinders every day right next to homes.",
            ),
            details=(
                "The workers sleep in the workshop at night and the windows have security bars.",
                "Wires are run everywhere, power strips plugged into power strips.",
            ),
            answers=(
                "Inspectors from the emergency management office and the fire station visited "
                "the same day. The workshop was ordered to stop work, clear the flammable goods "
                "and remove the sleeping quarters. A re-inspection found everything corrected.",
            ),
        ),
    ),
    Scenario(
        key="quarry-blasting",
        count=(5, 60),
        people_per_count=(2, 4),
        weight=0.6,
        zh=Phrases(
            titles=(
                "{village}附近采石场放炮震裂房屋",
                "采石场爆破飞石威胁{village}村民安全",
            ),
            openings=(
                "{village}后山的采石场最近加大了爆破量，每次放炮村里的房子都在晃，"
                "已经有{n}户的墙出现了裂缝。",
            ),
            details=(
                "放炮前没有任何警示，飞石曾经落到村道上。",
                "运石料的大货车日夜不停，村道被压坏了。",
                "听说这个采石场的开采许可证已经过期了。",
            ),
            answers=(
                "经应急管理局、自然资源和规划局联合检查，该采石场存在超范围爆破、警戒不到位等问题，"
                "已责令停产整顿。受损房屋已委托第三方鉴定，企业承诺按鉴定结果赔偿。",
            ),
        ),
        en=Phrases(
            titles=("Quarry blasting near {village} is cracking houses",),
            openings=(
                "The quarry behind {village} has been blasting more heavily. Houses shake every "
                "time, and {n} households now have cracks in their walls.",
            ),
            details=(
                "There is no warning before blasting and stones have landed on the village road.",
                "We heard the quarry's licence has expired.",
            ),
            answers=(
                "A joint inspection found blasting outside the permitted area and poor safety "
                "cordons. The quarry has been shut for corrective work. The damaged houses are "
                "being assessed independently and the company will pay for the repairs.",
            ),
        ),
    ),
    Scenario(
        key="ebike-charging",
        people_per_count=(1, 3),
        zh=Phrases(
            titles=(
                "{estate}楼道电动车充电存在安全隐患",
                "{estate}地下车库私拉电线给电动车充电",
            ),
            openings=(
                "{estate}有住户把电动车推进楼道，从家里拉电线充电，晚上整栋楼都不放心。",
                "{estate}的地下车库到处是飞线充电，物业说管不了。",
            ),
            details=(
                "楼道里还堆着纸箱和旧家具。",
                "别的地方出过电动车起火的事故，大家都很担心。",
                "小区的充电桩只有几个，根本不够用。",
            ),
            answers=(
                "经应急管理办与物业公司现场检查，已清理楼道电动车和杂物，拆除私拉电线。物业公司承诺"
                "一个月内增设集中充电车棚，我办将跟踪检查。",
            ),
        ),
        en=Phrases(
            titles=("E-bikes charged in the stairwells of {estate}",),
            openings=(
                "Residents of {estate} keep e-bikes in the stairwells and charge them with cables "
                "run from their flats.",
                "The underground car park of {estate} is full of cables charging e-bikes and "
                "the management company says it can do nothing.",
            ),
            details=(
                "There are also boxes and old furniture piled in the stairwells.",
                "There are only a few charging points on the estate.",
            ),
            answers=(
                "We inspected the building with the management company, cleared the e-bikes and "
                "rubbish from the stairwells and removed the cables. A covered charging shed "
                "will be built within a month, and we will check that it is.",
            ),
        ),
    ),
)
