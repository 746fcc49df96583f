"""Build README.md from nbs/index.ipynb without Quarto (nbdev_readme needs it): markdown cells as they are, code cells
as fenced Python with nbdev directives dropped (not shown with `#| echo: false`), text outputs from running the notebook
with execnb, and what a cell displays as Markdown written into the README as it is.

    python .ci/readme.py          # write README.md
    python .ci/readme.py --check  # exit 1 if README.md is not what index.ipynb gives
"""
import sys, re
from pathlib import Path
from execnb.nbio import read_nb
from execnb.shell import CaptureShell

ROOT = Path(__file__).resolve().parent.parent
DIRECTIVE = re.compile(r'^\s*#\s*\|')

def _text(out):
    if out.get('output_type') == 'stream': return ''.join(out['text'])
    data = out.get('data', {})
    return ''.join(data['text/plain']) + '\n' if 'text/plain' in data else ''

def _markdown(outputs):
    "Outputs a cell displays as Markdown (IPython.display.Markdown), to be written into the README as they are."
    return [''.join(o['data']['text/markdown']) for o in outputs if 'text/markdown' in o.get('data', {})]

def build() -> str:
    nb = read_nb(ROOT / 'nbs' / 'index.ipynb')
    CaptureShell().run_all(nb, exc_stop=True)
    parts = []
    for cell in nb.cells:
        src = cell.source
        if cell.cell_type == 'markdown': parts.append(src.strip()); continue
        lines = src.splitlines()
        if any(re.match(r'^\s*#\s*\|\s*(hide|exporti?)\b', l) for l in lines): continue
        if (md := _markdown(cell.get('outputs', []))): parts += [m.strip() for m in md]; continue
        code = '\n'.join(l for l in lines if not DIRECTIVE.match(l)).strip()
        if not code: continue
        if not any(re.match(r'^\s*#\s*\|\s*echo:\s*false', l) for l in lines): parts.append(f"```python\n{code}\n```")
        out = ''.join(_text(o) for o in cell.get('outputs', [])).rstrip()
        if out: parts.append(f"```\n{out}\n```")
    return '<!-- Generated from nbs/index.ipynb by .ci/readme.py: edit the notebook, not this file. -->\n\n' + '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    text, readme = build(), ROOT / 'README.md'
    if '--check' in sys.argv:
        if readme.read_text(encoding='utf-8') != text:
            sys.exit('README.md is out of date with nbs/index.ipynb: run `python .ci/readme.py`')
        print('README.md matches nbs/index.ipynb')
    else:
        readme.write_text(text, encoding='utf-8')
        print(f'wrote {readme}')
