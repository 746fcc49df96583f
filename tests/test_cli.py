"The gerne-nb command: exit codes, messages, the results file, reproducibility."
import json, subprocess, sys
import fastcore.test as fct
import pytest
from gerne_nb.cli import main
from gerne_nb.experiment import read_results

def gerne_nb(*args, env_cache=None):
    "Run the installed entry point as a user would; (returncode, stdout, stderr)."
    p = subprocess.run([sys.executable, '-m', 'gerne_nb.cli', *map(str, args)], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

SHORT = ['--epochs', '2', '--batch-per-class', '100', '--device', 'cpu', '--quiet']

def test_beta_outside_bounds_is_one_line(mnist_root, cache, tmp_path):
    rc, out, err = gerne_nb('train', '--dataset', 'cmnist', '--ratio', '0.005', '--c', '0.5', '--beta', '5',
                            '--data-root', mnist_root, '--cache-dir', cache, '--out', tmp_path)
    assert rc != 0
    lines = err.strip().splitlines()
    fct.test_eq(len(lines), 1)
    assert 'beta=5 is outside the admissible range [-1, 1.22' in lines[0], lines[0]
    assert not (tmp_path / 'results.jsonl').exists()

def test_missing_mnist_says_what_where_how(tmp_path):
    rc, out, err = gerne_nb('train', '--data-root', tmp_path / 'nowhere', '--cache-dir', tmp_path, '--out', tmp_path)
    assert rc == 2 and 'Traceback' not in err
    for needed in ('train-images-idx3-ubyte', 't10k-labels-idx1-ubyte', str(tmp_path / 'nowhere' / 'mnist'),
                   str(tmp_path / 'nowhere' / 'MNIST' / 'raw'), '--download'):
        assert needed in err, (needed, err)

@pytest.mark.parametrize('flags, message', [(['--c', '0'], 'c=0.0 is outside the allowed range (0, 1]'),
                                            (['--device', 'tpu'], "unknown device 'tpu'"),
                                            (['--ratio', '1.5'], 'ratio=1.5 is outside the allowed range (0, 1)')])
def test_bad_values_are_clear(mnist_root, cache, tmp_path, flags, message):
    rc, out, err = gerne_nb('train', '--data-root', mnist_root, '--cache-dir', cache, '--out', tmp_path, *SHORT, *flags)
    assert rc == 2 and message in err and 'Traceback' not in err, err

def test_unknown_method_is_an_argparse_error(tmp_path):
    rc, out, err = gerne_nb('train', '--method', 'nosuch', '--out', tmp_path)
    assert rc == 2 and "invalid choice: 'nosuch'" in err

def test_bounds_command(mnist_root, cache, capsys):
    fct.test_eq(main(['bounds', '--ratio', '0.005', '--c', '0.5', '--data-root', str(mnist_root), '--cache-dir', str(cache)]), 0)
    assert 'beta in [-1, 1.22' in capsys.readouterr().out

def test_train_appends_a_complete_record(mnist_root, cache, tmp_path, capsys):
    args = ['train', '--ratio', '0.005', '--method', 'gerne', '--c', '0.5', '--beta', '1', '--data-root', str(mnist_root),
            '--cache-dir', str(cache), '--out', str(tmp_path), *SHORT]
    fct.test_eq(main(args), 0)
    assert 'appended to' in capsys.readouterr().out
    r = read_results(tmp_path / 'results.jsonl')[0]
    for key in ('config', 'seed', 'versions', 'wall_time_s', 'history', 'final', 'selected', 'test_oracle'): assert key in r
    for key in ('dataset', 'ratio', 'method', 'c', 'beta', 'seed', 'epochs', 'lr', 'weight_decay', 'batch_per_class', 'device'):
        assert key in r['config'], key
    fct.test_eq(len(r['history']), 2)
    assert {'L_b', 'L_lb', 'L_ext'} <= set(r['history'][0])
    for sel in ('final', 'selected', 'test_oracle'):
        for split in ('val', 'test'):
            assert {'gba', 'wga', 'acc', 'conflict_acc'} <= set(r[sel][split])
    assert r['data']['n_train'] == 55000 and r['data']['n_test'] == 10000 and 'built from MNIST' in r['data']['source']

def test_same_seed_same_final_metrics(mnist_root, cache, tmp_path):
    def final(seed, out):
        args = ['train', '--ratio', '0.005', '--beta', '1', '--seed', str(seed), '--data-root', str(mnist_root),
                '--cache-dir', str(cache), '--out', str(out), *SHORT]
        fct.test_eq(main(args), 0)
        return read_results(out / 'results.jsonl')[-1]['final']
    a, b = final(0, tmp_path / 'a'), final(0, tmp_path / 'b')
    fct.test_eq(a, b)
    assert final(1, tmp_path / 'c') != a

@pytest.mark.parametrize('method', ['cb_erm', 'resample', 'erm'])
def test_baselines_run(mnist_root, cache, tmp_path, method):
    args = ['train', '--ratio', '0.005', '--method', method, '--data-root', str(mnist_root), '--cache-dir', str(cache),
            '--out', str(tmp_path), '--epochs', '1', '--batch-per-class', '50', '--quiet']
    fct.test_eq(main(args), 0)
    r = read_results(tmp_path / 'results.jsonl')[0]
    fct.test_eq(r['config'].get('beta'), -1.0 if method == 'cb_erm' else None)
    fct.test_eq('L_lb' in r['history'][0], method != 'erm')  # ERM draws one batch: there is no less-biased loss
    assert not r['diverged'] and r['history'][0]['L_b'] < 2.3, r['history'][0]
    assert r['final']['test']['acc'] > 0.15  # one epoch on real data already beats chance (0.10)

def test_another_methods_flag_is_refused(tmp_path):
    "A flag the chosen method does not take is one line before any data is read, not silently ignored."
    rc, out, err = gerne_nb('train', '--method', 'erm', '--beta', '2', '--data-root', tmp_path / 'nowhere', '--out', tmp_path)
    assert rc == 2 and err.count('\n') == 1 and '--beta is a hyperparameter of method gerne, not of erm' in err, err
