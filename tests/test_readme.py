"The README's snippets run as written: its Python blocks execute in order, and every gerne-nb command in it parses."
import re, shlex
from pathlib import Path
import fastcore.test as fct
from gerne_nb.cli import parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / 'README.md').read_text(encoding='utf-8')
BLOCK = re.compile(r'```(\w+)\n(.*?)```', re.S)

def test_python_snippets_run_in_order(monkeypatch):
    monkeypatch.chdir(ROOT)
    ns = {}
    blocks = [code for lang, code in BLOCK.findall(README) if lang == 'python']
    assert len(blocks) >= 2
    for code in blocks: exec(compile(code, 'README.md', 'exec'), ns)

def test_every_command_parses():
    cmds = [l.split('#')[0].strip() for lang, code in BLOCK.findall(README) if lang == 'sh'
            for l in code.replace('\\\n', ' ').splitlines() if l.strip().startswith('gerne-nb ')]
    assert len(cmds) >= 8, cmds
    for c in cmds:
        args = shlex.split(c)[1:]
        try: parser().parse_args(args)
        except SystemExit as e: raise AssertionError(f"README command does not parse: {c}") from e
