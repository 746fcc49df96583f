"The gerne-nb command on the image benchmarks: Corrupted CIFAR-10 from JPEG CIFAR-10, the bFFHQ stand-in, ResNet weights."
import json, os, subprocess, sys
from pathlib import Path
import fastcore.test as fct
import pytest
from conftest import data_root
from gerne_nb.experiment import read_results

def gerne_nb(*args, env=None):
    p = subprocess.run([sys.executable, '-m', 'gerne_nb.cli', *map(str, args)], capture_output=True, text=True, env=os.environ | (env or {}))
    return p.returncode, p.stdout, p.stderr

@pytest.fixture(scope='module')
def root():
    r = data_root()
    if not ((r / 'cifar10_jpg').is_dir() and (r / 'utkface').is_dir()): pytest.skip(f"JPEG CIFAR-10 or UTKFace not under {r}")
    return r

def test_ccifar_describe_and_train(root, cache, tmp_path):
    rc, out, err = gerne_nb('describe', '--dataset', 'ccifar10', '--ratio', '0.5', '--limit', '40', '--data-root', root, '--cache-dir', cache)
    assert rc == 0, err
    assert 'built from JPEG CIFAR-10' in out and 'snow' in out and 'saturate' in out
    rows = [l.split() for l in out.splitlines() if l.split() and l.split()[0].isdigit() and len(l.split()) == 11]
    fct.test_eq([int(r[1 + int(r[0])]) for r in rows], [20] * 10)  # 50 % conflicting: 20 of 40 keep their class's corruption
    rc, out, err = gerne_nb('train', '--dataset', 'ccifar10', '--ratio', '0.5', '--limit', '40', '--epochs', '1', '--batch-per-class', '10',
                            '--method', 'gerne', '--c', '0.5', '--beta', '0.5', '--data-root', root, '--cache-dir', cache,
                            '--out', tmp_path, '--quiet', '--device', 'cpu')
    assert rc == 0, err
    rec = read_results(tmp_path / 'results.jsonl')[0]
    fct.test_eq(rec['config']['arch'], 'resnet18'); fct.test_eq(rec['runtime']['init'], dict(weights='random'))
    fct.test_eq(rec['runtime']['precision'], 'fp32'); fct.test_eq(rec['config']['limit'], 40)
    assert rec['final']['test']['gba'] is not None and not rec['diverged']

def test_ccifar_empty_groups_are_reported_and_trained_around(root, cache, tmp_path):
    rc, out, err = gerne_nb('train', '--dataset', 'ccifar10', '--ratio', '0.05', '--limit', '40', '--epochs', '1',
                            '--batch-per-class', '10', '--data-root', root, '--cache-dir', cache, '--out', tmp_path,
                            '--quiet', '--device', 'cpu')
    assert rc == 0, err
    assert 'empty training group(s) (y, a)' in out, out
    rec = read_results(tmp_path / 'results.jsonl')[0]
    assert rec['data']['empty_groups'] and not rec['diverged']

def test_bffhq_standin_reports_minority_accuracy(root, cache, tmp_path):
    rc, out, err = gerne_nb('train', '--dataset', 'bffhq-utkface', '--size', '16', '--epochs', '1', '--method', 'erm',
                            '--data-root', root, '--cache-dir', cache, '--out', tmp_path, '--quiet', '--device', 'cpu')
    assert rc == 0, err
    assert 'NOT bFFHQ' in out and 'minority acc' in out, out
    rec = read_results(tmp_path / 'results.jsonl')[0]
    fct.test_eq(rec['config']['size'], 16); fct.test_eq(rec['data']['n_conflicting_train'], 12)

def test_pretrained_without_weights_is_one_line(root, cache, tmp_path):
    rc, out, err = gerne_nb('train', '--dataset', 'bffhq-utkface', '--size', '16', '--epochs', '1', '--pretrained',
                            '--data-root', root, '--cache-dir', cache, '--out', tmp_path, '--quiet', env={'TORCH_HOME': str(tmp_path / 'th')})
    assert rc == 2 and err.count('\n') == 1, err
    assert f"{tmp_path / 'th'}/hub/checkpoints/resnet18-" in err and '--weights PATH' in err
    rc, out, err = gerne_nb('train', '--dataset', 'bffhq-utkface', '--size', '16', '--weights', tmp_path / 'none.pth',
                            '--data-root', root, '--cache-dir', cache, '--out', tmp_path, '--quiet')
    assert rc == 2 and 'none.pth' in err and 'Traceback' not in err, err
    assert not (tmp_path / 'results.jsonl').exists()
