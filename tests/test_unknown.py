"GERNE without attribute labels from the command line: pseudo-groups, errors for bad t, the biased model trained once."
import subprocess, sys
import fastcore.test as fct
import pytest
from gerne_nb.experiment import read_results

def cli(*args):
    p = subprocess.run([sys.executable, '-m', 'gerne_nb.cli', *map(str, args)], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

SHORT = ['--epochs', '1', '--biased-epochs', '1', '--batch-per-class', '100', '--device', 'cpu', '--quiet']

def test_unknown_attributes_run_reports_precision_recall(mnist_root, cache, tmp_path):
    rc, out, err = cli('train', '--ratio', '0.005', '--attrs', 'unknown', '--t', '0.003', '--c', '0.5', '--beta', '2',
                       '--data-root', mnist_root, '--cache-dir', cache, '--out', tmp_path, *SHORT)
    assert rc == 0, err
    assert 'hard pseudo-group (t=0.003)' in out and 'precision' in out and 'recall' in out, out
    r = read_results(tmp_path / 'results.jsonl')[0]
    ps = r['pseudo']
    assert 0 <= ps['precision'] <= 1 and 0 <= ps['recall'] <= 1 and ps['n_conflicting'] == r['data']['n_conflicting_train']
    assert 150 <= ps['n_hard'] <= 170  # ⌊0.003·|X_y|⌋ summed over 10 classes of about 5,500
    fct.test_eq(r['config']['attrs'], 'unknown'); fct.test_eq(r['config']['t'], 0.003)

@pytest.mark.parametrize('t, message', [('0.6', 't=0.6 is outside the allowed range (0, 0.5]'),
                                        ('0.00001', 'leaves the hard pseudo-group of class 0 empty')])
def test_bad_threshold_is_a_clear_error(mnist_root, cache, tmp_path, t, message):
    rc, out, err = cli('train', '--ratio', '0.005', '--attrs', 'unknown', '--t', t, '--c', '0.5', '--beta', '1',
                       '--data-root', mnist_root, '--cache-dir', cache, '--out', tmp_path, *SHORT)
    assert rc == 2 and message in err and 'Traceback' not in err, err

def test_beta_bounds_come_from_the_pseudo_groups(mnist_root, cache, tmp_path):
    # with A = 2 pseudo-groups and t = 0.003, β_max = (1 − t)/(c(1/2 − t)) − 1 ≈ 3.01 at c = 0.5: β = 2.5 is fine, 3.5 is not
    rc, out, err = cli('train', '--ratio', '0.005', '--attrs', 'unknown', '--t', '0.003', '--c', '0.5', '--beta', '3.5',
                       '--data-root', mnist_root, '--cache-dir', cache, '--out', tmp_path, *SHORT)
    assert rc == 2 and 'admissible range [-1, 3.01' in err, err

def test_missing_t_is_a_clear_error(tmp_path):
    rc, out, err = cli('train', '--attrs', 'unknown', '--out', tmp_path)
    assert rc == 2 and 'needs a threshold t' in err

def test_sweep_trains_the_biased_model_once(mnist_root, cache, tmp_path):
    cmd = ['sweep', '--ratios', '0.005', '--methods', 'gerne', 'jtt', '--attrs', 'unknown', '--ts', '0.003', '0.005',
           '--cs', '0.5', '--betas', '2', '--jtt-up', '20', '--seeds', '7', '--workers', '2', '--data-root', mnist_root,
           '--cache-dir', cache, '--out', tmp_path, '--epochs', '1', '--biased-epochs', '1', '--batch-per-class', '100']
    rc, out, err = cli(*cmd)
    assert rc == 0, err
    fct.test_eq(out.count('biased model') - out.count('loaded from cache'), 1)  # trained once for the whole sweep
    recs = read_results(tmp_path / 'results.jsonl')
    fct.test_eq(sorted((r['config']['method'], r['config']['t']) for r in recs), [('gerne', 0.003), ('gerne', 0.005), ('jtt', None)])
    assert len({r['pseudo']['biased']['key'] for r in recs}) == 1
