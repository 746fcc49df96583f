"The Table 1 pipeline end to end at a tiny size: stage 1, both choices, stage 2, rendered tables."
import fastcore.test as fct
from collections import Counter
from gerne_nb.reproduce import reproduce_table1, table1_protocol, row_of, table_rows
from gerne_nb.experiment import read_results, spec_hash

def test_table1_pipeline(mnist_root, cache, tmp_path):
    grids = {'jtt': {'jtt_up': [1.0]}}  # an epoch of JTT passes over the upsampled set: λ_up = 1 keeps it short
    kw = dict(ratios=(0.005,), seeds=(0, 1), workers=1, cache=cache, progress=False, epochs=1, batch_per_class=100, grids=grids)
    res = tmp_path / 'results.jsonl'
    md, tex = reproduce_table1(mnist_root, res, tmp_path / 'fig', root=tmp_path, **kw)  # the paper's source: DFA-like
    s1, s2, recs = table1_protocol(res, ratios=(0.005,), seeds=(0, 1), epochs=1, batch_per_class=100, grids=grids,
                                   source='dfa-like')  # no data: the β bound from the records
    assert {s['source'] for s in s1 + s2} == {'dfa-like'}
    n = Counter(row_of(s).key for s in s1)  # GERNE's and ERM's rows; methods added later bring rows of their own
    fct.test_eq({k: n[k] for k in ('erm', 'erm_dfa', 'cb_erm', 'resample', 'gerne', 'gerne_unknown', 'jtt')},
                dict(erm=2, erm_dfa=2, cb_erm=2, resample=2, gerne=5, gerne_unknown=6, jtt=1))
    assert all(n[row.key] for _, row in table_rows('table1-cmnist') if row.recipes['table1-cmnist'].ratios in (None,) or
               0.005 in row.recipes['table1-cmnist'].ratios), n  # every row of the protocol runs
    assert len(recs) == len({spec_hash(s) for s in s1 + s2}) == len(read_results(res))  # both rules may choose one setting
    text = md.read_text()
    for needed in ('measured, test-oracle (paper)', 'measured, validation', 'quoted from the paper', 'ERM (DFA/LC recipe: Adam)',
                   'DFA-like Colored MNIST', 'empty groups', "not DFA's release", 'GERNE (pseudo-groups, tuned c, β, t)', 'JTT (tuned λ_up)', 'λ_up=',
                   '0.5 %: c='):
        assert needed in text, needed
    assert r'\toprule' in tex.read_text()
    n = len(read_results(res))
    reproduce_table1(mnist_root, res, tmp_path / 'fig', root=tmp_path, **kw)  # everything done: nothing reruns
    fct.test_eq(len(read_results(res)), n)
