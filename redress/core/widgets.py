"""A select widget that renders its options in Python. Django's own renders one template per
option, which costs most of a page's time when a county's ~200 departments are listed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


class FastSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs or {})
        selected = {str(v) for v in self.format_value(value)}
        options = []
        for group_name, group_choices, _index in self.optgroups(name, []):
            rows = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (
                        option["value"],
                        mark_safe(" selected") if str(option["value"]) in selected else "",
                        option["label"],
                    )
                    for option in group_choices
                ),
            )
            if group_name:
                options.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, rows))
            else:
                options.append(rows)
        attributes = format_html_join(
            "",
            "{}",
            (
                (format_html(" {}", key) if val is True else format_html(' {}="{}"', key, val),)
                for key, val in final_attrs.items()
                if val is not None and val is not False
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            attributes,
            mark_safe("".join(conditional_escape(part) for part in options)),
        )
