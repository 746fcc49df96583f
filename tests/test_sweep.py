"Sweeps: killed midway and restarted, they recompute nothing finished and duplicate nothing; worker processes work."
import os, signal, subprocess, sys, time
from pathlib import Path
import fastcore.test as fct
from gerne_nb.experiment import read_results

def sweep_cmd(mnist_root, cache, out, *extra):
    return [sys.executable, '-m', 'gerne_nb.cli', 'sweep', '--data-root', str(mnist_root), '--cache-dir', str(cache),
            '--ratios', '0.005', '--out', str(out), '--epochs', '1', '--batch-per-class', '100', *extra]

def test_killed_sweep_resumes_without_recomputing_or_duplicating(mnist_root, cache, tmp_path):
    cmd = sweep_cmd(mnist_root, cache, tmp_path, '--methods', 'erm', 'cb_erm', '--seeds', '0', '1', '2', '--workers', '1')
    results = tmp_path / 'results.jsonl'
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 300
    while time.time() < deadline and (not results.exists() or len(results.read_text().splitlines()) < 2): time.sleep(0.2)
    p.send_signal(signal.SIGKILL); p.wait()
    before = results.read_text()
    n_before = len(before.splitlines())
    assert 2 <= n_before < 6, n_before  # killed midway: some runs finished, not all
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    assert f"6 runs, {n_before} already in" in out and f"{6 - n_before} to run" in out, out
    after = results.read_text()
    assert after.startswith(before)  # nothing rewritten
    ids = [r['run_id'] for r in read_results(results)]
    fct.test_eq(len(ids), 6); fct.test_eq(len(set(ids)), 6)
    again = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    assert '6 already in' in again and '0 to run' in again
    fct.test_eq(results.read_text(), after)

def test_sweep_with_worker_processes_and_beta_grid(mnist_root, cache, tmp_path):
    cmd = sweep_cmd(mnist_root, cache, tmp_path, '--methods', 'gerne', '--cs', '0.5', '--beta-grid', '2', '--beta-lo', '0',
                    '--seeds', '0', '--workers', '2')
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    assert '2 worker(s)' in out, out
    recs = read_results(tmp_path / 'results.jsonl')
    betas = sorted(r['config']['beta'] for r in recs)
    fct.test_eq(betas[0], 0.0); assert 1.2 < betas[1] < 1.2235  # β_max of C-MNIST 0.5 % at c = 0.5, kept inside
    assert all(not r['diverged'] for r in recs)
