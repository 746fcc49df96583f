"Identities that hold: every run committed under figures/results keeps its run id under today's spec and hash rules."
import json
from pathlib import Path
import fastcore.test as fct
from gerne_nb.experiment import make_spec, spec_hash, read_results

RESULTS = Path(__file__).resolve().parent.parent / 'figures' / 'results'

def committed():
    recs = [r for p in sorted(RESULTS.rglob('*.jsonl')) if not any(d.endswith('.runs') for d in p.parts)
            for r in read_results(p)]  # not the ledgers beside them
    assert len(recs) > 150, len(recs)  # the committed stores are there
    return recs

def test_committed_run_ids_recompute_from_their_configs():
    bad = [r['run_id'] for r in committed() if spec_hash(r['config']) != r['run_id']]
    fct.test_eq(bad, [])

def test_committed_configs_are_canonical_specs():
    "make_spec, given a stored config back, returns a spec with the same identity: old records read as today's specs."
    bad = []
    for r in committed():
        spec = make_spec(**{k: v for k, v in r['config'].items() if k != 'device'})
        if spec_hash(spec) != r['run_id']: bad.append((r['run_id'], r['config']['method']))
    fct.test_eq(bad, [])
