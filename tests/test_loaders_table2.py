"Table 2's loaders from the outside: Waterbirds and CelebA fixtures in released layouts, via load_dataset."
from pathlib import Path
import pandas as pd, pytest, torch
import fastcore.test as fct
from gerne_nb.data import DATASETS, DataNotFoundError, load_dataset
from gerne_nb.data.waterbirds import WATERBIRDS_DIRS, write_waterbirds_fixture
from gerne_nb.data.celeba import CELEBA_ATTRS, CELEBA_DIRS, write_celeba_fixture
import gerne_nb.data.image_cache as image_cache

TRAIN, VAL, TEST = (7, 2, 1, 4), (2, 2, 1, 1), (3, 3, 2, 2)  # per (y, a) = (0,0), (0,1), (1,0), (1,1)

def groups(split): return split.counts(2, 2).flatten().tolist()

def message(f) -> str:
    "The message of the DataNotFoundError that `f()` raises."
    with pytest.raises(DataNotFoundError) as e: f()
    return str(e.value)

@pytest.fixture
def decodes(monkeypatch):
    "Count the images decoded in this process (a fixture is one chunk of ≤128 images, decoded here)."
    n = [0]
    real = image_cache.decode_image
    def counted(*args, **kw):
        n[0] += 1
        return real(*args, **kw)
    monkeypatch.setattr(image_cache, 'decode_image', counted)
    return n

def check_pixels(ds):
    "The fixtures' colour cue: red for class 1, blue for attribute 1; every row must keep its labels."
    for s in (ds.train, ds.val, ds.test):
        fct.test_eq((s.x[:, 0, 112, 112] > 120).long(), s.y)
        fct.test_eq((s.x[:, 2, 112, 112] > 120).long(), s.a)

@pytest.mark.parametrize('layout', ['group_dro', 'wilds', 'subpopbench'])
def test_waterbirds_layouts(tmp_path, layout):
    folder = write_waterbirds_fixture(tmp_path / 'data', layout, TRAIN, VAL, TEST)
    ds = load_dataset('waterbirds', tmp_path / 'data', cache=tmp_path / 'cache')
    fct.test_eq([groups(s) for s in (ds.train, ds.val, ds.test)], [list(TRAIN), list(VAL), list(TEST)])
    fct.test_eq((ds.train.x.shape[1:], ds.train.x.dtype), ((3, 224, 224), torch.uint8))
    fct.test_eq((ds.n_classes, ds.n_attrs), (2, 2))
    check_pixels(ds)
    assert str(folder / 'metadata.csv') in ds.source, ds.source
    fct.test_eq(ds.meta['layout'], 'wilds' if layout == 'wilds' else 'group_dro')
    assert ds.meta['transform'].startswith('Resize((256, 256)) → CenterCrop(224)')

@pytest.mark.parametrize('fmt', ['txt', 'csv'])
def test_celeba_formats(tmp_path, fmt):
    folder = write_celeba_fixture(tmp_path / 'data', fmt, TRAIN, VAL, TEST, size=(44, 54))
    ds = load_dataset('celeba', tmp_path / 'data', cache=tmp_path / 'cache')
    fct.test_eq([groups(s) for s in (ds.train, ds.val, ds.test)], [list(TRAIN), list(VAL), list(TEST)])
    check_pixels(ds)
    assert str(folder / f'list_attr_celeba.{fmt}') in ds.source, ds.source
    assert ds.meta['transform'].startswith('CenterCrop(178) → Resize(224)')

def test_celeba_attributes_by_name(tmp_path):
    "Blond_Hair and Male are found by name: a CSV with its columns reversed reads the same groups."
    folder = write_celeba_fixture(tmp_path, 'csv', TRAIN, VAL, TEST, size=(20, 24))
    df = pd.read_csv(folder / 'list_attr_celeba.csv')
    df[['image_id'] + list(reversed(CELEBA_ATTRS))].to_csv(folder / 'list_attr_celeba.csv', index=False)
    ds = load_dataset('celeba', tmp_path, cache=tmp_path / 'cache')
    fct.test_eq(groups(ds.train), list(TRAIN))

def test_cache_built_once_then_read(tmp_path, decodes):
    write_waterbirds_fixture(tmp_path / 'data')
    first = load_dataset('waterbirds', tmp_path / 'data', cache=tmp_path / 'cache')
    fct.test_eq(decodes[0], sum(TRAIN) + sum(VAL) + sum(TEST))
    data = Path(first.meta['cache_file'])
    mtime = data.stat().st_mtime_ns
    again = load_dataset('waterbirds', tmp_path / 'data', cache=tmp_path / 'cache')
    fct.test_eq((decodes[0], data.stat().st_mtime_ns), (30, mtime))  # nothing decoded, nothing rewritten
    fct.test_eq(again.train.x, first.train.x)
    fct.test_eq(sorted(p.suffix for p in (tmp_path / 'cache').iterdir()), ['.pt', '.u8'])

