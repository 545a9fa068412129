"""Code blocks: what a listener hears instead of a listing.

A run of adjacent blocks (a listing, its output, a terminal session) is announced once, naming the
language when the markup says it ("The post shows a short TypeScript example here."); a one-line
shell command is read aloud instead.

It owns code listings: their language, their kind (output, terminal session, a one-line command)
and their length, from tables of how each common generator marks code up, and how each is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import Comment, NavigableString, Tag

from post2pod.narrate.html.inline_code import code_words
from post2pod.narrate.html.tags import classes
from post2pod.narrate.script.phrases import phrase

ROLE_CODE = "code"
ROLE_OUTPUT = "output"
ROLE_SESSION = "session"

# Language ids as highlighters write them (Pygments, Rouge, Prism, highlight.js, Chroma, Pandoc)
# -> the name a narrator says. Spelled-out names, since announcements are not normalised.
LANGUAGES = {
    "python": "Python",
    "py": "Python",
    "python3": "Python",
    "ipython": "Python",
    "ipython3": "Python",
    "javascript": "JavaScript",
    "js": "JavaScript",
    "jsx": "JavaScript",
    "mjs": "JavaScript",
    "node": "JavaScript",
    "typescript": "TypeScript",
    "ts": "TypeScript",
    "tsx": "TypeScript",
    "ruby": "Ruby",
    "rb": "Ruby",
    "erb": "Ruby",
    "bash": "shell",
    "sh": "shell",
    "shell": "shell",
    "zsh": "shell",
    "fish": "shell",
    "ksh": "shell",
    "powershell": "PowerShell",
    "ps1": "PowerShell",
    "bat": "batch",
    "cmd": "batch",
    "c": "C",
    "h": "C",
    "cpp": "C plus plus",
    "c++": "C plus plus",
    "cxx": "C plus plus",
    "cc": "C plus plus",
    "hpp": "C plus plus",
    "csharp": "C sharp",
    "cs": "C sharp",
    "c#": "C sharp",
    "fsharp": "F sharp",
    "fs": "F sharp",
    "objc": "Objective-C",
    "objective-c": "Objective-C",
    "java": "Java",
    "kotlin": "Kotlin",
    "kt": "Kotlin",
    "scala": "Scala",
    "groovy": "Groovy",
    "clojure": "Clojure",
    "clj": "Clojure",
    "go": "Go",
    "golang": "Go",
    "rust": "Rust",
    "rs": "Rust",
    "swift": "Swift",
    "zig": "Zig",
    "nim": "Nim",
    "d": "D",
    "dart": "Dart",
    "haskell": "Haskell",
    "hs": "Haskell",
    "elm": "Elm",
    "purescript": "PureScript",
    "idris": "Idris",
    "agda": "Agda",
    "coq": "Coq",
    "lean": "Lean",
    "ocaml": "OCaml",
    "ml": "OCaml",
    "reason": "Reason",
    "racket": "Racket",
    "scheme": "Scheme",
    "lisp": "Lisp",
    "commonlisp": "Lisp",
    "common-lisp": "Lisp",
    "elisp": "Emacs Lisp",
    "emacs-lisp": "Emacs Lisp",
    "erlang": "Erlang",
    "elixir": "Elixir",
    "ex": "Elixir",
    "exs": "Elixir",
    "php": "PHP",
    "perl": "Perl",
    "pl": "Perl",
    "raku": "Raku",
    "lua": "Lua",
    "r": "R",
    "julia": "Julia",
    "jl": "Julia",
    "matlab": "MATLAB",
    "octave": "Octave",
    "fortran": "Fortran",
    "cobol": "COBOL",
    "pascal": "Pascal",
    "ada": "Ada",
    "prolog": "Prolog",
    "sql": "SQL",
    "mysql": "SQL",
    "postgresql": "SQL",
    "psql": "SQL",
    "sqlite": "SQL",
    "plsql": "SQL",
    "graphql": "GraphQL",
    "html": "HTML",
    "xhtml": "HTML",
    "xml": "XML",
    "svg": "SVG",
    "css": "CSS",
    "scss": "Sass",
    "sass": "Sass",
    "less": "Less",
    "json": "JSON",
    "jsonc": "JSON",
    "json5": "JSON",
    "yaml": "YAML",
    "yml": "YAML",
    "toml": "TOML",
    "ini": "configuration",
    "conf": "configuration",
    "nginx": "nginx configuration",
    "apache": "Apache configuration",
    "dockerfile": "Dockerfile",
    "docker": "Dockerfile",
    "makefile": "Makefile",
    "make": "Makefile",
    "cmake": "CMake",
    "nix": "Nix",
    "hcl": "Terraform",
    "terraform": "Terraform",
    "tf": "Terraform",
    "protobuf": "protobuf",
    "proto": "protobuf",
    "diff": "diff",
    "patch": "diff",
    "markdown": "Markdown",
    "md": "Markdown",
    "latex": "LaTeX",
    "tex": "LaTeX",
    "vim": "Vim script",
    "viml": "Vim script",
    "asm": "assembly",
    "nasm": "assembly",
    "x86asm": "assembly",
    "llvm": "LLVM IR",
    "wasm": "WebAssembly",
    "wat": "WebAssembly",
    "solidity": "Solidity",
    "verilog": "Verilog",
    "vhdl": "VHDL",
    "glsl": "GLSL",
    "hlsl": "HLSL",
    "cuda": "CUDA",
    "awk": "awk",
    "sed": "sed",
    "regex": "regular expression",
    "jinja": "Jinja",
    "vue": "Vue",
    "svelte": "Svelte",
}
SESSIONS = {"console", "shell-session", "sh-session", "shellsession", "terminal", "pycon", "irb", "psql"}
OUTPUTS = {"output", "stdout", "stderr", "out", "result", "results"}
PLAIN = {"text", "plaintext", "plain", "txt", "none", "nohighlight", "no-highlight", "default", "raw"}
# Programs that a one-line block in no marked language is run with: such a line is a command.
COMMANDS = {
    "apt",
    "apt-get",
    "brew",
    "cargo",
    "cd",
    "conda",
    "curl",
    "docker",
    "gem",
    "git",
    "go",
    "kubectl",
    "make",
    "mkdir",
    "npm",
    "npx",
    "pip",
    "pip3",
    "pipx",
    "pnpm",
    "poetry",
    "python",
    "python3",
    "rustup",
    "sudo",
    "uv",
    "wget",
    "yarn",
    "dnf",
    "pacman",
    "nix",
    "nix-shell",
    "ls",
    "export",
}
_OUTPUT_CLASS_RE = re.compile(
    r"^(?:cell-output.*|output_area|output_text|output_subarea|output|jp-OutputArea.*|nboutput|stdout|stderr"
    r"|code-output|program-output|language-(?:output|text-output))$",
    re.IGNORECASE,
)
_GUTTER_CLASS_RE = re.compile(r"^(?:gutter|linenos?|lineno|linenodiv|line-numbers-rows|ln|lnt|gl)$")
_PROMPT_RE = re.compile(r"^\s*(?:[\w.@~:/-]*[$%>❯]|PS [^>]*>)\s+")
_UNSPOKEN_RE = re.compile(r"[|;&<>`$(){}\[\]\\*=\"']")
MAX_COMMAND_CHARS = 60
MAX_COMMAND_WORDS = 8
SHORT_LINES = 8
LONG_LINES = 25


@dataclass(frozen=True)
class CodeBlock:
    """One code element as a listener needs it: its language (spoken), role and lines."""

    language: str
    role: str
    lines: tuple[str, ...]
    typed: tuple[str, ...] = ()  # lines typed by the user in a terminal session (`<kbd>`)
    shell: bool = False


def describe(tag: Tag) -> CodeBlock:
    """What `tag` (a `pre`, a highlighter's wrapper, an embed) holds."""
    ids = _language_ids(tag)
    role = _role(tag, ids)
    language = next((LANGUAGES[i] for i in ids if i in LANGUAGES), "")
    lines = tuple(line for line in code_text(tag).splitlines() if line.strip())
    typed = tuple(" ".join(k.get_text(" ").split()) for k in tag.find_all("kbd"))
    if role == ROLE_CODE and not language and lines and _mostly_numbers(lines):
        role = ROLE_OUTPUT
    shell = language == "shell" or role == ROLE_SESSION
    return CodeBlock(language, role, lines, typed, shell)


def spoken_command(block: CodeBlock) -> str:
    """A one-line shell command read aloud ("pip install foo"), or "" when the block is not one."""
    if block.role == ROLE_SESSION:
        if len(block.typed) != 1 or len(block.lines) != 1:
            return ""
        line = block.typed[0]
    elif block.role == ROLE_CODE and len(block.lines) == 1:
        line = _PROMPT_RE.sub("", block.lines[0]).strip()
        prompted = line != block.lines[0].strip()
        first = line.split(" ", 1)[0] if line else ""
        if not (block.shell or prompted or (not block.language and first in COMMANDS)):
            return ""
    else:
        return ""
    words = line.split()
    if not words or len(line) > MAX_COMMAND_CHARS or len(words) > MAX_COMMAND_WORDS:
        return ""
    if _UNSPOKEN_RE.search(line) or not re.match(r"[A-Za-z]", line):
        return ""
    return " ".join(_command_word(w) for w in words)


def announcement(run: list[CodeBlock], language: str, another: bool) -> str:
    """One sentence for a run of adjacent code blocks; a shorter one for the second and later runs."""
    if language != "en":
        return _other_language(run, language)
    if _is_one_command(run):
        return _sentence("terminal command", another)
    code = [b for b in run if b.role == ROLE_CODE]
    roles = {b.role for b in run}
    if not code:
        if roles == {ROLE_SESSION}:
            return _sentence("terminal session", another)
        return "The post shows the output here." if another else "The post shows some output here."
    names = list(dict.fromkeys(b.language for b in code if b.language))
    lines = sum(len(b.lines) for b in code)
    noun = "listing" if lines > LONG_LINES else "example"
    size = "short" if 0 < lines <= SHORT_LINES else ("longer" if lines > LONG_LINES else "")
    name = " and ".join(names[:2]) if len(names) <= 2 else ""
    thing = " ".join(w for w in (size, name or "code", noun) if w)
    if ROLE_OUTPUT in roles:
        thing += " and its output"
    elif ROLE_SESSION in roles:
        thing += " and a terminal session"
    return _sentence(thing, another)


def _sentence(thing: str, another: bool) -> str:
    if another:
        return f"Another {thing.replace('longer ', 'long ', 1)}."
    return f"The post shows {_article(thing)} {thing} here."


# --- helpers ----------------------------------------------------------------------------------


def code_text(tag: Tag) -> str:
    """The text of a code element as written: highlighter spans joined, `<br>` as a line break."""
    parts = []
    for node in tag.descendants:
        if isinstance(node, Tag):
            if node.name == "br":
                parts.append("\n")
        elif (
            isinstance(node, NavigableString) and not isinstance(node, Comment) and not _in_gutter(node, tag)
        ):
            parts.append(str(node))
    return "".join(parts)


def _in_gutter(node: NavigableString, root: Tag) -> bool:
    """Line numbers beside the code (Pygments, Rouge, Hexo, Chroma, Prism), not part of it."""
    for parent in node.parents:
        if parent is root:
            return False
        if any(_GUTTER_CLASS_RE.match(c) for c in classes(parent)):
            return True
    return False


def _language_ids(tag: Tag) -> list[str]:
    """Language ids the markup declares on `tag`, its code descendants and its close ancestors."""
    ids: list[str] = []
    nodes = [tag, *tag.find_all(["pre", "code", "div", "table", "figure"], limit=6)]
    parent = tag.parent
    for _ in range(2):
        if isinstance(parent, Tag):
            nodes.append(parent)
            parent = parent.parent
    for node in nodes:
        for attr in ("data-lang", "data-language", "lang"):
            value = str(node.get(attr) or "").lower().strip()
            if value and (attr != "lang" or value in LANGUAGES or value in SESSIONS):
                ids.append(value)
        ids.extend(_class_ids(classes(node)))
    return ids


def _class_ids(classes: list[str]) -> list[str]:
    ids = []
    for token in (c.lower() for c in classes):
        for prefix in (
            "language-",
            "lang-",
            "highlight-source-",
            "highlight-",
            "source-",
            "src-",
            "hl-",
            "brush:",
        ):
            if token.startswith(prefix) and token != prefix:
                ids.append(token[len(prefix) :])
                break
        else:
            if token in LANGUAGES or token in SESSIONS or token in OUTPUTS or token in PLAIN:
                ids.append(token)
    return ids


def _role(tag: Tag, ids: list[str]) -> str:
    if any(i in SESSIONS for i in ids):
        return ROLE_SESSION
    if any(i in OUTPUTS for i in ids) or _has_output_class(tag):
        return ROLE_OUTPUT
    samp = tag if tag.name == "samp" else tag.find("samp")
    if samp is not None and len(samp.get_text(strip=True)) >= 0.8 * len(tag.get_text(strip=True)):
        return ROLE_SESSION if samp.find("kbd") is not None else ROLE_OUTPUT
    return ROLE_CODE


def _has_output_class(tag: Tag) -> bool:
    node: object = tag
    for _ in range(4):
        if not isinstance(node, Tag):
            return False
        if any(_OUTPUT_CLASS_RE.match(c) for c in classes(node)):
            return True
        node = node.parent
    return False


def _mostly_numbers(lines: tuple[str, ...]) -> bool:
    """Benchmark results and other tables of figures: more digits than letters."""
    text = "".join(lines)
    digits = sum(ch.isdigit() for ch in text)
    letters = sum(ch.isalpha() for ch in text)
    return digits > letters


def _command_word(word: str) -> str:
    if re.fullmatch(r"--?[A-Za-z][\w-]*", word):
        dashes = "dash dash " if word.startswith("--") else "dash "
        return dashes + code_words(word.lstrip("-"))
    return code_words(word)


def _article(words: str) -> str:
    first = words.split(" ", 1)[0]
    if re.match(r"[aeiouAEIOU]", first) and not first.startswith(("Eu", "Un", "Us")):
        return "an"
    # spelled-out letters that start with a vowel sound: an HTML, an SQL, an R, an F sharp
    if first[:1] in "FHLMNRSX" and (first.isupper() or len(first) == 1):
        return "an"
    return "a"


def _is_one_command(run: list[CodeBlock]) -> bool:
    """A single shell line (too long or too symbolic to read aloud, or in a post not in English)."""
    if len(run) != 1 or len(run[0].lines) != 1:
        return False
    block = run[0]
    return (block.role == ROLE_SESSION and len(block.typed) == 1) or (block.role == ROLE_CODE and block.shell)


def _other_language(run: list[CodeBlock], language: str) -> str:
    if _is_one_command(run):
        return phrase(language, "code_command")
    code = [b for b in run if b.role == ROLE_CODE]
    names = list(dict.fromkeys(b.language for b in code if b.language))
    if not code:
        sessions = all(b.role == ROLE_SESSION for b in run)
        return phrase(language, "code_session" if sessions else "code_output")
    if len(names) == 1 and names[0] != "shell":
        return phrase(language, "code_in").format(names[0])
    return phrase(language, "code")
