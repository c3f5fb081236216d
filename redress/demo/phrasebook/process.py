"""What people write along a case's life: closing lines of a grievance, and the notes of
each step (declines, transfers, extensions, pauses, disputes, reviews, callbacks)."""

from __future__ import annotations

from redress.demo.phrasebook.base import Pair

HISTORY: tuple[Pair, ...] = (
    ("之前已经找过村委会和镇里，至今没有结果。",
     "We have already been to the village committee and the township, without result."),
    ("这个问题反映过好几次了，一直没有解决。",
     "We have reported this several times and nothing has changed."),
    ("去年打过12345热线，答复说会处理，后来就没有消息了。",
     "We called the 12345 hotline last year and were told it would be dealt with, then heard "
     "nothing."),
    ("我们也不想把事情闹大，只希望有人管一管。",
     "We do not want to make trouble; we only want someone to deal with it."),
)  # fmt: skip

ASKS: tuple[Pair, ...] = (
    ("希望有关部门尽快核查处理。", "Please look into this as soon as possible."),
    ("恳请领导重视，帮我们解决。", "We hope the department responsible will deal with it."),
    ("请求政府帮我们主持公道。", "We ask the government to see that we are treated fairly."),
    ("希望能给一个明确的答复。", "Please give us a clear answer."),
    ("希望尽快解决，谢谢！", "Thank you for your help."),
)

DECLINE_REASONS: tuple[Pair, ...] = (
    ("该事项已进入诉讼程序，依照《信访工作条例》应通过诉讼途径解决，本机关不予受理。"
     "请申请人关注法院审理进展。",
     "This matter is already before the court and, under the regulations on letters and visits, "
     "must be settled there, so it is not accepted here. Please follow the court proceedings."),
    ("该事项已于去年依法处理完毕并答复，申请人未提出新的事实和理由，不再重复受理。",
     "This matter was dealt with and answered last year, and no new facts or grounds have been "
     "given, so it is not accepted again."),
    ("所反映问题属于已经劳动仲裁裁决的事项，应依法向人民法院起诉或申请强制执行，不予受理。",
     "This matter has already been decided by labour arbitration; the way forward is to go to "
     "court or apply for enforcement of the award, so it is not accepted here."),
)  # fmt: skip

TRANSFER_SIDEWAYS: tuple[Pair, ...] = (
    ("经初步核实，该事项属于{department}职责范围，转{department}办理。",
     "On first review this falls to the {department}; transferred to them."),
    ("根据职责分工，该事项由{department}牵头办理，已转交。",
     "Under the division of duties the {department} leads on this; passed to them."),
)  # fmt: skip

TRANSFER_UP: tuple[Pair, ...] = (
    ("该事项涉及人数较多、需跨部门协调，超出镇级处理权限，报请{department}统筹办理。",
     "The matter affects many people and needs several departments, beyond what the township "
     "can decide; referred to the {department}."),
    ("涉及资金和政策调整，需县级研究解决，转{department}办理。",
     "It involves funding and policy decided at county level; transferred to the {department}."),
)  # fmt: skip

TRANSFER_ACROSS: tuple[Pair, ...] = (
    ("经核实，涉事单位的注册地和经营地均在{township}，转{department}办理。",
     "The business concerned is registered and operates in {township}; transferred to the "
     "{department}."),
)  # fmt: skip

EXTEND_REASONS: tuple[Pair, ...] = (
    ("涉及多个部门和历史档案，需要进一步调查取证，申请延期办理。",
     "Several departments and old records are involved and more evidence is needed."),
    ("需等待第三方鉴定评估结果，申请延期。",
     "We are waiting for an independent assessment."),
    ("涉事单位负责人在外地，正在协调约谈，申请延期。",
     "The head of the business is away; a meeting is being arranged."),
    ("涉及人数较多，需逐户核实，申请延期。",
     "Many households are involved and each must be checked."),
)  # fmt: skip

PAUSE_REASONS: tuple[Pair, ...] = (
    ("等待申请人补充劳动合同、工资条等证明材料。",
     "Waiting for the complainant to send the contract, pay slips or other evidence."),
    ("等待检测机构出具检测报告。", "Waiting for the laboratory's test report."),
    ("等待申请人确认现场核查时间。",
     "Waiting for the complainant to agree a time for a site visit."),
)  # fmt: skip

