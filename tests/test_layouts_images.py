"DFA's released cifar10c and bffhq layouts (fixtures written here), and the real-data builders that stand in for them."
import shutil
from pathlib import Path
import numpy as np, torch, pytest
import fastcore.test as fct
from PIL import Image
from gerne_nb.data.ccifar import read_dfa_cifar10c
from gerne_nb.data.bffhq import read_dfa_bffhq
from gerne_nb.data import DataNotFoundError

def png(path, y, a, side=32):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((side, side, 3), 25 * y + 2 * a, dtype=np.uint8)).save(path)

def cifar10c_fixture(root, pct='1pct'):
    "Every (class, corruption) group once in training, one image per group in valid/ and two per class in test/<y>/."
    base = root / 'cifar10c'
    for y in range(10):
        for a in range(10):
            png(base / pct / ('align' if a == y else 'conflict') / str(y) / f'{y}{a}_{y}_{a}.png', y, a)
            png(base / pct / 'valid' / str(y) / f'v{y}{a}_{y}_{a}.png', y, a)
        for a in (y, (y + 1) % 10): png(base / 'test' / str(y) / f't{y}{a}_{y}_{a}.png', y, a)
    return base

def bffhq_fixture(root, pct='0.5pct'):
    "bFFHQ's layout: <pct>/{align,conflict}/<y>/, flat valid/ and test/ with every (age, gender) pair."
    base = root / 'bffhq'
    for y in range(2):
        for i in range(3): png(base / pct / 'align' / str(y) / f'{i}_{y}_{y}.png', y, y, 16)
        png(base / pct / 'conflict' / str(y) / f'9_{y}_{1 - y}.png', y, 1 - y, 16)
        for a in range(2):
            for i in range(2):
                png(base / 'valid' / f'v{i}_{y}_{a}.png', y, a, 16); png(base / 'test' / f't{i}_{y}_{a}.png', y, a, 16)
    return base

def test_cifar10c_reads(tmp_path):
    cifar10c_fixture(tmp_path)
    ds = read_dfa_cifar10c(tmp_path, 0.01)
    fct.test_eq((len(ds.train), len(ds.val), len(ds.test)), (100, 100, 20))
    fct.test_eq(ds.train.counts(10, 10), torch.ones(10, 10, dtype=torch.long))
    fct.test_eq(ds.train.x[:, 0, 0, 0].long(), 25 * ds.train.y + 2 * ds.train.a)  # pixels travel with their labels

def test_bffhq_reads_conflict_only_test_by_default(tmp_path):
    bffhq_fixture(tmp_path)
    ds = read_dfa_bffhq(tmp_path, 0.005)
    fct.test_eq(len(ds.train), 8); fct.test_eq(len(ds.val), 8)
    fct.test_eq(len(ds.test), 4); assert (ds.test.a != ds.test.y).all()  # young men and old women only
    fct.test_eq(len(read_dfa_bffhq(tmp_path, 0.005, test='all').test), 8)
    fct.test_eq(read_dfa_bffhq(tmp_path, 0.005, size=(8, 8)).train.x.shape[1:], (3, 8, 8))

@pytest.mark.parametrize('layout', ['cifar10c', 'bffhq'])
def test_missing_folder_names_it(tmp_path, layout):
    if layout == 'cifar10c':
        base = cifar10c_fixture(tmp_path); shutil.rmtree(base / '1pct' / 'valid')
        with pytest.raises(DataNotFoundError, match=str(base / '1pct' / 'valid') + ' does not exist'): read_dfa_cifar10c(tmp_path, 0.01)
    else:
        base = bffhq_fixture(tmp_path); shutil.rmtree(base / 'test')
        with pytest.raises(DataNotFoundError, match=str(base / 'test') + ' does not exist'): read_dfa_bffhq(tmp_path, 0.005)

@pytest.mark.parametrize('layout', ['cifar10c', 'bffhq'])
def test_unparsable_name_names_the_file(tmp_path, layout):
    if layout == 'cifar10c':
        bad = cifar10c_fixture(tmp_path) / '1pct' / 'conflict' / '4' / 'frog_4.png'; png(bad, 4, 0)
        reader = lambda: read_dfa_cifar10c(tmp_path, 0.01)
    else:
        bad = bffhq_fixture(tmp_path) / 'valid' / 'face-17.png'; png(bad, 0, 0, 16)
        reader = lambda: read_dfa_bffhq(tmp_path, 0.005)
    with pytest.raises(ValueError, match=str(bad)): reader()

@pytest.mark.parametrize('layout', ['cifar10c', 'bffhq'])
def test_empty_group_is_read_as_empty(tmp_path, layout):
    if layout == 'cifar10c':
        base = cifar10c_fixture(tmp_path); (base / '1pct' / 'conflict' / '7' / '72_7_2.png').unlink()
        fct.test_eq(read_dfa_cifar10c(tmp_path, 0.01).train.counts(10, 10)[7, 2], 0)
    else:
        base = bffhq_fixture(tmp_path); (base / '0.5pct' / 'conflict' / '1' / '9_1_0.png').unlink()
        fct.test_eq(read_dfa_bffhq(tmp_path, 0.005).train.counts(2, 2)[1, 0], 0)

def test_labels_out_of_range_name_the_file(tmp_path):
    base = bffhq_fixture(tmp_path); bad = base / 'test' / 't5_0_2.png'; png(bad, 0, 2, 16)
    with pytest.raises(ValueError, match=str(bad)): read_dfa_bffhq(tmp_path, 0.005)

def _shared():
    from conftest import data_root
    return data_root()

@pytest.fixture(scope='module')
def utkface_root():
    root = _shared()
    if not (root / 'utkface').is_dir(): pytest.skip(f"UTKFace not found under {root}")
    return root

def test_bffhq_standin_protocol_on_real_faces(utkface_root, cache):
    from gerne_nb.data.bffhq import make_bffhq_utkface
    ds = make_bffhq_utkface(utkface_root, 0.005, size=16)
    fct.test_eq(ds.test.counts(2, 2).tolist(), [[250, 250], [250, 250]])  # group-balanced test
    fct.test_eq(ds.val.counts(2, 2).tolist(), [[125, 125], [125, 125]])
    c = ds.train.counts(2, 2)
    fct.test_eq(c.diagonal().tolist(), [1205, 1205]); fct.test_eq((c.sum() - c.trace()).item(), 12)  # 0.5 % per class
    assert 'NOT bFFHQ' in ds.source and 'UTKFace' in ds.source

def test_ccifar_from_jpeg_subset(cache):
    root = _shared()
    if not (root / 'cifar10_jpg').is_dir(): pytest.skip(f"JPEG CIFAR-10 not found under {root}")
    from gerne_nb.data.ccifar import corrupted_cifar10
    from gerne_nb.data.cmnist import attr_counts
    ds = corrupted_cifar10(root, 0.05, limit=40, cache=cache, workers=2, progress=False)
    fct.test_eq((len(ds.train), len(ds.val), len(ds.test)), (400, 400, 400))
    fct.test_eq(ds.train.counts(10, 10), attr_counts([40] * 10, 0.95))
    assert 'JPEG CIFAR-10' in ds.source and 'type0' in ds.source
    from gerne_nb.data.ccifar import load_cifar10, make_corrupted_cifar10
    again = make_corrupted_cifar10(load_cifar10(root, cache=cache), 0.05, limit=40, workers=1, progress=False)  # in this process
    fct.test_eq(again.train.x, ds.train.x)  # the same images whatever the number of workers
