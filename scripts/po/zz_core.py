"""The core catalogue's own words, loaded last so that they win where another app's dict gave
the same English a meaning of its own (a case is 已结案, a letter from the public 来信)."""

T = {
    "Area": "区域",
    "Due": "办理时限",
    "Closed": "已结案",
    "Letter": "来信",
    "reason": "事由",
    "Close": "结案",
    "New": "新登记",
    "Open": "在办",
    "Supervision letter": "督办函",
    "Newly raised": "新发出",
    "Close the alert": "关闭预警",
    "View": "查看",
}
