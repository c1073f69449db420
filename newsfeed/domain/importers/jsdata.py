"""The data a script keeps its news in: array literals of object literals (``const NEWS = [{date:
"Feb 2025", html: `Our paper …`}, …]``, ``export default [...]``, a React page's ``newsItems``).

JavaScript's literals are not JSON: keys go unquoted, strings take single quotes and backticks,
comments and trailing commas are allowed. This reads that subset (objects, arrays, strings,
numbers, ``true``/``false``/``null``) in one pass over the text; an array holding anything else
(a function call, a spread, an expression) is not data and is left out, but for a record's field
naming what the script holds elsewhere (null) or joining strings with ``+`` (their text). A
React page's value written as markup (``content: <>Our paper <a href="…">X</a> was
accepted</>``) is the text of that markup, as it shows. Pure: no I/O.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 40  # nesting deeper than any news list: a hostile text costs no recursion

# every token ends where it would close or, unclosed, at the end of its line or of the text: an
# unclosed comment or string is read once, never again from each quote inside it
_TOKEN = re.compile(
    r"""(?P<space>\s+|//[^\n]*|/\*.*?(?:\*/|\Z))
      |(?P<string>"(?:[^"\\\n]|\\.)*(?:"|(?=\n)|\Z)|'(?:[^'\\\n]|\\.)*(?:'|(?=\n)|\Z)|`(?:[^`\\]|\\.)*(?:`|\Z))
      |(?P<number>-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
      |(?P<name>[A-Za-z_$][\w$]*)
      |(?P<punct>[{}\[\]:,=;()])
      |(?P<other>.)""",
    re.S | re.X,
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_CONSTANTS: dict[str, Any] = {"true": True, "false": False, "null": None, "undefined": None}


class _NotData(Exception):
    """The literal holds something other than data."""


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(m.lastgroup or "", m.group()) for m in _TOKEN.finditer(text) if m.lastgroup != "space"]


def _string(raw: str) -> str:
    body = raw[1:-1] if len(raw) >= 2 and raw[-1] == raw[0] else raw[1:]  # unclosed: to its end
    if raw[0] == "`":
        body = re.sub(r"\$\{[^{}]*\}", "", body)  # a template's interpolations are no text of its own
    out = _ESCAPE.sub(_unescape, body)
    if any("\ud800" <= c <= "\udfff" for c in out):  # "\\uD83C\\uDF89" is one emoji; a lone half is none
        out = out.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return _CONTROL.sub("", out)  # "\\0", "\\x07": no character of a text (nor of HTML)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r?\n|.)", re.S)


def _unescape(m: re.Match[str]) -> str:
    """One escape of a string literal: \\u0041 and \\x41 are their characters, a backslash before a
    line break continues the line, \\n and the like are what they name, any other is the character."""
    code = m.group(1)
    if len(code) > 1 and code[0] in "ux":
        return chr(int(code[1:], 16))
    if code in ("\n", "\r\n"):
        return ""
    return _ESCAPES.get(code, code)


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], start: int) -> None:
        self.tokens = tokens
        self.at = start

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("", "")

    def take(self, value: str) -> None:
        if self.peek()[1] != value:
            raise _NotData
        self.at += 1

    def value(self, depth: int) -> Any:
        found = self.operand(depth)
        if depth <= 1 or self.peek() != ("other", "+"):
            return found
        # a record's field joined of several ("process.env.PUBLIC_URL + '/img/talk.png'"): the
        # text its strings give, what the script holds elsewhere left out
        parts = [found]
        while self.peek() == ("other", "+"):
            self.at += 1
            parts.append(self.operand(depth))
        if any(isinstance(p, (dict, list)) for p in parts):
            raise _NotData
        texts = [str(p) for p in parts if p is not None and not isinstance(p, bool)]
        return "".join(texts) if any(isinstance(p, str) for p in parts) else None

    def operand(self, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _NotData
        kind, text = self.peek()
        self.at += 1
        if text == "{" and kind == "punct":
            return self.rest_of_object(depth)
        if text == "[" and kind == "punct":
            return self.rest_of_array(depth)
        if kind == "string":
            return _string(text)
        if kind == "number":
            return float(text) if any(c in text for c in ".eE") else int(text)
        if kind == "name" and text in _CONSTANTS:
            return _CONSTANTS[text]
        if kind == "name" and depth > 1:  # a field of a record: a reference, or a call
            return self.reference(text)
        raise _NotData

    def reference(self, name: str) -> Any:
        """A record's field that names what the script holds elsewhere (``image: IJCAI1``,
        ``photo: require('@/assets/lab.jpg')``, ``icon: icons.award``): no text of the record,
        read as null; ``new Date("2024-05-01")`` is the date it is given. Anything more (an
        arrow function, an operator but ``+``) is no data."""
        if name == "new" and self.peek()[0] == "name":
            name = self.peek()[1]
            self.at += 1
        while self.peek()[1] == "." or (self.peek()[0] == "other" and self.peek()[1] in "?."):
            self.at += 1
            if self.peek()[0] != "name":
                raise _NotData
            self.at += 1
        if self.peek()[1] != "(":
            return None
        self.at += 1
        arguments: list[Any] = []
        while self.peek()[1] != ")":
            kind, text = self.peek()
            if kind not in ("string", "number"):
                raise _NotData
            self.at += 1
            arguments.append(_string(text) if kind == "string" else text)
            if self.peek()[1] != ",":
                break
            self.at += 1
        self.take(")")
        dated = name == "Date" and len(arguments) == 1 and isinstance(arguments[0], str)
        return arguments[0] if dated else None

    def rest_of_object(self, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        while self.peek()[1] != "}":
            kind, key = self.peek()
            if kind not in ("name", "string", "number"):
                raise _NotData
            self.at += 1
            self.take(":")
            out[_string(key) if kind == "string" else key] = self.value(depth + 1)
            if self.peek()[1] != ",":
                break
            self.at += 1
        self.take("}")
        return out

    def rest_of_array(self, depth: int) -> list[Any]:
        out: list[Any] = []
        while self.peek()[1] != "]":
            out.append(self.value(depth + 1))
            if self.peek()[1] != ",":
                break
            self.at += 1
        self.take("]")
        return out


# markup as an object's value, JSX (``text: (<>…</>)``, ``news: <span>…</span>``)
_JSX_VALUE = re.compile(r":\s*(\(\s*)?<(?=[A-Za-z>])|(?P<item>[\[,]\s*)<(?=[A-Z][\w.]*[\s/>])")
_IN_TEXT = re.compile(r"[<{]")  # in an element's text: a tag, or an expression
_IN_TAG = re.compile(r"[\"'{>]")  # in a tag: a quoted attribute, an expression, its end
_IN_BRACES = re.compile(r"[\"'`{}]")
_CLOSING = re.compile(r"\s*\)")
_STRING_REST = {q: re.compile(rf"(?:[^{q}\\]|\\.)*{q}", re.S) for q in "\"'`"}  # to its closing quote
_FRAGMENT = re.compile(r"</?>")
_SPACE_EXPRESSION = re.compile(r"""\{\s*(?:"([^"{}]*)"|'([^'{}]*)')\s*\}""")  # {' '}, {"it's"}
_EXPRESSION = re.compile(r"\{[^{}]*\}")


