"What a new user runs first: redraws without data, clear one-line errors, nothing lost or duplicated, visible progress."
import gzip, os, shutil, signal, subprocess, sys, time
from pathlib import Path
import fastcore.test as fct
import pytest
from gerne_nb.experiment import read_results
from gerne_nb.reproduce import CMNIST_SOURCES

ROOT = Path(__file__).resolve().parent.parent
SHORT = ['--epochs', '1', '--batch-per-class', '100', '--device', 'cpu']

def cli(*args, env=None, cwd=ROOT):
    env = {k: v for k, v in os.environ.items() if k != 'CI'} | (env or {})
    p = subprocess.run([sys.executable, '-m', 'gerne_nb.cli', *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd)
    return p.returncode, p.stdout, p.stderr

def test_redraws_read_only_the_results(tmp_path):
    "`table` and `figure` need no data root and build no cache; they redraw the committed files byte for byte."
    cache = tmp_path / 'cache'
    env = {'GERNE_NB_CACHE': str(cache)}
    for what in (('table', 'table1-cmnist'), ('table', 'table1-images'), ('figure', 'fig2'), ('figure', 'fig3')):
        rc, out, err = cli(*what, '--figures', tmp_path / 'fig', env=env)
        assert rc == 0, (what, err)
    assert not cache.exists() or not any(cache.rglob('*')), list(cache.rglob('*'))
    figs = [f'{fig}{src.tag}.{ext}' for fig in ('fig2_beta_ablation', 'fig2_beta_sweep', 'fig3_threshold')
            for src in CMNIST_SOURCES.values() for ext in ('png', 'svg')]  # every C-MNIST source
    for name in ('table1_cmnist.md', 'table1_cmnist.tex', 'table1_images.md', *figs):
        assert (tmp_path / 'fig' / name).read_bytes() == (ROOT / 'figures' / name).read_bytes(), name

def test_output_path_is_checked_before_any_work(tmp_path):
    rc, out, err = cli('train', '--out', '/proc/x', '--data-root', tmp_path / 'no-data-here', '--cache-dir', tmp_path)
    fct.test_eq((rc, err.count('\n')), (2, 1))
    assert 'cannot write results to /proc/x/results.jsonl' in err, err  # not "MNIST not found": nothing was read

def test_same_train_twice_is_one_run_and_force_adds_a_replicate(mnist_root, cache, tmp_path):
    args = ['train', '--ratio', '0.5%', '--method', 'erm', '--data-root', mnist_root, '--cache-dir', cache, '--out', tmp_path,
            '--quiet', *SHORT]
    assert cli(*args)[0] == 0
    rc, out, err = cli(*args)
    assert rc == 0 and 'is already in' in out and 'skipped' in out, out
    fct.test_eq(len(read_results(tmp_path / 'results.jsonl')), 1)
    assert cli(*args, '--force')[0] == 0
    recs = read_results(tmp_path / 'results.jsonl')
    fct.test_eq(len({r['run_id'] for r in recs}), 2)
    fct.test_eq([r['config']['replicate'] for r in recs], [0, 1])
    fct.test_eq(recs[0]['final'], recs[1]['final'])  # the same spec and seed, trained again

def test_ctrl_c_is_one_line_and_keeps_what_finished(mnist_root, cache, tmp_path):
    args = [sys.executable, '-m', 'gerne_nb.cli', 'train', '--data-root', mnist_root, '--cache-dir', cache, '--out', tmp_path,
            '--epochs', '50', '--device', 'cpu']
    env = {k: v for k, v in os.environ.items() if k != 'CI'}
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    first = p.stderr.readline()  # progress lines go to stderr when it is not a terminal
    while first.startswith('gerne-nb: note:'): first = p.stderr.readline()  # a hint on a busy machine
    assert first.startswith('epoch 1/50'), first
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=120)
    fct.test_eq(p.returncode, 130)
    lines = [l for l in err.splitlines() if not l.startswith(('epoch ', 'gerne-nb: note:'))]
    fct.test_eq(len(lines), 1); assert 'interrupted' in lines[0] and 'Traceback' not in err, err

def test_progress_is_a_line_per_epoch_off_a_terminal_and_silent_when_asked(mnist_root, cache, tmp_path):
    args = ['train', '--method', 'erm', '--data-root', mnist_root, '--cache-dir', cache, '--epochs', '2', '--device', 'cpu']
    rc, out, err = cli(*args, '--out', tmp_path / 'a')
    lines = [l for l in err.splitlines() if not l.startswith('gerne-nb: note:')]  # a hint on a busy machine
    assert rc == 0 and [l[:10] for l in lines] == ['epoch 1/2 ', 'epoch 2/2 '], err
    rc, out, err = cli(*args, '--out', tmp_path / 'b', '--quiet')
    assert rc == 0 and err == '', err
    rc, out, err = cli(*args, '--out', tmp_path / 'c', env={'CI': 'true'})
    assert rc == 0 and err == '', err

@pytest.fixture
def mnist_copy(mnist_root, tmp_path):
    d = tmp_path / 'mnist'
    shutil.copytree(mnist_root / 'mnist', d)
    return tmp_path

def test_truncated_gzip_is_named_in_one_line(mnist_copy, tmp_path):
    f = mnist_copy / 'mnist' / 't10k-labels-idx1-ubyte.gz'
    f.write_bytes(f.read_bytes()[:2000])
    rc, out, err = cli('train', '--data-root', mnist_copy, '--cache-dir', tmp_path / 'c', '--out', tmp_path / 'o', '--quiet')
    fct.test_eq((rc, err.count('\n')), (2, 1))
    assert str(f) in err and 'Traceback' not in err, err

@pytest.mark.parametrize('damage, message', [('magic', 'not an unsigned-byte IDX file'), ('size', 'truncated IDX file')])
def test_damaged_idx_is_named_in_one_line(mnist_copy, tmp_path, damage, message):
    f = mnist_copy / 'mnist' / 't10k-labels-idx1-ubyte.gz'
    raw = gzip.decompress(f.read_bytes())
    raw = b'\x00\x00\x09\x01' + raw[4:] if damage == 'magic' else raw[:-10]
    f.write_bytes(gzip.compress(raw))
    rc, out, err = cli('train', '--data-root', mnist_copy, '--cache-dir', tmp_path / 'c', '--out', tmp_path / 'o', '--quiet')
    fct.test_eq((rc, err.count('\n')), (2, 1))
    assert str(f) in err and message in err, err

def test_ratio_forms_and_zero_epochs(tmp_path):
    rc, out, err = cli('train', '--epochs', '0', '--out', tmp_path)
    assert rc == 2 and 'epochs=0 is outside the allowed range [1, ∞)' in err, err
    rc, out, err = cli('train', '--ratio', '0.5', '--data-root', tmp_path / 'none', '--out', tmp_path, '--cache-dir', tmp_path)
    assert 'means 50 % bias-conflicting samples' in err, err
    rc, out, err = cli('bounds', '--ratio', 'half')
    assert rc == 2 and "argument --ratio: 'half' is not a ratio (write 0.005 or 0.5%)" in err, err
