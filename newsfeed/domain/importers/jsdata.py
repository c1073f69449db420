"""The data a script keeps its news in: array literals of object literals (``const NEWS = [{date:
"Feb 2025", html: `Our paper …`}, …]``, ``export default [...]``, a React page's ``newsItems``).

JavaScript's literals are not JSON: keys go unquoted, strings take single quotes and backticks,
comments and trailing commas are allowed. This reads that subset (objects, arrays, strings,
numbers, ``true``/``false``/``null``) in one pass over the text; an array holding anything else (a
function call, a spread, an expression) is not data and is left out. Pure: no I/O.
"""

from __future__ import annotations

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
        raise _NotData

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
    tokens = _tokens(text)
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