def _braces_end(text: str, at: int) -> int:
    """Where the expression opening at ``text[at] == "{"`` closes (past its "}"), strings
    inside it skipped; -1 when it does not."""
    depth = 0
    m = _IN_BRACES.search(text, at)
    while m is not None:
        c = m.group()
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return m.end()
        else:  # a string: to its closing quote
            close = _STRING_REST[c].match(text, m.end())
            if close is None:
                return -1
            m = _IN_BRACES.search(text, close.end())
            continue
        m = _IN_BRACES.search(text, m.end())
    return -1


def _tag_end(text: str, at: int) -> int:
    """Where the tag whose name ends before ``text[at]`` closes (past its ">"), quoted
    attributes and expressions read through; -1 when it does not."""
    j = at
    while True:
        t = _IN_TAG.search(text, j)
        if t is None:
            return -1
        c = t.group()
        if c == ">":
            return t.end()
        j = _braces_end(text, t.start()) if c == "{" else text.find(c, t.end()) + 1
        if j <= 0:
            return -1


def _element_end(text: str, at: int) -> int:
    """Where the element opening at ``text[at] == "<"`` closes (past its last ">"), nested
    elements, quoted attributes and expressions read through; -1 when it does not."""
    depth = 0
    i = at
    while True:
        m = _IN_TEXT.search(text, i)
        if m is None:
            return -1
        if m.group() == "{":
            i = _braces_end(text, m.start())
            if i < 0:
                return -1
            continue
        closing = text.startswith("</", m.start())
        j = _tag_end(text, m.end())
        if j < 0:
            return -1
        if closing:
            depth -= 1
        elif text[j - 2] != "/":  # <br/> opens nothing
            depth += 1
        if depth <= 0:
            return j if depth == 0 else -1
        i = j


def _markup_html(markup: str) -> str:
    """JSX markup as the HTML it shows: a quoted expression (``{' '}``) is its text, any other
    expression is none, a fragment (``<>``) is no element."""
    html = _SPACE_EXPRESSION.sub(lambda m: m.group(1) or m.group(2) or "", markup)
    for _ in range(2):  # {items.map(i => ({…}))}: nested braces, from the innermost
        html = _EXPRESSION.sub("", html)
    return _FRAGMENT.sub("", html).replace("className=", "class=")


def _markup_string(markup: str) -> str:
    """JSX markup as a JavaScript string (a template literal) of the HTML it shows."""
    html = _markup_html(markup)
    return "`" + html.replace("\\", "\\\\").replace("`", "\\`").replace("$", "\\u0024") + "`"


