"The prepared GPU run of Table 1's image columns (bench/gpu_table1_images.sh), in its CPU smoke mode."
import json, os, subprocess
from pathlib import Path
import fastcore.test as fct
import pytest
from conftest import data_root, ROOT
from gerne_nb.experiment import read_results

def test_smoke_plans_before_it_trains_and_writes_records(cache, tmp_path):
    root = data_root()
    if not (root / 'cifar10_jpg').is_dir(): pytest.skip(f"JPEG CIFAR-10 not under {root}")
    env = os.environ | {'GERNE_NB_CACHE': str(cache)}
    p = subprocess.run(['bash', 'bench/gpu_table1_images.sh', '--smoke', '--data-root', str(root), '--out', str(tmp_path)],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]
    out = p.stdout
    assert out.index('plan: 6 runs') < out.index('  erm '), out  # the plan is printed before any training
    recs = read_results(tmp_path / 'results.jsonl')
    fct.test_eq(sorted({(r['config']['method'], r['config']['ratio']) for r in recs}),
                sorted((m, r) for m in ('erm', 'gerne', 'resample') for r in (0.25, 0.5)))
    assert all(r['config']['arch'] == 'resnet18' and r['config']['limit'] == 40 for r in recs)
    tp = json.loads((tmp_path / 'throughput.json').read_text())
    assert tp['smoke'] and 0 < tp['throughput']['fraction'] and tp['step_ms']['erm'] > 0
