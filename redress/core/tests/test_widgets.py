from django import forms

from redress.core.widgets import FastSelect


class Sample(forms.Form):
    colour = forms.ChoiceField(
        choices=[("", "Any"), ("r", "Red & <b>"), ("Warm", [("o", "Orange")])],
        widget=FastSelect,
    )


def test_renders_like_djangos_select_with_escaping_and_selection():
    html = str(Sample({"colour": "o"})["colour"])
    assert html.startswith('<select name="colour"') and " required" in html
    assert 'id="id_colour"' in html
    assert "Red &amp; &lt;b&gt;" in html
    assert '<optgroup label="Warm"><option value="o" selected>Orange</option></optgroup>' in html
    assert '<option value="r">' in html
