"The Table 1 pipeline end to end at a tiny size: stage 1, both choices, stage 2, rendered tables."
import fastcore.test as fct
from gerne_nb.reproduce import reproduce_table1, table1_protocol
from gerne_nb.experiment import read_results, spec_hash

def test_table1_pipeline(mnist_root, cache, tmp_path):
    grids = {'jtt': {'jtt_up': [1.0]}}  # an epoch of JTT passes over the upsampled set: λ_up = 1 keeps it short
    kw = dict(ratios=(0.005,), seeds=(0, 1), workers=1, cache=cache, progress=False, epochs=1, batch_per_class=100, grids=grids)
    res = tmp_path / 'results.jsonl'
    md, tex = reproduce_table1(mnist_root, res, tmp_path / 'fig', **kw)
    s1, s2, recs = table1_protocol(res, ratios=(0.005,), seeds=(0, 1), epochs=1, batch_per_class=100, grids=grids)  # no data: α_max from the records
    fct.test_eq(len(s1), 4 * 2 + 5 + 6 + 1)  # erm (SGD, Adam), cb_erm, resample × 2 seeds + 5 grid points + 6 (t, β) + 1 JTT λ_up
    assert len(recs) == len({spec_hash(s) for s in s1 + s2}) == len(read_results(res))  # both rules may choose one setting
    text = md.read_text()
    for needed in ('measured, test-oracle (paper)', 'measured, validation', 'quoted from the paper', 'ERM (DFA/LC recipe: Adam)',
                   "Not DFA's release", 'GERNE (pseudo-groups, tuned c, β, t)', 'JTT (tuned λ_up)', 'λ_up=',
                   '0.5 %: c='):
        assert needed in text, needed
    assert r'\toprule' in tex.read_text()
    n = len(read_results(res))
    reproduce_table1(mnist_root, res, tmp_path / 'fig', **kw)  # everything done: nothing reruns
    fct.test_eq(len(read_results(res)), n)