_PROP = re.compile(r"""([A-Za-z_$][\w$-]{0,60})\s*=\s*(?:"([^"]*)"|'([^']*)'|(\{))""")
_QUOTED = re.compile(r"""\{\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`([^`]*)`)\s*\}""", re.S)
_MARKUP_EXPRESSION = re.compile(r"\{\s*\(?\s*(<.*>)\s*\)?\s*\}", re.S)


def _props_object(text: str, start: int, end: int) -> str:
    """A component element in a list (``<TimeEntry startTime="Nov 15, 2023" content={<>…</>} />``)
    as the object literal of its props: a quoted prop is its string, a prop written as markup
    the HTML it shows, any other expression null; its children are its ``children``."""
    tag_end = _tag_end(text, start + 1)  # within the element, which closes at ``end``
    if tag_end < 0:
        return "null"
    fields: dict[str, str | None] = {}
    at = start + 1
    while True:
        m = _PROP.search(text, at, tag_end)
        if m is None:
            break
        key = m.group(1)
        if m.group(4) is None:
            fields[key] = m.group(2) if m.group(2) is not None else m.group(3)
            at = m.end()
            continue
        close = _braces_end(text, m.end() - 1)
        if close < 0 or close > tag_end:
            break
        expression = text[m.end() - 1 : close]
        quoted = _QUOTED.fullmatch(expression)
        markup = _MARKUP_EXPRESSION.fullmatch(expression)
        if quoted is not None:
            fields[key] = _string('"' + (quoted.group(1) or quoted.group(2) or quoted.group(3) or "") + '"')
        elif markup is not None:
            fields[key] = _markup_html(markup.group(1))
        else:
            fields[key] = None
        at = close
    if tag_end < end and text[tag_end - 2 : tag_end] != "/>":
        children = text[tag_end : text.rfind("<", tag_end, end)].strip()
        if children:
            fields["children"] = _markup_html(children)
    return json.dumps(fields, ensure_ascii=False)


def _jsx_values(text: str) -> str:
    """The script with each value written as markup turned into a string of its HTML, in one
    pass: an element that does not close ends the pass (the rest is left as written)."""
    if "<" not in text:
        return text
    out: list[str] = []
    kept = 0
    for m in _JSX_VALUE.finditer(text):
        if m.start() < kept:
            continue
        start = m.end() - 1
        end = _element_end(text, start)
        if end < 0:
            break
        if m.group("item") is not None:  # [<TimeEntry startTime="Nov 15, 2023" content={<>…</>} />, …]
            out += [text[kept : m.end() - 1], _props_object(text, start, end)]
            kept = end
            continue
        if m.group(1):  # (<>…</>): its parentheses too
            close = _CLOSING.match(text, end)
            if close is None:
                continue
            value_end = close.end()
        else:
            value_end = end
        out += [text[kept : m.start() + 1], " ", _markup_string(text[start:end])]
        kept = value_end
    out.append(text[kept:])
    return "".join(out)


def js_strings(text: str) -> list[str]:
    """Every string literal of a script, as JavaScript reads it (escapes undone), in its order."""
    return [_string(raw) for kind, raw in _tokens(text) if kind == "string"]


# what a TypeScript annotation between a name and its value is made of (``: NewsItem[]``,
# ``: Array<News>``, ``: readonly (News | Talk)[]``)
_TYPE_TOKENS = frozenset({"[", "]", "<", ">", "|", "&", ".", "(", ")", "readonly"})


def _name_of(tokens: list[tuple[str, str]], n: int) -> str:
    """The name an array literal starting at ``tokens[n]`` is given: ``NEWS = [``, ``news: [``,
    TypeScript's ``const news: NewsItem[] = [`` (the name before its type); "data" for none."""
    if n < 2 or tokens[n - 1][1] not in ("=", ":"):
        return "data"
    if tokens[n - 1][1] == "=":
        k = n - 2
        while k > 1 and n - k < 20 and (tokens[k][0] == "name" or tokens[k][1] in _TYPE_TOKENS):
            k -= 1
        if tokens[k][1] == ":" and tokens[k - 1][0] == "name" and k < n - 2:
            return tokens[k - 1][1]
    return tokens[n - 2][1]


def js_data(text: str) -> dict[str, list[Any]] | None:
    """The array literals of object literals a script holds, by the name they are given (``const
    NEWS = [...]`` -> ``{"NEWS": [...]}``; an unnamed one, ``export default [...]``, is "data"),
    or None when it holds none."""
    tokens = _tokens(_jsx_values(text))
    found: dict[str, list[Any]] = {}
    n = 0
    while n < len(tokens) - 1:
        if tokens[n] == ("punct", "[") and tokens[n + 1] == ("punct", "{"):
            parser = _Parser(tokens, n + 1)
            try:
                value = parser.rest_of_array(0)
            except _NotData:
                n += 1
                continue
            named = _name_of(tokens, n)
            name = named if named not in found else f"{named}_{len(found)}"
            found[name] = value
            n = parser.at  # what the array held is read: go on after it
            continue
        n += 1
    return found or None
