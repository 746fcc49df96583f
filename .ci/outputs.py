"""The reproduction notebooks (nbs/9x_*.ipynb) show their results as stored outputs, rendered from the committed results.

    python .ci/outputs.py          # run them (slow cells skipped) and store their outputs
    python .ci/outputs.py --check  # exit 1 if a stored output is not what the committed results give now
"""
import re, sys
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / 'nbs').glob('9[0-9]_*.ipynb'))
SKIP = re.compile(r'^\s*#\s*\|\s*(slow|gpu|eval:\s*false)\b', re.M)  # what nbdev_test skips here too
TEXT = ('text/plain', 'text/markdown', 'text/html')

def comparable(outputs) -> list:
    "What a reader sees of a cell's outputs: streams and text representations (images are files, checked by redraws)."
    out = []
    for o in outputs:
        if o.get('output_type') == 'stream': out.append((o['name'], ''.join(o['text'])))
        elif 'data' in o: out.append(tuple((k, ''.join(o['data'][k])) for k in TEXT if k in o['data']))
        elif o.get('output_type') == 'error': out.append(('error', o.get('ename'), o.get('evalue')))
    return out

def run(path):
    "The notebook at `path`, executed from its folder with slow cells skipped."
    import os
    nb = read_nb(path)
    here = os.getcwd()
    try:
        os.chdir(path.parent)
        CaptureShell(path).run_all(nb, exc_stop=True, preproc=lambda c: c.cell_type == 'code' and bool(SKIP.search(c.source)))
    finally: os.chdir(here)
    return nb

def main(check:bool) -> int:
    bad = 0
    for path in NOTEBOOKS:
        stored, fresh = read_nb(path), run(path)
        for i, (a, b) in enumerate(zip(stored.cells, fresh.cells)):
            if a.cell_type == 'code' and comparable(a.get('outputs', [])) != comparable(b.get('outputs', [])):
                bad += 1
                if check: print(f"{path.name}: cell {i} shows other output than the committed results give", file=sys.stderr)
        if not check:
            for c in fresh.cells:
                if c.cell_type == 'code': c.execution_count = None
            write_nb(fresh, path)
            print(f"stored the outputs of {path.name}")
    if check and bad:
        print("FAIL: run `python .ci/outputs.py` and commit the notebooks (then `nbdev_clean`)", file=sys.stderr)
        return 1
    if check: print(f"stored outputs of {len(NOTEBOOKS)} reproduction notebooks match the committed results")
    return 0

if __name__ == '__main__': sys.exit(main('--check' in sys.argv))
