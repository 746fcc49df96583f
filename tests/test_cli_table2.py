"The gerne-nb command on Table 2: a Waterbirds-layout run with ResNet-50 on CPU, ImageNet weights asked for, the plan."
import os, subprocess, sys
from pathlib import Path
import fastcore.test as fct
import pytest
from gerne_nb.data.waterbirds import write_waterbirds_fixture
from gerne_nb.experiment import read_results

def gerne_nb(*args, env=None):
    p = subprocess.run([sys.executable, '-m', 'gerne_nb.cli', *map(str, args)], capture_output=True, text=True,
                       env=os.environ | (env or {}))
    return p.returncode, p.stdout, p.stderr

@pytest.fixture(scope='module')
def birds(tmp_path_factory):
    "A data root holding a tiny Waterbirds in group_DRO's layout, and nothing else."
    root = tmp_path_factory.mktemp('t2root')
    write_waterbirds_fixture(root, 'group_dro')
    return root

def test_waterbirds_trains_on_cpu_with_random_resnet50(birds, cache, tmp_path):
    rc, out, err = gerne_nb('train', '--dataset', 'waterbirds', '--data-root', birds, '--epochs', '1', '--method', 'erm',
                            '--batch-per-class', '4', '--cache-dir', cache, '--out', tmp_path, '--quiet', '--device', 'cpu')
    assert rc == 0, err
    rec = read_results(tmp_path / 'results.jsonl')[0]
    fct.test_eq((rec['config']['arch'], rec['config']['bn_eval']), ('resnet50', True))
    fct.test_eq(rec['runtime']['init'], dict(weights='random'))
    fct.test_eq(rec['data']['n_train'], 14)  # the fixture's (7, 2, 1, 4) training images
    assert 'selected_wca' in rec and rec['selected']['rule'] == 'best validation WGA'
    assert 'test WGA final' in out and 'worst-class' in out

def test_pretrained_without_imagenet_weights_says_so_in_one_line(birds, cache, tmp_path):
    rc, out, err = gerne_nb('train', '--dataset', 'waterbirds', '--data-root', birds, '--epochs', '1', '--pretrained',
                            '--cache-dir', cache, '--out', tmp_path, '--quiet', '--device', 'cpu',
                            env=dict(TORCH_HOME=str(tmp_path / 'no-torch-home')))
    fct.test_eq(rc, 2)
    fct.test_eq(len(err.strip().splitlines()), 1)
    assert 'ImageNet weights' in err and 'not found' in err and 'Traceback' not in err, err
    assert not (tmp_path / 'results.jsonl').exists()

def test_reproduce_table2_plans_what_it_finds_and_names_what_is_missing(birds, cache, tmp_path):
    rc, out, err = gerne_nb('reproduce', 'table2', '--data-root', birds, '--dry-run', '--cache-dir', cache,
                            '--results', tmp_path / 't2.jsonl', '--figures', tmp_path)
    assert rc == 0 and 'Traceback' not in err, err
    lines = out.splitlines()
    assert any(l.startswith('table2: waterbirds: found; stage 1 plans') for l in lines), out
    for ds in ('celeba', 'civilcomments', 'toxicity-standin'):
        assert any(l.startswith(f'table2: {ds}: data not found') for l in lines), out
    assert 'dry run' in out and not (tmp_path / 't2.jsonl').exists()
    md = (tmp_path / 'table2.md').read_text()
    assert '| GERNE | ✓/✓ | quoted from the paper | 90.20 ± 0.22 | 91.98 ± 0.15 | 74.65 ± 0.20 |' in md
    assert 'CelebA**: not measured (data not found' in md

def test_table2_only_flags_are_refused_elsewhere():
    for args in (('table1-cmnist', '--dry-run'), ('fig2', '--datasets', 'celeba')):
        rc, out, err = gerne_nb('reproduce', *args)
        fct.test_eq(rc, 2); assert 'applies to reproduce table2 only' in err and 'Traceback' not in err, err
    rc, out, err = gerne_nb('reproduce', 'table2', '--epochs', '3')
    fct.test_eq(rc, 2); assert "SubpopBench's step counts" in err, err
    rc, out, err = gerne_nb('reproduce', 'table2', '--source', 'generate')  # a C-MNIST source: not Table 2's
    fct.test_eq(rc, 2); assert 'applies to reproduce table1-cmnist / fig2 / fig3 only' in err, err

def test_two_network_method_builds_its_second_text_model(cache, tmp_path):
    from conftest import data_root
    root = data_root()
    if not (root / 'wiki_toxicity').is_dir(): pytest.skip(f"wiki_toxicity not under {root}")
    rc, out, err = gerne_nb('train', '--dataset', 'toxicity-standin', '--method', 'lff', '--epochs', '1',
                            '--steps-per-epoch', '1', '--max-length', '16', '--data-root', root, '--cache-dir', cache,
                            '--out', tmp_path, '--quiet', '--device', 'cpu', env=dict(HF_HUB_OFFLINE='1'))
    assert rc == 0, err
    rec = read_results(tmp_path / 'results.jsonl')[0]
    fct.test_eq((rec['config']['arch'], rec['steps_per_epoch']), ('bert', 1))