RESUME_NOTES: tuple[Pair, ...] = (
    ("材料已补齐，恢复办理。", "Evidence received; work resumed."),
    ("检测报告已出具，恢复办理。", "Test report received; work resumed."),
    ("已完成现场核查，恢复办理。", "Site visit done; work resumed."),
)  # fmt: skip

DISPUTE_REASONS: tuple[Pair, ...] = (
    ("答复说已经解决，但实际情况没有任何变化。",
     "The answer says it is solved, but nothing has actually changed."),
    ("处理结果我不认可，希望上级部门重新调查。",
     "I do not accept the outcome and ask for the level above to investigate again."),
    ("只解决了一部分，剩下的问题没有说法。",
     "Only part of it was dealt with; the rest has no answer."),
    ("答复中的说法和实际情况不一致。", "What the answer says does not match the facts."),
)  # fmt: skip

REVIEW_REQUESTS: tuple[Pair, ...] = (
    ("对处理意见不服，申请复查。", "I do not accept the decision and ask for a review."),
    ("处理意见没有落实到位，请求上级机关复查。",
     "The decision has not been carried out; I ask the level above to review it."),
)  # fmt: skip

REVIEW_ANSWERS: tuple[Pair, ...] = (
    ("经复查，原处理意见认定事实清楚、处理恰当，予以维持。已督促有关单位抓紧落实尚未完成的事项。",
     "On review the original decision was sound on the facts and is upheld. The unit concerned "
     "has been told to finish what remains."),
    ("经复查，原处理意见对部分事实认定不清，已责成原办理单位重新核实并补充处理，相关事项已落实。",
     "On review some facts had not been established. The original unit was told to check again "
     "and complete the decision, and this has been done."),
)  # fmt: skip

RE_REVIEW_REQUESTS: tuple[Pair, ...] = (
    ("对复查意见仍不服，申请复核。", "I still do not accept the review and ask for a re-review."),
)

RE_REVIEW_ANSWERS: tuple[Pair, ...] = (
    ("经复核，复查意见事实清楚、依据充分，予以维持。本复核意见为最终意见，以同一事实和理由再次"
     "提出的，不再受理。",
     "On re-review the review decision is upheld. This is the final decision; the same matter "
     "raised again on the same grounds will not be accepted."),
)  # fmt: skip

CONFIRM_NOTES: tuple[Pair, ...] = (
    ("问题已经解决，谢谢！", "It has been sorted out, thank you!"),
    ("钱已经拿到了，感谢。", "The money has arrived, thank you."),
    ("满意。", "Satisfied."),
    ("处理很及时，感谢工作人员。", "Dealt with quickly, thanks to the staff."),
    ("", ""),
    ("", ""),
)

CALLBACK_NOTES: tuple[Pair, ...] = (
    ("电话回访，申请人表示满意，予以办结。", "Called back: the complainant is satisfied; closed."),
    ("经回访，申请人对处理结果满意。", "Follow-up call: the complainant is satisfied."),
)

ACCEPT_NOTES: tuple[Pair, ...] = (
    ("", ""),
    ("", ""),
    ("已受理，安排人员核查。", "Accepted; someone will look into it."),
    ("符合受理条件，予以受理。", "Meets the conditions; accepted."),
)

ASSIGN_NOTES: tuple[Pair, ...] = (
    ("请抓紧核查，按期答复。", "Please look into this and answer on time."),
    ("涉及群体性诉求，请重点关注。", "A group grievance: please give it priority."),
    ("", ""),
)

HANDLING_NOTES: tuple[Pair, ...] = (
    ("已到现场核查，拍照留存。", "Site visited; photos taken."),
    ("已约谈涉事单位负责人，要求限期整改。", "Met the head of the business; told to put it right."),
    ("已电话联系申请人，了解具体情况。", "Called the complainant for details."),
    ("已调取相关档案材料。", "Pulled the relevant files."),
)

LINK_NOTES: tuple[Pair, ...] = (
    ("反映同一事项，关联办理。", "Same matter; handled together."),
    ("与已受理的同类诉求属同一事项。", "Same matter as a case already accepted."),
)

MERGE_REASONS: tuple[Pair, ...] = (
    ("与已受理诉求反映的是同一事项，合并办理，答复同步告知。",
     "Same matter as an accepted case; merged, and the answer will be sent to both."),
)  # fmt: skip
