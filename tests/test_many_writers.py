"Many writers on one results file: concurrent appends, some writers killed mid-write; no record lost, torn or doubled."
import json, multiprocessing as mp, os, signal, time
import fastcore.test as fct
from gerne_nb.experiment import append_result, read_results

PAD = 'x' * 30000  # records as large as real ones (tens of kB), so that writes take several syscalls' worth of time

def writer(path, w, n, torn):
    for i in range(n):
        append_result(path, dict(run_id=f'{w}-{i}', pad=PAD))
    if torn:  # then die in the middle of a line, as a process killed while writing would leave it
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        os.write(fd, json.dumps(dict(run_id=f'{w}-torn', pad=PAD)).encode()[:1234])
        os.kill(os.getpid(), signal.SIGKILL)

def killer(path, w):
    "A writer SIGKILLed at a random moment while appending."
    p = mp.get_context('fork').Process(target=writer, args=(path, w, 10**6, False))
    p.start(); time.sleep(0.05 + 0.01 * w); os.kill(p.pid, signal.SIGKILL); p.join()

def test_eight_writers_fifty_records_some_killed(tmp_path, capfd):
    path = tmp_path / 'results.jsonl'
    ctx = mp.get_context('fork')
    procs = [ctx.Process(target=writer, args=(path, w, 50, w % 3 == 0)) for w in range(8)]
    procs += [ctx.Process(target=killer, args=(path, w)) for w in (100, 101)]
    for p in procs: p.start()
    for p in procs: p.join()
    recs = read_results(path)
    ids = [r['run_id'] for r in recs]
    fct.test_eq(len(ids), len(set(ids)))  # nothing written twice
    complete = {f'{w}-{i}' for w in range(8) for i in range(50)}
    fct.test_eq(complete - set(ids), set())  # every completed record is there
    assert all(r['pad'] == PAD for r in recs)  # none torn or interleaved
    fct.test_eq({i for i in ids if i.endswith('torn')}, set())
    err = capfd.readouterr().err
    assert 'skipped' in err and 'incomplete line' in err, err  # the torn lines are reported, not fatal