def test_cache_is_memory_mapped(tmp_path):
    "The splits are views of one file-backed buffer; index_select (how batches are drawn) works on them."
    write_celeba_fixture(tmp_path, size=(20, 24))
    ds = load_dataset('celeba', tmp_path, cache=tmp_path / 'cache')
    size = Path(ds.meta['cache_file']).stat().st_size
    fct.test_eq([s.x.untyped_storage().nbytes() for s in (ds.train, ds.val, ds.test)], [size] * 3)
    rows = torch.tensor([3, 0, 3])
    fct.test_eq(ds.train.x.index_select(0, rows), torch.stack([ds.train.x[3], ds.train.x[0], ds.train.x[3]]))

def test_torn_cache_is_rebuilt(tmp_path, decodes):
    write_celeba_fixture(tmp_path / 'data', size=(20, 24))
    ds = load_dataset('celeba', tmp_path / 'data', cache=tmp_path / 'cache')
    n = decodes[0]
    Path(ds.meta['cache_file']).with_suffix('.pt').unlink()  # the build stopped before its sidecar
    again = load_dataset('celeba', tmp_path / 'data', cache=tmp_path / 'cache')
    fct.test_eq(decodes[0], 2 * n)
    fct.test_eq(again.test.x, ds.test.x)
    Path(ds.meta['cache_file']).with_suffix('.pt').write_bytes(b'torn')  # a damaged sidecar
    load_dataset('celeba', tmp_path / 'data', cache=tmp_path / 'cache')
    fct.test_eq(decodes[0], 3 * n)

def test_limit(tmp_path):
    write_waterbirds_fixture(tmp_path)
    ds = load_dataset('waterbirds', tmp_path, cache=tmp_path / 'cache', limit=2)
    fct.test_eq([s.counts(2, 2).sum(1).tolist() for s in (ds.train, ds.val, ds.test)], [[2, 2]] * 3)
    assert ds.source.endswith('≤2 per class and split')

def test_missing_data_one_line(tmp_path):
    msg = message(lambda: load_dataset('waterbirds', tmp_path, cache=tmp_path / 'cache'))
    fct.test_eq(len(msg.splitlines()), 1)
    assert 'metadata.csv' in msg
    for sub in WATERBIRDS_DIRS: assert str(tmp_path / sub) in msg, sub
    msg = message(lambda: load_dataset('celeba', tmp_path, cache=tmp_path / 'cache'))
    fct.test_eq(len(msg.splitlines()), 1)
    assert 'list_attr_celeba.txt|.csv' in msg and 'list_eval_partition.txt|.csv' in msg
    for sub in CELEBA_DIRS: assert str(tmp_path / sub) in msg, sub

def test_missing_image_named(tmp_path):
    folder = write_celeba_fixture(tmp_path, size=(20, 24))
    (folder / 'img_align_celeba' / '000002.jpg').unlink()
    msg = message(lambda: load_dataset('celeba', tmp_path, cache=tmp_path / 'cache'))
    assert str(folder / 'img_align_celeba' / '000002.jpg') in msg and len(msg.splitlines()) == 1

def test_malformed_files_one_line(tmp_path):
    folder = write_waterbirds_fixture(tmp_path)
    pd.read_csv(folder / 'metadata.csv').drop(columns='place').to_csv(folder / 'metadata.csv', index=False)
    with pytest.raises(ValueError) as e: load_dataset('waterbirds', tmp_path, cache=tmp_path / 'cache')
    fct.test_eq(str(e.value).splitlines()[0], str(e.value))
    assert str(folder / 'metadata.csv') in str(e.value) and "'place'" in str(e.value)
    celeba = write_celeba_fixture(tmp_path / 'c', size=(20, 24))
    lines = (celeba / 'list_attr_celeba.txt').read_text().splitlines()
    (celeba / 'list_attr_celeba.txt').write_text('\n'.join(lines[:-3]) + '\n')  # a truncated download
    with pytest.raises(ValueError, match='declares 26 images but 23 are listed'):
        load_dataset('celeba', tmp_path / 'c', cache=tmp_path / 'cache')

def test_registered():
    for name, title, epochs in (('waterbirds', 'Waterbirds', 33), ('celeba', 'CelebA', 6)):  # ≈ SubpopBench's steps
        ds = DATASETS[name]
        fct.test_eq((ds.title, ds.n_classes, ds.n_attrs), (title, 2, 2))
        fct.test_eq((ds.metric, ds.takes), ('wga', ('limit',)))
        fct.test_eq(ds.defaults, dict(arch='resnet50', optimizer='sgd', lr=1e-4, weight_decay=0.01,
                                      batch_per_class=16, bn_eval=True, epochs=epochs))
