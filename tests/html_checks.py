"""Checks on rendered HTML shared by the tests."""

from __future__ import annotations

from lxml import html


def no_active_content(fragment: str) -> None:
    """No element or attribute in this HTML can run code: text that looks like code is fine."""
    tree = html.fragment_fromstring(fragment, create_parent="div")
    assert not tree.xpath("//script | //iframe | //object | //embed | //style")
    for element in tree.iter():
        assert not [a for a in element.attrib if a.lower().startswith("on")], element.attrib
        for attribute in ("href", "src", "action", "formaction"):
            assert not element.get(attribute, "").strip().lower().startswith("javascript:")


# Text that would run if a page obeyed it: what the hostile-input tests send, in one list.
HOSTILE_TEXTS = [
    '<script>alert("x")</script><img src=x onerror=alert(1)>',
    "[click](javascript:alert(3)) <a href='javascript:alert(4)'>x</a>",
    "[case](JaVaScRiPt:alert(5)) [entity](&#106;avascript:alert(6)) [tab](java\tscript:alert(7))",
    "<javascript:alert(8)> [data](data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==)",
    "[ref][r]\n\n[r]: javascript:alert(10)",
    '<iframe src="https://evil.example"></iframe><svg onload=alert(11)><object data=x></object>',
    "<style>body{display:none}</style><embed src=x>",
    "{{ site.github.api_url }} {% include evil.html %} {% raw %}{% endraw %} {{ page | jsonify }}",
    "`<script>in code</script>` and ```\n<script>in a block</script>\n```",
    "\u202eevil\u202c <scr<script>ipt>alert(12)</script>",
]
