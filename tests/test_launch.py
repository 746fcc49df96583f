"Sweeps through submitit's local executor: a run killed with SIGKILL mid-run resumes from its checkpoint exactly."
import json, os, signal, subprocess, sys, time
import pytest
import fastcore.test as fct
from gerne_nb.experiment import read_results
from gerne_nb.ledger import Ledger

def cli(*args):
    return [sys.executable, '-m', 'gerne_nb.cli', *map(str, args)]

def sweep(mnist_root, cache, out):
    return cli('sweep', '--data-root', mnist_root, '--cache-dir', cache, '--out', out, '--ratio', '0.005',
               '--methods', 'gerne', 'groupdro', '--seeds', '0', '1', '--epochs', '5', '--batch-per-class', '100',
               '--workers', '2', '--launcher', 'submitit-local')

def kill_first_checkpointed(ledger, proc, timeout=300) -> str:
    "SIGKILL the process of the first run that wrote a checkpoint; its run id."
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        for ck in sorted((ledger.dir / 'checkpoints').glob('*.pt')):
            marker = ledger.file('running', ck.stem)
            if marker.exists():
                os.kill(json.loads(marker.read_text())['pid'], signal.SIGKILL)
                return ck.stem
        time.sleep(0.02)
    raise AssertionError('no run wrote a checkpoint')

# 80 s: opt-in to keep CI inside its budget; CI still checks exact resumption of every method (notebook 05_train)
@pytest.mark.skipif(not os.environ.get('GERNE_NB_SLOW_TESTS'), reason='about 80 s: set GERNE_NB_SLOW_TESTS=1')
def test_killed_job_resumes_exactly(mnist_root, cache, tmp_path):
    out, results = tmp_path / 'sweep', tmp_path / 'sweep' / 'results.jsonl'
    cmd = sweep(mnist_root, cache, out)
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    killed = kill_first_checkpointed(Ledger(results), p)
    log = p.communicate(timeout=600)[0]
    assert p.returncode == 0, log
    assert killed not in {r['run_id'] for r in read_results(results)}, 'the run ended before it was killed'
    assert 'finished 3 of 4 runs' in log, log
    status = subprocess.run(cli('status', out), capture_output=True, text=True, check=True).stdout
    assert '3 done, 0 running, 1 failed, 0 pending' in status and f"{killed}  failed" in status, status
    assert 'resume with: gerne-nb sweep' in status, status

    again = subprocess.run(cmd, capture_output=True, text=True)
    assert again.returncode == 0 and '4 runs, 3 already in' in again.stdout, again.stdout + again.stderr
    recs = read_results(results)
    fct.test_eq(sorted(r['run_id'] for r in recs), sorted({r['run_id'] for r in recs}))  # every run once
    fct.test_eq(len(recs), 4)
    resumed = next(r for r in recs if r['run_id'] == killed)
    assert resumed.get('resumed_after_epoch', 0) >= 1, resumed.get('resumed_after_epoch')
    fct.test_eq(list((Ledger(results).dir / 'checkpoints').glob('*.pt')), [])  # cleared once recorded

    # the same spec, uninterrupted, without checkpoints, on as many threads as a sweep worker had
    spec = resumed['config']
    ref_out = tmp_path / 'ref'
    argv = ['train', '--data-root', mnist_root, '--cache-dir', cache, '--out', ref_out, '--quiet', '--threads', '1',
            '--checkpoint-every', '0', '--method', spec['method'], '--seed', spec['seed'], '--epochs', 5,
            '--batch-per-class', 100, '--ratio', '0.005']
    subprocess.run(cli(*argv), capture_output=True, text=True, check=True)
    ref = read_results(ref_out / 'results.jsonl')[0]
    fct.test_eq(ref['run_id'], killed)
    for k in ('history', 'final', 'selected', 'test_oracle'): fct.test_eq((k, resumed[k]), (k, ref[k]))

@pytest.mark.skipif(not os.environ.get('GERNE_NB_SLOW_TESTS'), reason='about 2 minutes: set GERNE_NB_SLOW_TESTS=1')
def test_time_limit_requeues_and_resumes(mnist_root, cache, tmp_path):
    "A job reaching its time limit is signalled, checkpointed and requeued by submitit, and resumes (Slurm's path)."
    out = tmp_path / 'rq'
    cmd = cli('sweep', '--data-root', mnist_root, '--cache-dir', cache, '--out', out, '--ratio', '0.005',
              '--methods', 'erm', '--seeds', '0', '--epochs', '60', '--batch-per-class', '100', '--threads', '1',
              '--launcher', 'submitit-local', '--time-min', '1')  # USR2 30 s before the minute is up
    log = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert log.returncode == 0 and 'finished 1 of 1 runs' in log.stdout, log.stdout + log.stderr
    rec, = read_results(out / 'results.jsonl')
    assert rec.get('resumed_after_epoch', 0) >= 1, 'the run was not requeued before its end'
    fct.test_eq(len(rec['history']), 60)
