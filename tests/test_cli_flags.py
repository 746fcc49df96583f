"Settings from one source: every declared setting is a flag with the setting's default, and every flag a setting."
import argparse, functools
import fastcore.test as fct
from gerne_nb.cli import parser, spec_of, method_settings
from gerne_nb.config import DataConfig, TrainConfig, RunOptions, LaunchOptions, settings
from gerne_nb.experiment import make_spec

@functools.lru_cache  # one parser per command: building it is most of this file's time
def flags(command):
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    return {a.dest: a for a in sub._actions if a.option_strings and a.dest != 'help'}

SPEC = set(settings(DataConfig)) | set(settings(TrainConfig)) | set(method_settings())

def test_every_spec_setting_is_a_flag_of_train_and_sweep():
    for command in ('train', 'sweep'):
        missing = SPEC - set(flags(command))
        fct.test_eq(missing, set())

def test_every_flag_is_a_declared_setting():
    for command in ('train', 'sweep', 'describe', 'bounds', 'reproduce', 'table', 'figure'):
        extra = set(flags(command)) - SPEC - set(settings(RunOptions)) - set(settings(LaunchOptions))
        fct.test_eq((command, extra), (command, set()))

def test_defaults_are_the_declared_ones():
    args = parser().parse_args(['train'])
    fct.test_eq(spec_of(args), make_spec())  # no flag: every setting at its default (cmnist's own equal TrainConfig's)
    spec = spec_of(args)
    for name, s in {**settings(DataConfig), **settings(TrainConfig)}.items():
        if s.default is not None: fct.test_eq((name, spec[name]), (name, s.default))
    for name, s in (settings(RunOptions) | settings(LaunchOptions)).items():
        for command in ('train', 'sweep'):
            if name in flags(command) and s.type is not bool: fct.test_eq(flags(command)[name].default, s.default)

def test_help_shows_every_setting_with_its_doc():
    text = parser()._subparsers._group_actions[0].choices['train'].format_help()
    for name, s in {**settings(DataConfig), **settings(TrainConfig)}.items():
        assert f"--{name.replace('_', '-')}" in text, name
    assert '--jtt-up' in text and 'upsampling factor' in text and '--beta' in text

def test_each_flag_sets_its_setting():
    a = parser().parse_args(['train', '--lr', '0.05', '--epochs', '3', '--ratio', '2%', '--method', 'jtt', '--jtt-up', '5',
                             '--no-eval-train', '--optimizer', 'adam', '--pretrained', '--arch', 'resnet18'])
    s = spec_of(a)
    fct.test_eq((s['lr'], s['epochs'], s['ratio'], s['jtt_up'], s['optimizer'], s['weights'], s['attrs']),
                (0.05, 3, 0.02, 5.0, 'adam', 'imagenet', 'unknown'))
    a = parser().parse_args(['sweep', '--ratios', '0.005', '1%', '--methods', 'gerne', 'erm', '--betas', '1', '2'])
    fct.test_eq((a.ratio, a.method, a.beta), ([0.005, 0.01], ['gerne', 'erm'], [1.0, 2.0]))
