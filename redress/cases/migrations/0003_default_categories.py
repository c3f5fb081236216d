"""The default category taxonomy from the domain brief, in Chinese and English."""

from django.db import migrations

CATEGORIES = [
    # code, zh, en, default department kind, urgency, keywords
    ("wage-arrears", "欠薪", "Wage arrears", "labour", "normal",
     "欠薪 拖欠工资 工资 讨薪 包工头 wages unpaid salary arrears"),
    ("labour-dispute", "劳动争议与裁员", "Labour dispute and layoffs", "hrss", "normal",
     "劳动合同 裁员 辞退 加班 工伤 layoff dismissal contract overtime"),
    ("land-compensation", "征地补偿", "Land acquisition and compensation", "land", "normal",
     "征地 补偿 土地 耕地 宅基地 land acquisition compensation farmland"),
    ("demolition", "拆迁安置", "Demolition and relocation", "housing", "normal",
     "拆迁 安置 强拆 安置房 demolition relocation resettlement"),
    ("enterprise-restructuring", "企业改制", "Enterprise restructuring", "hrss", "normal",
     "改制 破产 国企 下岗 restructuring bankruptcy privatisation"),
    ("pollution", "环境污染", "Environmental pollution", "environment", "normal",
     "污染 排污 噪音 异味 废水 粉尘 pollution noise smell wastewater dust"),
    ("work-safety", "安全生产", "Work and production safety", "safety", "urgent",
     "安全 隐患 事故 消防 矿 safety hazard accident fire mine"),
    ("housing-property", "住房与物业", "Housing and property management", "housing", "normal",
     "物业 房屋 漏水 电梯 业委会 property management leak lift landlord"),
    ("social-insurance", "社保与养老", "Social insurance and pensions", "hrss", "normal",
     "社保 养老金 医保 退休 pension insurance retirement"),
    ("public-services", "公共服务", "Public services", "transport", "normal",
     "停水 供暖 道路 公交 路灯 water heating road bus streetlight"),
    ("consumer-finance", "消费与金融纠纷", "Consumer and financial disputes", "market", "normal",
     "集资 理财 爆雷 退款 消费 投资 investment refund scheme fraud consumer"),
    ("official-conduct", "干部作风与执法", "Official conduct", "discipline", "normal",
     "执法 态度 不作为 乱收费 enforcement conduct misconduct fees"),
    ("legacy-issues", "历史遗留问题", "Legacy issues", "complaints", "normal",
     "历史遗留 多年 老问题 legacy longstanding"),
    ("other", "其他", "Other", "complaints", "normal", ""),
]


def create_categories(apps, schema_editor):
    Category = apps.get_model("cases", "Category")
    for order, (code, zh, en, kind, urgency, keywords) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(
            code=code,
            defaults={
                "name_zh": zh,
                "name_en": en,
                "default_department_kind": kind,
                "urgency": urgency,
                "keywords": "\n".join(keywords.split()),
                "sort_order": order * 10,
            },
        )


def remove_categories(apps, schema_editor):
    apps.get_model("cases", "Category").objects.filter(
        code__in=[row[0] for row in CATEGORIES], cases__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_initial")]
    operations = [migrations.RunPython(create_categories, remove_categories)]
